import { spawn, type ChildProcess } from 'node:child_process';
import { berichtHandlers } from '../src/modules';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { sleutelsUitConfig } from '../src/common/sleutels';
import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { jw305Xml, testBsn } from './helpers/berichten';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { KLOK_ENV, pinKlok } from './helpers/klok';
import { bouw, opruimen, tot, volg, vrijePoort, type Proces } from './helpers/processen';

pinKlok();

/**
 * The promise "a killed worker or a restarted Redis loses nothing, does nothing twice", tested
 * with real processes: a compiled worker that gets SIGKILLed mid-backlog, and a private
 * redis-server that gets SIGKILLed (and comes back empty) while messages are being processed.
 * Received messages wait in PostgreSQL and are claimed in batches, so neither loses anything: a
 * killed worker's batch never committed and is claimed again; Redis carries only deliveries.
 */
const ROOT = path.join(__dirname, '..');
const XSD_DIR = path.join(ROOT, '..', 'shared', 'ijw-3.2', 'xsd');
const N = 2000;
const IN_FLIGHT = 16;
const QUEUE_PREFIX = `crash-${randomBytes(4).toString('hex')}`;

let build: string; // private outDir: processes.test.ts builds into dist/ at the same time
let redisPort: number;
let redis: ChildProcess | undefined;
let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let owner: Client; // the owner sees every row: row-level security would hide them from hub_app
let token: string;
const workers: Proces[] = [];

/** Starts redis-server without persistence: a restart brings it back empty, like a lost node. */
async function startRedis(): Promise<ChildProcess> {
  const r = volg(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  await tot(`redis-server on ${redisPort} ready`, () => /Ready to accept connections/.test(r.out()), 10_000);
  return r.child;
}

async function kill(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

function startWorker(): Proces {
  const run = volg(spawn(process.execPath, [path.join(build, 'src', 'worker.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      QUEUE_PREFIX,
      WORKER_QUEUES: 'berichten',
      OUTBOX_POLL_MS: '50',
      OUTBOX_STALE_MS: '2000',
      // Jobs of the killed worker come back after the lock expires: short here, 30 s by default.
      QUEUE_LOCK_MS: '5000',
      JWT_SECRET: 'crash-test-secret-0123456789-abcdef',
      // Same keys as the api, or the worker could not decrypt what the api stored.
      HUB_ENCRYPTION_KEYS: api.cfg.HUB_ENCRYPTION_KEYS ?? '',
      HUB_BSN_HASH_KEY: api.cfg.HUB_BSN_HASH_KEY ?? '',
      IJW_XSD_DIR: XSD_DIR,
      // The worker's today is this file's: the messages' Dagtekening is not in its future.
      ...KLOK_ENV,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  }));
  workers.push(run);
  return run;
}

async function startedWorker(): Promise<Proces> {
  const w = startWorker();
  await tot('worker started', () => /worker started/.test(w.out()) || w.child.exitCode !== null, 120_000);
  if (w.child.exitCode !== null) throw new Error(`worker exited at start:\n${w.out()}`);
  return w;
}

/** A JW305 (start of care) from provider alfa to 's-Hertogenbosch, like berichten.test.ts. */
/** A taakgericht start for client number `i`: accepted without codes, whatever the order. */
function jw305(identificatie: string, i: number): string {
  return jw305Xml({ identificatie, bsn: testBsn(i) });
}

/**
 * POSTs N messages `${prefix}1..N`, IN_FLIGHT at a time; resolves with the ids the api gave. A
 * connection reset (a kept-alive socket the server closed just then) is sent again, as a client
 * would: the api answers an exact repeat of a message it has with 200 and the same id.
 */
async function postAll(prefix: string, offset: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const send = async (i: number, poging = 1): Promise<{ status: number; body: { id?: string } }> => {
    try {
      const res = await fetch(`${api.url}/ijw/berichten`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
        body: jw305(`${prefix}${i}`, offset + i),
      });
      return { status: res.status, body: (await res.json()) as { id?: string } };
    } catch (e) {
      if (poging >= 5 || !(e instanceof TypeError)) throw e;
      return send(i, poging + 1);
    }
  };
  const one = async () => {
    while (next < N) {
      const i = ++next;
      const { status, body } = await send(i);
      if ((status !== 202 && status !== 200) || !body.id) throw new Error(`POST ${prefix}${i}: ${status} ${JSON.stringify(body)}`);
      ids.push(body.id);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, one));
  return ids;
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await owner.query<T & Record<string, unknown>>(sql, params)).rows[0];
}

/** Inbound messages of this batch that are processed. */
async function verwerkt(prefix: string): Promise<number> {
  return (await one<{ n: number }>(`SELECT count(*)::int AS n FROM bericht WHERE richting = 'in' AND identificatie LIKE $1 AND status = 'verwerkt'`, [`${prefix}%`])).n;
}

/** Outbox rows of this batch (inbound messages and their retours) still open. */
async function open(prefix: string): Promise<number> {
  return (
    await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox o JOIN bericht b ON b.id = o.bericht_id JOIN bericht h ON h.id = coalesce(b.heen_id, b.id)
        WHERE h.identificatie LIKE $1 AND o.afgehandeld_op IS NULL`,
      [`${prefix}%`],
    )
  ).n;
}

async function done(prefix: string): Promise<boolean> {
  return (await verwerkt(prefix)) === N && (await open(prefix)) === 0;
}

/** Everything "loses nothing, does nothing twice" means, in rows. */
async function expectExactlyOnce(prefix: string, totalBerichten: number): Promise<void> {
  const like = `${prefix}%`;
  // Every inbound message processed, with no rule findings (a re-run would not change that, but a mix-up would).
  const inbound = await owner.query<{ status: string; n: number; met_codes: number }>(
    `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE cardinality(retourcodes) > 0)::int AS met_codes
       FROM bericht WHERE richting = 'in' AND identificatie LIKE $1 GROUP BY status`,
    [like],
  );
  expect(inbound.rows).toEqual([{ status: 'verwerkt', n: N, met_codes: 0 }]);
  // Exactly one retour per inbound message, and the inbound row points at that one.
  const retours = await owner.query<{ n: number; eigen: number }>(
    `SELECT count(r.id)::int AS n, bool_and(h.retour_id = r.id)::int AS eigen
       FROM bericht h LEFT JOIN bericht r ON r.heen_id = h.id
      WHERE h.richting = 'in' AND h.identificatie LIKE $1 GROUP BY h.id`,
    [like],
  );
  expect(retours.rows.length).toBe(N);
  expect(retours.rows.filter((r) => r.n !== 1 || r.eigen !== 1)).toEqual([]);
  // Every retour delivered (to the mailbox: alfa has no endpoint), none left 'klaar'.
  expect(
    (await owner.query(`SELECT r.richting, r.type, r.status, count(*)::int AS n FROM bericht r JOIN bericht h ON h.id = r.heen_id WHERE h.identificatie LIKE $1 GROUP BY 1, 2, 3`, [like])).rows,
  ).toEqual([{ richting: 'uit', type: 'JW306', status: 'beschikbaar', n: N }]);
  // One outbox row per message and per retour, all finished.
  const outbox = await owner.query(
    `SELECT o.soort, count(*)::int AS n, count(DISTINCT o.bericht_id)::int AS berichten, count(o.afgehandeld_op)::int AS afgehandeld
       FROM outbox o JOIN bericht b ON b.id = o.bericht_id JOIN bericht h ON h.id = coalesce(b.heen_id, b.id)
      WHERE h.identificatie LIKE $1 GROUP BY o.soort ORDER BY o.soort`,
    [like],
  );
  expect(outbox.rows).toEqual([{ soort: 'bezorg', n: N, berichten: N, afgehandeld: N }]);
  // Nothing anywhere else: no orphan retours, no stray rows.
  expect(await one(`SELECT count(*)::int AS n, count(*) FILTER (WHERE richting = 'uit' AND heen_id IS NULL)::int AS wees FROM bericht`)).toEqual({ n: totalBerichten, wees: 0 });
  expect(await one(`SELECT count(*)::int AS n FROM outbox`)).toEqual({ n: totalBerichten / 2 });
}

/** What the workers said about failed jobs and batches: a second retour would show up as a unique violation. */
function failedJobs(): string[] {
  return workers.flatMap((w) => w.out().split('\n')).filter((l) => /job failed|message batch/.test(l));
}

beforeAll(async () => {
  build = bouw();

  redisPort = await vrijePoort();
  redis = await startRedis();
  db = await createTestDatabase('crash');
  ds = await db.app({ poolSize: IN_FLIGHT });
  await seed(ds, FIXTURE);
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  api = await startTestApi(ds, { REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  // The api only pings Redis for /readyz; while Redis is killed its errors are expected.
  api.redis.on('error', () => undefined);
  token = await api.token({ rol: 'aanbieder', agb: AGB.alfa });
}, 300_000);

afterAll(async () => {
  for (const w of workers) await kill(w.child);
  await api?.close();
  await owner?.end();
  await db?.drop();
  await kill(redis);
  opruimen(build);
}, 60_000);

/**
 * Holds every JW305 mid-transaction: a clean start writes a levering row, and this lock lets the
 * worker read but not write that table. While a worker backend waits on it, that message's job is
 * provably in flight (its row locked, its outbox row not yet finished) and the batch not done.
 */
async function houdVerwerkingVast(): Promise<{ wachtend: () => Promise<number>; los: () => Promise<void> }> {
  const houder = new Client({ connectionString: db.ownerUrl });
  await houder.connect();
  await houder.query('BEGIN');
  await houder.query('LOCK TABLE levering IN EXCLUSIVE MODE');
  const pid = (await houder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  return {
    wachtend: async () =>
      (await one<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'hub-worker' AND $1 = ANY(pg_blocking_pids(pid))`, [pid])).n,
    los: async () => {
      await houder.query('COMMIT');
      await houder.end();
    },
  };
}

/** The queue has nothing left to run: no job waiting, active (a killed worker's included) or retrying. */
async function leeg(): Promise<boolean> {
  const q = new Queue('berichten', { connection: { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: 1 }, prefix: QUEUE_PREFIX });
  try {
    const n = await q.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
    return Object.values(n).every((x) => x === 0);
  } finally {
    await q.close();
  }
}

/** Every message handed to processing again, as a redrive may: it must change nothing. */
async function nogmaals(prefix: string): Promise<void> {
  const rows = await owner.query<{ id: string }>(`SELECT id FROM bericht WHERE richting = 'in' AND identificatie LIKE $1`, [`${prefix}%`]);
  const sleutels = sleutelsUitConfig(api.cfg);
  for (const r of rows.rows) expect((await verwerkBericht(ds, sleutels, r.id, { handlers: berichtHandlers() })).status).toBe('al-verwerkt');
}

describe('crash: a killed worker or a restarted Redis loses nothing, does nothing twice', () => {
  it('SIGKILL of a worker mid-backlog: a second worker finishes every message exactly once', async () => {
    const ids = await postAll('CA', 0);
    expect(new Set(ids).size).toBe(N);

    const w1 = await startedWorker();
    await tot('200 messages processed by worker 1', async () => (await verwerkt('CA')) >= 200, 120_000);
    const vast = await houdVerwerkingVast();
    await tot('worker 1 holding a message mid-transaction', async () => (await vast.wachtend()) > 0, 60_000);
    await kill(w1.child);
    const atKill = await verwerkt('CA');
    await vast.los();
    // Mid-run by construction: what the killed backends held never committed.
    expect(atKill).toBeGreaterThanOrEqual(200);
    expect(atKill).toBeLessThan(N);

    const w2 = await startedWorker();
    // The killed worker's batch never committed: its messages wait again and worker 2 claims them.
    await tot(`all ${N} processed by worker 2`, async () => (await done('CA')) && (await leeg()), 300_000);
    await expectExactlyOnce('CA', 2 * N);
    // Handed over twice, processed once: every message again, then the same rows.
    await nogmaals('CA');
    await expectExactlyOnce('CA', 2 * N);
    expect(w2.child.exitCode).toBeNull();
    expect(failedJobs()).toEqual([]);
    console.log(`scenario A: worker 1 killed after ${atKill}/${N}`);
  }, 600_000);

  it('SIGKILL of Redis while processing: processing goes on, nothing is lost or doubled', async () => {
    const worker = workers[workers.length - 1];
    expect(worker.child.exitCode).toBeNull();
    // Posting runs while the worker processes, and goes on while Redis is away (the api does not need it).
    const posting = postAll('CB', N);
    await tot('200 messages processed', async () => (await verwerkt('CB')) >= 200, 120_000);
    const vast = await houdVerwerkingVast();
    await tot('the worker holding a message mid-transaction', async () => (await vast.wachtend()) > 0, 60_000);
    const voorKill = worker.out().length;
    await kill(redis);
    const atKill = await verwerkt('CB');
    expect(atKill).toBeLessThan(N);
    // The relay runs into the dead Redis; the held batch then commits while it is away.
    await tot('the worker meeting the dead Redis', () => /outbox relay|ECONNREFUSED|Connection is closed/.test(worker.out().slice(voorKill)), 60_000);
    await vast.los();
    await tot('messages processed while Redis is away', async () => (await verwerkt('CB')) > atKill, 120_000);
    redis = await startRedis();
    const ids = await posting;
    expect(new Set(ids).size).toBe(N);

    // The worker must ride this out (ioredis reconnects); if it died, another one checks the invariants.
    await tot(`all ${N} processed after the Redis restart, or the worker gone`, async () => worker.child.exitCode !== null || worker.child.signalCode !== null || ((await done('CB')) && (await leeg())), 300_000);
    const survived = worker.child.exitCode === null && worker.child.signalCode === null;
    if (!survived) {
      console.log(`worker died when Redis went away (exit ${worker.child.exitCode}):\n${worker.out().slice(-3000)}`);
      await startedWorker();
      await tot(`all ${N} processed by a new worker`, async () => (await done('CB')) && (await leeg()), 300_000);
    }
    await expectExactlyOnce('CB', 4 * N);
    await nogmaals('CB');
    await expectExactlyOnce('CB', 4 * N);
    expect(failedJobs().filter((l) => /duplicate key|unique/i.test(l))).toEqual([]);
    console.log(`scenario B: Redis killed after ${atKill}/${N}; worker survived: ${survived}; failures logged: ${failedJobs().length}`);
    expect(survived).toBe(true);
  }, 600_000);
});
