/* global module, process, require */
'use strict';
// Debian's chromium: the only browser the tests drive (never a downloaded one).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, loaded by the jest globalSetup too
const fs = require('node:fs');
function chromiumPath() {
  const path = process.env.SAGSSPOR_CHROMIUM || '/usr/bin/chromium';
  return fs.existsSync(path) ? path : null;
}
module.exports = { chromiumPath };
