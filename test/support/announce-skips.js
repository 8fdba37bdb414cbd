/* global module, process, require */
// Jest globalSetup: says plainly, once per run, which server-adapter contract
// suites will be skipped (jest hides the console of suites whose tests all skip).
'use strict';
module.exports = async () => {
  const notices = [
    ['EVENTSTORE_URL', 'EventStoreDB contract suite skipped: EVENTSTORE_URL is not set'],
    ['MONGODB_URL', 'MongoDB read-model contract suite skipped: MONGODB_URL is not set'],
  ];
  for (const [name, message] of notices) if (!process.env[name]) process.stdout.write(`\n${message}\n`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS globalSetup
  await require('./check-servers.js')();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS globalSetup
  const { chromiumPath } = require('../pages/support/chromium-path.js');
  if (chromiumPath() === null)
    process.stdout.write('\nBrowser tests skipped: no Chromium at /usr/bin/chromium (bash .ci/run installs it)\n');
};
