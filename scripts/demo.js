#!/usr/bin/env node
// `npm run demo`: builds (saying so while tsc runs, which takes 15–80 s), then runs the demo
// (dist/src/demo.js) with the given arguments; Ctrl-C and SIGTERM go to the demo, which stops
// its api and worker.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const root = path.join(__dirname, '..');

function run(args, label) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const tik = label && setInterval(() => process.stdout.write(`${label} … ${Math.round((Date.now() - t0) / 1000)} s\n`), 5000);
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    const door = (sig) => child.kill(sig);
    process.on('SIGINT', door);
    process.on('SIGTERM', door);
    child.on('exit', (code, signal) => {
      if (tik) clearInterval(tik);
      process.off('SIGINT', door);
      process.off('SIGTERM', door);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

(async () => {
  const t0 = Date.now();
  process.stdout.write('bouwen (tsc) …\n');
  // A fresh dist: tsc never deletes the output of a source that was renamed or removed (a stale
  // migration would run beside its successor).
  require('node:fs').rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  let code = await run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], 'bouwen');
  if (code === 0) code = await run([path.join(root, 'scripts/copy-assets.js')]);
  if (code !== 0) process.exit(code);
  process.stdout.write(`gebouwd in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  process.exit(await run([path.join(root, 'dist/src/demo.js'), ...process.argv.slice(2)]));
})();
