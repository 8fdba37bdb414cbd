#!/usr/bin/env node
// Compiles apps, libs and benches into dist/ (tsc, then tsc-alias rewrites the
// @sagsspor/* path aliases). Skips the work when nothing changed since the last
// build, so `npm start`, `npm test` and the CLI stay quick to call repeatedly.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const watched = ['apps', 'libs', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

function upToDate() {
  try {
    const built = fs.statSync(stamp).mtimeMs;
    return watched.every((w) => newestMtime(path.join(root, w)) <= built);
  } catch {
    return false;
  }
}

if (!process.argv.includes('--force') && upToDate()) process.exit(0);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
try {
  process.stderr.write('Building sagsspor ...\n');
  execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
} catch {
  process.stderr.write('Build failed.\n');
  process.exit(1);
}
// Templates and page assets are read at run time from beside the compiled code.
for (const dir of ['apps/api/src/pages/views', 'apps/api/src/pages/assets']) {
  fs.rmSync(path.join(root, 'dist', dir), { recursive: true, force: true });
  fs.cpSync(path.join(root, dir), path.join(root, 'dist', dir), { recursive: true });
}
fs.writeFileSync(stamp, new Date().toISOString());
