#!/usr/bin/env node
// Runs jest and ends with the one line CI reads: "N passed, N failed".
// A suite that fails to load counts as one failure, so a broken file can never pass silently.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const out = path.join(os.tmpdir(), `jest-result-${process.pid}.json`);
const args = ['--json', `--outputFile=${out}`, ...process.argv.slice(2)];
const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit', env: { ...process.env, HUB_SILENT: '1', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim() } });
let passed = 0;
let failed = 0;
try {
  const res = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = res.numPassedTests;
  failed = res.numFailedTests;
  for (const s of res.testResults) if (s.status === 'failed' && s.assertionResults.length === 0) failed += 1;
  fs.unlinkSync(out);
} catch {
  failed += 1;
}
if (passed + failed === 0) failed = 1; // no test ran: that is a failure, not a pass
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || r.status !== 0 ? 1 : 0);
