import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { tot, volg, vrijePoort, type Proces } from './helpers/processen';

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
  // The queues of every process started here.
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`test-${process.pid}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

function run(file: string, env: Record<string, string>, args: string[] = []): Proces {
  return volg(
    spawn(process.execPath, [path.resolve(DIST, file), ...args], {
      env: { PATH: process.env.PATH ?? '', JWT_SECRET: 'process-test-secret-0123456789-abcdef', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

const until = (check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> => tot('condition', check, ms);

/** The JSON log line whose message is `msg`, from a process's output (other output skipped). */
function regel(out: string, msg: string): Record<string, unknown> | undefined {
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    if (r.msg === msg) return r;
  }
  return undefined;
}

/** The exit code, or after `ms` a SIGTERM (a supervisor passes it on) and a failure. */
async function exited(r: Proces, ms = 20_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const code = await Promise.race([r.exit, late]).finally(() => clearTimeout(timer));
  if (code !== 'late') return code;
  r.child.kill('SIGTERM');
  await r.exit;
  throw new Error(`process did not exit within ${ms} ms:\n${r.out()}`);
}


/** The value of the series `name` whose labels include `labels`, from Prometheus text; undefined when absent. */
function metric(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

const METRICS_TOKEN = 'process-metrics-token-0123456789';

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
    // A plain script, no build: it runs from scripts/, not from dist.
    const token = path.join(__dirname, '..', 'scripts', 'token.js');
    const r = run(token, env(), ['--rol', 'aanbieder', '--agb', '71000001']);
    expect(await r.exit).toBe(0);
    const payload = JSON.parse(Buffer.from(r.out().trim().split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ rol: 'aanbieder', agb: '71000001' });
    const bad = run(token, env(), ['--rol', 'aanbieder']);
    expect(await bad.exit).toBe(2);
    expect(bad.out()).toMatch(/agb/);
  });

  it('a second api on a busy port exits non-zero naming the port, and never says it listens', async () => {
    const busy = net.createServer();
    const port = await new Promise<number>((resolve) => busy.listen(0, () => resolve((busy.address() as net.AddressInfo).port)));
    try {
      const r = run('main.js', { ...env(), PORT: String(port) });
      expect(await exited(r)).toBe(1);
      expect(r.out()).toContain(`api failed to start`);
      expect(r.out()).toContain(`port ${port} is already in use (EADDRINUSE)`);
      expect(r.out()).not.toMatch(/api listening/);
    } finally {
      busy.close();
    }
  });

  it('api serves metrics on a port of their own, behind the token, labelled as the api', async () => {
    const [port, metricsPort] = [await vrijePoort(), await vrijePoort()];
    const r = run('main.js', { ...env(), PORT: String(port), METRICS_PORT: String(metricsPort), METRICS_TOKEN });
    try {
      await until(() => /api listening/.test(r.out()) || r.child.exitCode !== null);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
      const url = `http://127.0.0.1:${metricsPort}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const text = await (await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      expect(metric(text, 'hub_termijnen_verlopen', { soort: 'retour', process: 'api' })).toBe(0);
      expect(metric(text, 'process_start_time_seconds', { process: 'api' })).toBeGreaterThan(0);
    } finally {
      r.child.kill('SIGTERM');
      await r.exit;
    }
  });

  it('api and worker exit non-zero naming the service they cannot reach at start', async () => {
    const api = run('main.js', { ...env(), PORT: String(await vrijePoort()), REDIS_URL: 'redis://127.0.0.1:2' });
    expect(await exited(api)).toBe(1);
    expect(regel(api.out(), 'api failed to start')?.error).toMatch(/cannot connect to Redis at 127\.0\.0\.1:2/);
    expect(api.out()).not.toMatch(/api listening/);
    const redis = run('worker.js', { ...env(), REDIS_URL: 'redis://127.0.0.1:2' });
    expect(await exited(redis)).toBe(1);
    expect(regel(redis.out(), 'worker failed to start')?.error).toMatch(/cannot connect to Redis at 127\.0\.0\.1:2/);
    const pg = run('worker.js', { ...env(), DATABASE_URL: 'postgres://hub_app@127.0.0.1:1/x' });
    expect(await exited(pg)).toBe(1);
    expect(regel(pg.out(), 'worker failed to start')?.error).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
  });

  it('an uncaught error or unhandled rejection ends a process non-zero with a log line saying why', async () => {
    for (const fail of ['setImmediate(() => { throw new Error("boom") })', 'void Promise.reject(new Error("boom"))']) {
      const r = volg(spawn(process.execPath, ['-e', `require(${JSON.stringify(path.join(DIST, 'runtime.js'))}).exitOnFatal('worker'); ${fail}`], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] }));
      expect(await exited(r)).toBe(1);
      expect(JSON.parse(r.out().trim())).toMatchObject({ level: 'error', msg: 'worker fatal error', error: 'boom' });
    }
  });

  it('worker serves its own metrics: jobs by queue and name, durations, queue depth, backlog', async () => {
    // A prefix of its own: the count below is of this worker's jobs only. Port 0: the worker
    // binds a free port itself and names it (a port chosen here could be taken meanwhile).
    const r = run('worker.js', { ...env(), QUEUE_PREFIX: `test-${process.pid}-metrics`, WORKER_METRICS_PORT: '0', METRICS_TOKEN });
    try {
      await until(() => /worker started/.test(r.out()) || r.child.exitCode !== null);
      expect(r.child.exitCode).toBeNull();
      const url = /"metrics":"(http:\/\/127\.0\.0\.1:\d+\/metrics)"/.exec(r.out())?.[1] ?? '';
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/metrics$/);
      expect((await fetch(url)).status).toBe(401);
      const scrape = async () => (await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      // At start the worker runs the lumpsum advances once: a real job through BullMQ.
      const job = { queue: 'onderhoud', name: 'lumpsum-voorschotten', outcome: 'ok', process: 'worker' };
      let text = '';
      await until(async () => metric((text = await scrape()), 'hub_jobs_processed_total', job) === 1);
      expect(metric(text, 'hub_job_duration_seconds_count', job)).toBe(1);
      expect(metric(text, 'hub_jobs_processed_total', { outcome: 'failed' })).toBeUndefined();
      // The two daily schedulers of `onderhoud` (contract status, lumpsum advances) each keep their next run delayed.
      // Queue depth is sampled on its own interval: it may still show the finished job as active, so wait for it to settle.
      const depth = (t: string) => Object.fromEntries(['onderhoud', 'berichten'].flatMap((queue) => ['waiting', 'active', 'delayed', 'failed'].map((state) => [`${queue} ${state}`, metric(t, 'hub_queue_jobs', { queue, state })])));
      const rust = {
        'onderhoud waiting': 0, 'onderhoud active': 0, 'onderhoud delayed': 2, 'onderhoud failed': 0,
        'berichten waiting': 0, 'berichten active': 0, 'berichten delayed': 0, 'berichten failed': 0,
      };
      await until(async () => JSON.stringify(depth((text = await scrape()))) === JSON.stringify(rust));
      expect(depth(text)).toEqual(rust);
      expect(metric(text, 'hub_outbox_open', { process: 'worker' })).toBe(0);
      expect(metric(text, 'hub_outbox_oldest_seconds', {})).toBe(0);
      expect(metric(text, 'hub_dead_letters', {})).toBe(0);
      expect(metric(text, 'hub_database_gauges_computed_seconds', {})).toBeGreaterThan(0);
    } finally {
      r.child.kill('SIGTERM');
      await r.exit;
    }
  });

  it('demo starts the chain simulators, and stops the worker and fails naming the api when the api dies', async () => {
    const port = await vrijePoort();
    // A small year of traffic: this test is about the processes, not the demo's figures.
    const r = run('demo.js', { ...env(), PORT: String(port), QUEUE_PREFIX: `test-${process.pid}-demo` }, ['--clienten', '2']);
    await until(() => /Ctrl-C stopt api en worker/.test(r.out()) || r.child.exitCode !== null, 60_000);
    // The chain from the simulators, with the first provider on the portal.
    expect(r.out()).toMatch(/GGk: +http:\/\/127\.0\.0\.1:\d+\/OntvangAsynchroon/);
    expect(r.out()).toMatch(/AGB \d{8} gebruikt het portaal/);
    const api = Number(execFileSync('pgrep', ['-P', String(r.child.pid), '-f', 'main.js']).toString().trim());
    process.kill(api, 'SIGKILL');
    expect(await exited(r)).toBe(1);
    expect(r.out()).toContain('demo gestopt: api was killed by SIGKILL; worker gestopt');
    expect(r.out()).toMatch(/worker stopped/);
  }, 90_000);

  it('demo says which service is unreachable, where, and how to start it', async () => {
    const r = run('demo.js', { ...env(), DATABASE_OWNER_URL: 'postgres://postgres@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:2' });
    expect(await r.exit).toBe(1);
    expect(r.out()).toMatch(/PostgreSQL is not reachable at 127\.0\.0\.1:1/);
    expect(r.out()).toMatch(/Redis is not reachable at 127\.0\.0\.1:2/);
    expect(r.out()).toMatch(/docker compose -f docker\/compose\.yml up -d/);
  });
});
