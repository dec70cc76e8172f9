import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Real worker processes for integration tests: the code compiled with tsc into a private
 * directory (processes.test.ts builds into dist/ at the same time), started as an operator
 * starts them.
 */
const ROOT = path.join(__dirname, '..', '..');

export interface Proces {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

/** Compiles the hub into a fresh temporary directory; returns it (remove it with `opruimen`). */
export function bouw(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-test-build-'));
  // Compiled files resolve their packages by walking up from the build dir.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', dir], { stdio: 'inherit' });
  // What scripts/copy-assets.js does for dist/: tsc does not copy the .cjs loader.
  const loader = path.join('src', 'messaging', 'ijw', 'libxml2-loader.cjs');
  fs.copyFileSync(path.join(ROOT, loader), path.join(dir, loader));
  return dir;
}

export function opruimen(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

async function tot(wat: string, check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${wat}: not reached in ${ms} ms`);
}

/** Starts `worker.js` of a build with the given environment and waits until it says it started. */
export async function startWorkerProces(dir: string, env: Record<string, string>): Promise<Proces> {
  const child = spawn(process.execPath, [path.join(dir, 'src', 'worker.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const p: Proces = { child, out: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
  await tot('worker started', () => /worker started/.test(out) || child.exitCode !== null, 30_000);
  if (child.exitCode !== null) throw new Error(`worker exited at start:\n${out}`);
  return p;
}

/** Stops a process with SIGTERM and waits for it to exit. */
export async function stop(p: Proces | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exit;
}
