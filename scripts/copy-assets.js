#!/usr/bin/env node
// tsc does not copy plain .cjs files; the build needs the libxml2 loader beside its caller.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
for (const rel of ['src/messaging/ijw/libxml2-loader.cjs']) {
  const to = path.join(root, 'dist', rel);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(root, rel), to);
}
