#!/usr/bin/env node
// `npm run -s cli -- <command>`: builds when the sources changed, then runs the
// compiled CLI. Build output goes to stderr so stdout stays pure JSON.
// `rebuild` runs in a child process with its own V8 heap bound
// (apps/cli/src/rebuild-process.ts); everything else runs in this process.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const build = spawnSync(process.execPath, [path.join(__dirname, 'build.js')], { stdio: ['ignore', 2, 2] });
if (build.status !== 0) process.exit(build.status ?? 1);
const main = path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js');
const args = process.argv.slice(2);

if (args[0] !== 'rebuild') {
  require(main);
} else {
  let flags;
  try {
    flags = require(path.join(root, 'dist', 'apps', 'cli', 'src', 'rebuild-process.js')).rebuildNodeFlags();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  // The IPC channel tells the child when this process is gone, even by SIGKILL (rebuild-process.ts).
  const child = spawn(process.execPath, [...flags, main, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  // A stop asked of this process is a stop of the rebuild: it leaves the live model as it was.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    // V8 aborts a process that reaches its heap bound.
    if (signal === 'SIGABRT' || code === 134)
      process.stderr.write(`The rebuild ran out of memory (${flags.join(' ')}): set SAGSSPOR_REBUILD_HEAP_MB higher and run it again.\n`);
    // As a shell reports a child ended by a signal: 128 + its number.
    process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
  });
}
