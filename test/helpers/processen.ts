import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WACHT_MS, wachtTot } from './wacht';

/**
 * Real processes for integration tests: the code compiled with tsc into a private directory
 * (processes.test.ts builds into dist/ at the same time), started as an operator starts them.
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
  // tsc does not copy plain files (the .cjs loader, the dashboard the api serves): the same copy as for dist/.
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'copy-assets.js'), dir], { stdio: 'inherit' });
  return dir;
}

export function opruimen(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** Polls a state until it holds, with a deadline of its own for the long waits on processes (see `wachtTot`). */
export async function tot(wat: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  await wachtTot(wat, check, Math.max(ms, WACHT_MS));
}

/** A child process with its output (stdout and stderr together) and its exit code. */
export function volg(child: ChildProcess): Proces {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function vrijePoort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `worker.js` of a build with the given environment and waits until it says it started. */
export async function startWorkerProces(dir: string, env: Record<string, string>): Promise<Proces> {
  const p = volg(spawn(process.execPath, [path.join(dir, 'src', 'worker.js')], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  await tot('worker started', () => /worker started/.test(p.out()) || p.child.exitCode !== null, 30_000);
  if (p.child.exitCode !== null) throw new Error(`worker exited at start:\n${p.out()}`);
  return p;
}

/** Stops a process with SIGTERM and waits for it to exit. */
export async function stop(p: Proces | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exit;
}
