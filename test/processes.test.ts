import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/db';

/**
 * The entry points as an operator runs them: built with tsc, started as processes, stopped with
 * SIGTERM. Slow-ish (one build), so everything shares one build and one database.
 */
const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'src');
let db: TestDatabase;

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'copy-assets.js')], { stdio: 'inherit' });
  db = await createTestDatabase('processes');
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

interface Run {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

function run(file: string, env: Record<string, string>, args: string[] = []): Run {
  const child = spawn(process.execPath, [path.join(DIST, file), ...args], {
    env: { PATH: process.env.PATH ?? '', JWT_SECRET: 'process-test-secret-0123456789-abcdef', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function until(check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

async function connections(app: string): Promise<number> {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  const r = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = $2', [db.name, app]);
  await c.end();
  return r.rows[0].n;
}

describe('processes', () => {
  const env = () => ({ DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, QUEUE_PREFIX: `test-${process.pid}` });

  it('refuses to start on bad config, naming the variable', async () => {
    const r = run('main.js', { ...env(), PORT: 'abc' });
    expect(await r.exit).toBe(78);
    expect(r.out()).toMatch(/PORT/);
  });

  it('api serves until SIGTERM, then drains and closes every connection', async () => {
    const port = String(40_000 + (process.pid % 20_000));
    const r = run('main.js', { ...env(), PORT: port });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).then((x) => x.status, () => 0)) === 200);
    expect(await connections('hub-api')).toBeGreaterThan(0);
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.out()).toMatch(/api stopped/);
    await until(async () => (await connections('hub-api')) === 0, 5000);
  });

  it('worker starts its queues and stops cleanly on SIGTERM', async () => {
    const r = run('worker.js', env());
    await until(() => /worker started/.test(r.out()));
    r.child.kill('SIGTERM');
    expect(await r.exit).toBe(0);
    expect(r.out()).toMatch(/worker stopped/);
    await until(async () => (await connections('hub-worker')) === 0, 5000);
  });

  it('worker refuses an unknown queue name', async () => {
    const r = run('worker.js', { ...env(), WORKER_QUEUES: 'onderhoud,bestaatniet' });
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/bestaatniet/);
  });

  it('two migrate processes at once both succeed', async () => {
    const [a, b] = [run('migrate.js', env()), run('migrate.js', env())];
    expect(await Promise.all([a.exit, b.exit])).toEqual([0, 0]);
    expect(a.out() + b.out()).toMatch(/migrations done/);
  });

  it('token prints a JWT with the claims asked for', async () => {
    const r = run(path.join('cli', 'token.js'), env(), ['--rol', 'aanbieder', '--agb', '71000001']);
    expect(await r.exit).toBe(0);
    const payload = JSON.parse(Buffer.from(r.out().trim().split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ rol: 'aanbieder', agb: '71000001' });
    const bad = run(path.join('cli', 'token.js'), env(), ['--rol', 'aanbieder']);
    expect(await bad.exit).toBe(2);
    expect(bad.out()).toMatch(/agb/);
  });

  it('demo says which service is unreachable, where, and how to start it', async () => {
    const r = run('demo.js', { ...env(), DATABASE_OWNER_URL: 'postgres://postgres@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:2' });
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:1/);
    expect(r.out()).toMatch(/Redis is not reachable at 127\.0\.0\.1:2/);
    expect(r.out()).toMatch(/docker compose -f docker\/compose\.yml up -d/);
  });
});
