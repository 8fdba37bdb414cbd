#!/usr/bin/env node
// `npm run -s cli -- <command>`: builds when the sources changed, then runs the
// compiled CLI. Build output goes to stderr so stdout stays pure JSON.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: ['ignore', 2, 2] });
if (build.status !== 0) process.exit(build.status ?? 1);
require(path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'));
