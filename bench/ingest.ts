import 'reflect-metadata';
import { berichtHandlers } from '../src/modules';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { hubDataSource } from '../src/modules';
import { withTenant } from '../src/db/tenant';
import { writeMessage, parseMessage, type IjwMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { libxml2 } from '../src/messaging/ijw/xml';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { bezorgBericht } from '../src/messaging/processing/bezorging';
import { startRelay } from '../src/messaging/processing/relay';
import { startVerwerker } from '../src/messaging/processing/verwerker';
import { figure, httpPoster } from './lib';
import { ggkEnvelopes, type Bv03Antwoorder } from './ggk';
import { loadConfig } from '../src/config/config';
import { bezorgkanalen } from '../src/modules';
import type { Bezorgkanaal } from '../src/messaging/processing/bezorgkanaal';
import { sleutelsUitConfig, type SleutelConfig, type Sleutels } from '../src/common/sleutels';

/**
 * The message path under load (`ingest`) and one large declaration (`jw323_parse`), each next to
 * raw baselines measured in the same run. `bench.ts` wires these into `npm run bench`; this file
 * is also the entry of the child processes it forks (worker side, JW323 measurements).
 *
 * ingest: the api runs in the bench process (with the HTTP client); the worker side (BullMQ
 * worker on `berichten` calling verwerkBericht/bezorgBericht, plus the outbox relay, as
 * src/worker.ts runs them) in one child process with concurrency 8 by default. On the 2-core
 * machine this was measured against 2 processes × 8, in-process × 8 and 1 × 16: none was better,
 * because PostgreSQL, not the worker's event loop, is what is saturated (see the CPU line).
 * Besides the rates, the run prints CPU milliseconds per message of each part (api, worker,
 * PostgreSQL backends of the scratch database, Redis), which stays comparable when other load
 * shares the machine and the rates do not.
 */

/** Messages posted in the timed ingest run (a quick run: BENCH_INGEST_MESSAGES=2000). */
export const INGEST_MESSAGES = Number(process.env.BENCH_INGEST_MESSAGES ?? 20_000);
/** HTTP callers posting at once. */
const HTTP_CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 32);
/** Api processes (dist/src/main.js) the posts are spread over; 0: the api in the bench process. */
const API_PROCESSES = Number(process.env.BENCH_INGEST_APIS ?? 0);
/** Worker-side processes: 0 runs the BullMQ worker and the relay in the bench process itself. */
const WORKER_PROCESSES = Number(process.env.BENCH_INGEST_WORKERS ?? 1);
/** Batches at once per worker process (the deployed worker: PROCESS_CONCURRENCY, 2). */
const WORKER_CONCURRENCY = Number(process.env.BENCH_INGEST_WORKER_CONCURRENCY ?? 2);
/** Most messages in a batch (the deployed worker: PROCESS_BATCH_SIZE, 100). */
const BATCH_SIZE = Number(process.env.BENCH_INGEST_BATCH ?? 100);
/** Outbox relay poll interval (the deployed default, OUTBOX_POLL_MS, is 100). */
const RELAY_POLL_MS = Number(process.env.BENCH_INGEST_POLL_MS ?? 100);
const WARMUP_MESSAGES = Math.min(500, Math.max(50, Math.floor(INGEST_MESSAGES / 20)));
/**
 * With ggk_ingest, the rounds in which the two doors take turns (the first alternating): the
 * machine's speed drifts during a run (a shared host, a checkpoint, a growing database), and a
 * ratio of two phases run one after the other would measure that drift too.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_INGEST_ROUNDS ?? 4));
const JW323_PRESTATIES = Number(process.env.BENCH_JW323_PRESTATIES ?? 10_000);
const JW323_RUNS = 5;

/**
 * The official XSDs: IJW_XSD_DIR or beside the project. defaultXsdDir() counts its `..` from
 * src/messaging/ijw, so from dist/ it points one level too shallow (/work/main/shared); the
 * fallbacks are the same directory seen from dist/bench and from bench/.
 */
export function xsdDir(): string {
  const candidates = [defaultXsdDir(), path.resolve(__dirname, '..', '..', '..', 'shared', 'ijw-3.2', 'xsd'), path.resolve(__dirname, '..', '..', 'shared', 'ijw-3.2', 'xsd')];
  const found = candidates.find((d) => existsSync(path.join(d, 'basisschema.xsd')));
  if (!found) throw new Error(`iJw XSDs not found (tried ${candidates.join(', ')}); set IJW_XSD_DIR`);
  return found;
}

function redisConnection(redisUrl: string): ConnectionOptions {
  const u = new URL(redisUrl);
  return { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Messages

export interface Afzender {
  agb: string;
  gemeente: string;
  product: { categorie: string; code: string };
}

/** The i-th of many distinct valid BSNs (11-proef): a first digit, i in 7 digits, the check digit. */
export function bsnNummer(i: number): string {
  for (let eerste = 1; eerste <= 9; eerste++) {
    const acht = `${eerste}${String(i).padStart(7, '0')}`;
    let som = 0;
    for (let k = 0; k < 8; k++) som += (9 - k) * Number(acht[k]);
    if (som % 11 < 10) return `${acht}${som % 11}`;
  }
  throw new Error(`no BSN for ${i}`);
}

/** A small, XSD-valid JW305 (one taakgericht start of care) for client number `i`, with its own Identificatie. */
export function jw305(a: Afzender, identificatie: string, dagtekening: string, i: number): string {
  const m = sampleMessage('JW305', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = a.agb;
  h.Ontvanger = a.gemeente;
  h.BerichtIdentificatie = { Identificatie: identificatie, Dagtekening: dagtekening };
  const client = m.bericht.Client as IjwNode;
  client.Bsn = bsnNummer(i);
  const start = ((client.StartProducten as IjwNode).StartProduct as IjwNode[])[0];
  delete start.ToewijzingNummer;
  start.StatusAanlevering = '1';
  start.Product = { Categorie: a.product.categorie, Code: a.product.code };
  start.Begindatum = dagtekening;
  return writeMessage(m);
}

/** A JW323 declaration with `n` prestaties, as src/messaging/ijw/codec.spec.ts builds it. */
export function jw323(n: number): string {
  const model: IjwMessage = sampleMessage('JW323', 'minimal');
  const clienten = (model.bericht.Declaratie as IjwNode).Clienten as IjwNode;
  const prestaties = (clienten.Client as IjwNode[])[0].Prestaties as IjwNode;
  const one = (prestaties.Prestatie as IjwNode[])[0];
  prestaties.Prestatie = Array.from({ length: n }, (_, i) => ({ ...one, ProductReferentie: { ...(one.ProductReferentie as IjwNode), ReferentieNummer: `REF${i}` } }));
  return writeMessage(model);
}

// ---------------------------------------------------------------------------------------------
// Worker side: what src/worker.ts runs for the `berichten` queue, with a chosen concurrency.

interface WorkerSideOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  pollMs: number;
  relay: boolean;
  /** Where the worker LISTENs for the inbox's notifications. */
  listenUrl: string;
  /** Chain channels (the GGk) for providers reached through the chain, as src/worker.ts gives bezorgBericht. */
  kanalen: readonly Bezorgkanaal[];
}

/** What the worker side finished, from its jobs' results (cheaper than counting rows while it runs). */
interface Voortgang {
  verwerkt: number;
  ongeldig: number;
  metCodes: number;
  bezorgd: number;
  /** Retours delivered through a chain channel (the GGk answered Bv03). */
  afgeleverd: number;
  failed: number;
  /** Retours with codes, by their codes. */
  codes: Record<string, number>;
}

const nul = (): Voortgang => ({ verwerkt: 0, ongeldig: 0, metCodes: 0, bezorgd: 0, afgeleverd: 0, failed: 0, codes: {} });

function startWorkerSide(ds: DataSource, sleutels: Sleutels, o: WorkerSideOptions): { close: () => Promise<void>; voortgang: Voortgang; bezorging: (aan: boolean) => Promise<void> } {
  const connection = redisConnection(o.redisUrl);
  const queue = new Queue('berichten', { connection, prefix: o.prefix });
  const v = nul();
  // Deliveries: none for the demo providers, which have no endpoint (a retour is in their mailbox
  // the moment it is written), except through the GGk for a provider that sent through it.
  const worker = new Worker(
    'berichten',
    async (job) => {
      const r = await bezorgBericht(ds, sleutels, (job.data as { berichtId: string }).berichtId, undefined, o.kanalen);
      if (r.status === 'afgeleverd') v.afgeleverd += 1;
      else if (r.status === 'beschikbaar') v.bezorgd += 1;
      return r;
    },
    { connection, prefix: o.prefix, concurrency: 4 },
  );
  worker.on('failed', (job, err) => {
    v.failed += 1;
    if (v.failed <= 5) process.stderr.write(`bench worker: job ${job?.name ?? '?'} failed: ${err.message}\n`);
  });
  // Received messages, in batches, as src/worker.ts runs them.
  const verwerker = startVerwerker(
    ds,
    sleutels,
    { parallel: o.concurrency, pollMs: o.pollMs, grootte: BATCH_SIZE, listenUrl: o.listenUrl, handlers: berichtHandlers() },
    {
      onError: (e) => {
        v.failed += 1;
        if (v.failed <= 5) process.stderr.write(`bench worker: batch failed: ${(e as Error).message}\n`);
      },
      onBatch: (batch) => {
        for (const r of batch.values()) {
          // The retour is in a mailbox provider's mailbox at once; through the GGk it is delivered by a job (afgeleverd).
          if (r.status === 'verwerkt' && r.retourId) {
            v.verwerkt += 1;
            v.bezorgd += 1;
          }
          if (r.status === 'ongeldig') v.ongeldig += 1;
          if (r.status === 'mislukt' || r.status === 'vastgelopen') v.failed += 1;
          if (r.retourcodes?.length) {
            v.metCodes += 1;
            const k = r.retourcodes.join(',');
            v.codes[k] = (v.codes[k] ?? 0) + 1;
          }
        }
      },
    },
  );
  // staleMs: the deployed default of OUTBOX_STALE_MS.
  const relay = o.relay ? startRelay(ds, queue, { intervalMs: o.pollMs, staleMs: 30_000 }, (e) => process.stderr.write(`bench relay: ${(e as Error).message}\n`)) : undefined;
  return {
    voortgang: v,
    // Deliveries held (jobs wait in the queue) or released.
    bezorging: async (aan) => (aan ? worker.resume() : await worker.pause()),
    async close() {
      await verwerker.stop();
      await relay?.stop();
      await worker.close();
      await queue.close();
    },
  };
}

/** The chain channels src/worker.ts gives bezorgBericht, configured as the api is (`apiEnv` as JSON). */
function kanalenVan(ds: DataSource, apiEnv: string | undefined): Bezorgkanaal[] {
  return bezorgkanalen({ cfg: loadConfig({ ...process.env, ...(JSON.parse(apiEnv ?? '{}') as Record<string, string>) }), ds });
}

/** Child process: the worker side on its own DataSource, reporting progress, until the parent says stop. */
async function workerChild(): Promise<void> {
  const env = process.env;
  const concurrency = Number(env.BENCH_WORKER_CONCURRENCY);
  const ds = hubDataSource(env.BENCH_WORKER_DB_URL ?? '', { poolSize: concurrency + 2, applicationName: 'bench-worker' });
  await ds.initialize();
  const side = startWorkerSide(ds, sleutelsUitConfig(JSON.parse(env.BENCH_WORKER_SLEUTELS ?? '{}') as SleutelConfig), {
    redisUrl: env.BENCH_WORKER_REDIS_URL ?? 'redis://127.0.0.1:6379',
    prefix: env.BENCH_WORKER_PREFIX ?? '',
    concurrency,
    pollMs: Number(env.BENCH_WORKER_POLL_MS),
    relay: env.BENCH_WORKER_RELAY === '1',
    listenUrl: env.BENCH_WORKER_DB_URL ?? '',
    kanalen: kanalenVan(ds, env.BENCH_WORKER_API_ENV),
  });
  let sent = '';
  const report = setInterval(() => {
    const now = JSON.stringify(side.voortgang);
    if (now !== sent) process.send?.({ voortgang: side.voortgang });
    sent = now;
  }, 20);
  process.on('message', (m) => {
    const b = (m as { bezorging?: boolean }).bezorging;
    if (b !== undefined) void side.bezorging(b).then(() => process.send?.({ bezorging: b }));
    if (m !== 'stop') return;
    clearInterval(report);
    void (async () => {
      await side.close();
      await ds.destroy();
      process.send?.({ stopped: side.voortgang }, () => process.exit(0));
    })();
  });
  // The bench process went away (it failed or was stopped): do not linger with open pools.
  process.on('disconnect', () => process.exit(0));
  process.send?.('ready');
}

interface WorkerHandle {
  pid?: number;
  voortgang: () => Voortgang;
  bezorging: (aan: boolean) => Promise<void>;
  stop: () => Promise<void>;
}

async function startWorkerChild(env: Record<string, string>): Promise<WorkerHandle> {
  const proc: ChildProcess = fork(__filename, ['worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let v = nul();
  let exited = false;
  let stopped: () => void = () => undefined;
  proc.on('exit', () => {
    exited = true;
    stopped();
  });
  await new Promise<void>((resolve, reject) => {
    proc.once('message', () => resolve());
    proc.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  proc.on('message', (m) => {
    const msg = m as { voortgang?: Voortgang; stopped?: Voortgang };
    if (msg.voortgang) v = msg.voortgang;
    if (msg.stopped) v = msg.stopped;
  });
  return {
    pid: proc.pid,
    voortgang: () => v,
    bezorging: (aan) =>
      new Promise<void>((resolve) => {
        const ack = (m: unknown) => {
          if ((m as { bezorging?: boolean }).bezorging !== aan) return;
          proc.off('message', ack);
          resolve();
        };
        proc.on('message', ack);
        proc.send({ bezorging: aan });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        stopped = resolve;
        proc.send('stop');
      }),
  };
}

function som(handles: WorkerHandle[]): Voortgang {
  const t = nul();
  for (const h of handles) {
    const v = h.voortgang();
    t.verwerkt += v.verwerkt;
    t.ongeldig += v.ongeldig;
    t.metCodes += v.metCodes;
    t.bezorgd += v.bezorgd;
    t.afgeleverd += v.afgeleverd;
    t.failed += v.failed;
    for (const [k, n] of Object.entries(v.codes)) t.codes[k] = (t.codes[k] ?? 0) + n;
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// CPU accounting: where the machine's CPU time goes, per message (Linux /proc; zero elsewhere).

/** CPU time (user + system) of a process in ms, from /proc/<pid>/stat; 0 when unreadable. */
function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** PostgreSQL processes serving `database`, plus the WAL writer, background writer and checkpointer. */
function postgresPids(database: string): number[] {
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return pids;
  }
  for (const e of entries) {
    try {
      const cmd = readFileSync(`/proc/${e}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ')) continue;
      if (cmd.includes(` ${database} `) || /: (walwriter|background writer|checkpointer)/.test(cmd)) pids.push(Number(e));
    } catch {
      // the process ended
    }
  }
  return pids;
}

interface CpuSnapshot {
  api: number;
  workers: number;
  postgres: Map<number, number>;
  redis: number;
  wall: number;
}

async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const v = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (v('used_cpu_sys') + v('used_cpu_user')) * 1000;
}

async function cpuSnapshot(database: string, workerPids: number[], redis: Redis, apiPids: number[] = []): Promise<CpuSnapshot> {
  const u = process.cpuUsage();
  return {
    api: (u.user + u.system) / 1000 + apiPids.reduce((a, p) => a + procCpuMs(p), 0),
    workers: workerPids.reduce((a, p) => a + procCpuMs(p), 0),
    postgres: new Map(postgresPids(database).map((p) => [p, procCpuMs(p)])),
    redis: await redisCpuMs(redis),
    wall: performance.now(),
  };
}

/** CPU ms per message of each part between two snapshots (the api figure includes the HTTP client). */
function cpuPerMessage(a: CpuSnapshot, b: CpuSnapshot, n: number) {
  let pg = 0;
  for (const [pid, ms] of b.postgres) pg += ms - (a.postgres.get(pid) ?? 0);
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  const parts = { api: r(b.api - a.api), worker: r(b.workers - a.workers), postgres: r(pg), redis: r(b.redis - a.redis) };
  return { ...parts, total: r(b.api - a.api + b.workers - a.workers + pg + b.redis - a.redis), wall: r(b.wall - a.wall) };
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface ApiProces {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** One api process as `npm run api` runs it, on the bench's database and Redis, on a free port. */
async function startApiProces(appUrl: string, redisUrl: string, env: Record<string, string>): Promise<ApiProces> {
  const port = await new Promise<number>((resolve, reject) => {
    const srv = http.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
    srv.on('error', reject);
  });
  const main = path.resolve(__dirname, '..', 'src', 'main.js');
  const proc = fork(main, [], { env: { ...process.env, ...env, DATABASE_URL: appUrl, REDIS_URL: redisUrl, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`bench api exited: ${out.slice(-2000)}`);
    const ok = await fetch(`${url}/healthz`).then((x) => x.ok, () => false);
    if (ok) break;
    if (i > 600) throw new Error(`bench api did not start: ${out.slice(-2000)}`);
    await sleep(100);
  }
  return {
    url,
    pid: proc.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Posts to `pad` spread round robin over several apis. */
function posters(urls: string[], pad: string, headers: Record<string, string>, sockets: number) {
  const ps = urls.map((u) => httpPoster(new URL(pad, u).toString(), headers, Math.ceil(sockets / urls.length)));
  let i = 0;
  return { post: (body: Buffer) => ps[i++ % ps.length].post(body), close: () => ps.forEach((p) => p.close()) };
}

/** PostgreSQL's WAL position in bytes (what every committed change wrote to the log). */
async function walBytes(ds: DataSource): Promise<number> {
  const r = await ds.query<{ b: string }[]>(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS b`);
  return Number(r[0].b);
}

/** What one timed part posts: the same bodies (by a shared queue) or one list per caller, posted in its order. */
type Zending = { bodies: Buffer[] } | { lanes: Buffer[][] };
type Post = (b: Buffer) => Promise<{ status: number; text: string }>;

const aantal = (z: Zending) => ('bodies' in z ? z.bodies.length : z.lanes.reduce((a, l) => a + l.length, 0));

/** The r-th of `rondes` consecutive parts of `xs`. */
const deel = <T>(xs: T[], r: number, rondes: number): T[] => xs.slice(Math.floor((r * xs.length) / rondes), Math.floor(((r + 1) * xs.length) / rondes));

/** The rounds of one door as one measurement: times and WAL added up, CPU per message averaged by messages. */
function samen(delen: Fase[]): Fase {
  const n = delen.map((f) => f.result);
  const som = (f: (r: Fase['result']) => number) => n.reduce((a, r) => a + f(r), 0);
  const codes: Record<string, number> = {};
  for (const r of n) for (const [k, c] of Object.entries(r.codes)) codes[k] = (codes[k] ?? 0) + c;
  const gewogen = (f: (x: Fase) => ReturnType<typeof cpuPerMessage>): ReturnType<typeof cpuPerMessage> => {
    const totaal = delen.reduce((a, x) => a + x.berichten, 0);
    const veld = (k: keyof ReturnType<typeof cpuPerMessage>) => Math.round((delen.reduce((a, x) => a + f(x)[k] * x.berichten, 0) / totaal) * 1000) / 1000;
    return { api: veld('api'), worker: veld('worker'), postgres: veld('postgres'), redis: veld('redis'), total: veld('total'), wall: veld('wall') };
  };
  return {
    result: { acceptedMs: som((r) => r.acceptedMs), verwerktMs: som((r) => r.verwerktMs), bezorgdMs: som((r) => r.bezorgdMs), failed: som((r) => r.failed), codes },
    cpu: gewogen((x) => x.cpu),
    cpuTotVerwerkt: gewogen((x) => x.cpuTotVerwerkt),
    wal: delen.reduce((a, x) => a + x.wal, 0),
    berichten: delen.reduce((a, x) => a + x.berichten, 0),
  };
}

/** Posts everything; every answer must have status `ok`. */
async function postAll(post: Post, z: Zending, concurrency: number, ok: number): Promise<void> {
  const check = (r: { status: number; text: string }) => {
    if (r.status !== ok) throw new Error(`the hub answered ${r.status}: ${r.text.slice(0, 400)}`);
  };
  if ('lanes' in z) {
    await Promise.all(
      z.lanes.map(async (lane) => {
        for (const body of lane) check(await post(body));
      }),
    );
    return;
  }
  let next = 0;
  const bodies = z.bodies;
  const caller = async () => {
    while (next < bodies.length) check(await post(bodies[next++]));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, caller));
}

/** Rows of the scratch database: the check after a run that the workers' counts are what was stored. */
async function stand(ds: DataSource): Promise<{ verwerkt: number; ongeldig: number; bezorgd: number; metCodes: number }> {
  const rows = await withTenant(ds, SYSTEEM, (em) =>
    em.query<{ verwerkt: number; ongeldig: number; bezorgd: number; metCodes: number }[]>(
      `SELECT count(*) FILTER (WHERE b.richting = 'in' AND b.status = 'verwerkt' AND r.id IS NOT NULL)::int AS "verwerkt",
              count(*) FILTER (WHERE b.richting = 'in' AND b.status = 'ongeldig')::int AS "ongeldig",
              count(*) FILTER (WHERE r.status IN ('beschikbaar', 'afgeleverd'))::int AS "bezorgd",
              count(*) FILTER (WHERE b.richting = 'in' AND cardinality(b.retourcodes) > 0)::int AS "metCodes"
         FROM bericht b LEFT JOIN bericht r ON r.id = b.retour_id AND r.heen_id = b.id
        WHERE b.richting = 'in'`,
    ),
  );
  return rows[0];
}

/**
 * Posts and waits until the workers wrote every retour (and, separately, delivered it: into the
 * mailbox, or through the GGk when `viaKanaal`).
 */
async function run(post: Post, z: Zending, workers: WorkerHandle[], o: { ok: number; viaKanaal: boolean; bijVerwerkt?: () => Promise<void> }) {
  const n = aantal(z);
  const before = som(workers);
  // Through the GGk: the Du01s wait until every retour is written, then leave (timed from then).
  if (o.viaKanaal) for (const w of workers) await w.bezorging(false);
  let vrij = 0;
  const start = performance.now();
  let accepted = 0;
  let verwerkt = 0;
  let bezorgd = 0;
  let failure: Error | undefined;
  const posting = postAll(post, z, HTTP_CONCURRENCY, o.ok).then(
    () => (accepted = performance.now() - start),
    (e: unknown) => (failure = e instanceof Error ? e : new Error('posting failed', { cause: e })),
  );
  const geleverd = (v: Voortgang) => (o.viaKanaal ? v.afgeleverd - before.afgeleverd : v.bezorgd - before.bezorgd);
  // A stall, not a slow machine, fails the run: no progress for a minute.
  let progress = '';
  let lastProgress = start;
  while (!bezorgd && !failure) {
    await sleep(10);
    const v = som(workers);
    if (v.ongeldig > before.ongeldig) throw new Error(`${v.ongeldig - before.ongeldig} messages ongeldig: the bench message must be valid`);
    if (!verwerkt && v.verwerkt - before.verwerkt >= n) {
      verwerkt = performance.now() - start;
      await o.bijVerwerkt?.();
      if (o.viaKanaal) {
        for (const w of workers) await w.bezorging(true);
        vrij = performance.now() - start;
      }
    }
    if (verwerkt && geleverd(v) >= n) bezorgd = performance.now() - start - vrij;
    const now = `${v.verwerkt}/${geleverd(v)}`;
    if (now !== progress) [progress, lastProgress] = [now, performance.now()];
    if (performance.now() - lastProgress > 60_000) {
      throw new Error(`ingest stalled at ${v.verwerkt - before.verwerkt}/${n} processed, ${geleverd(v)} delivered`);
    }
  }
  await posting;
  if (failure) throw failure;
  const after = som(workers);
  const codes: Record<string, number> = {};
  for (const [k, c] of Object.entries(after.codes)) if (c > (before.codes[k] ?? 0)) codes[k] = c - (before.codes[k] ?? 0);
  return { acceptedMs: accepted, verwerktMs: verwerkt, bezorgdMs: bezorgd, failed: after.failed - before.failed, codes };
}

// ---------------------------------------------------------------------------------------------
// Baselines

/** XSD validation alone of the same message, in this process: messages/s. */
async function xsdRate(xml: string, n: number): Promise<number> {
  const xsd = await XsdValidators.load(xsdDir());
  try {
    if (xsd.validate('JW305', xml).length) throw new Error(`bench JW305 is XSD-invalid: ${xsd.validate('JW305', xml).join('; ')}`);
    for (let i = 0; i < 500; i++) xsd.validate('JW305', xml);
    const t = performance.now();
    for (let i = 0; i < n; i++) xsd.validate('JW305', xml);
    return n / ((performance.now() - t) / 1000);
  } finally {
    xsd.close();
  }
}

/** `n` no-op jobs added with addBulk (in the relay's batches of 500, with its job options) and processed: jobs/s. */
async function noopRate(redisUrl: string, n: number, concurrency: number): Promise<number> {
  const connection = redisConnection(redisUrl);
  const prefix = `bench-noop-${randomBytes(4).toString('hex')}`;
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finished: () => void = () => undefined;
  const all = new Promise<void>((r) => (finished = r));
  const worker = new Worker('noop', () => Promise.resolve({}), { connection, prefix, concurrency });
  worker.on('completed', () => {
    if (++done === n) finished();
  });
  await worker.waitUntilReady();
  const opts: JobsOptions = { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false };
  try {
    const t = performance.now();
    for (let i = 0; i < n; i += 500) {
      await queue.addBulk(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ name: 'noop', data: { outboxId: String(i + j), berichtId: String(i + j) }, opts: { ...opts, jobId: `noop-${i + j}` } })));
    }
    await all;
    return n / ((performance.now() - t) / 1000);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------
// ingest

export interface IngestContext {
  /** An app-role DataSource on the scratch database (row-level security applies). */
  ds: DataSource;
  /** Its URL, for the worker side's own pool. */
  appUrl: string;
  /** Base URL of the in-process api. */
  apiUrl: string;
  redisUrl: string;
  /** The key variables of the api's configuration. */
  sleutelConfig: SleutelConfig;
  /** The api's configuration as environment variables, for api processes (BENCH_INGEST_APIS) and the worker side's channels. */
  apiEnv?: Record<string, string>;
  /** A bearer token of the provider `afzender.agb`. */
  token: string;
  afzender: Afzender;
  /**
   * With the GGk port on (GGK=on): the Digikoppeling token, the GGk that answers the hub's Du01s and
   * the provider that sends through it (another than `afzender`: a provider uses one door); measures
   * `ggk_ingest` too.
   */
  ggk?: { token: string; antwoorder: Bv03Antwoorder; afzender: Afzender };
}

interface Fase {
  result: Awaited<ReturnType<typeof run>>;
  cpu: ReturnType<typeof cpuPerMessage>;
  /** To the end point (every retour written), before the held deliveries leave. */
  cpuTotVerwerkt: ReturnType<typeof cpuPerMessage>;
  /** Messages measured. */
  berichten: number;
  wal: number;
}

/**
 * ingest: JW305s posted to POST /ijw/berichten until every JW306 is written. ggk_ingest, taking
 * turns with it in ROUNDS rounds on the same api, worker side and database: the same kind of
 * JW305s (other clients), each in a StUF-GGk Di01 envelope posted to /ggk/OntvangAsynchroon
 * (answered Bv03), until every JW306 is written: the same end point, so `ratio` is GGk/direct,
 * each door's times added up over its rounds. Its retours then leave as Du01s
 * to the GGk (the bench's Bv03 answerer), which the direct path's mailbox retours need not. That
 * delivery is not part of the figure's end point, so it is held until every retour is written
 * (the jobs wait in the queue) and then timed on its own (delivered), rather than left to compete
 * with the ingest it is no part of; the CPU figures cover both.
 */
export async function ingestBench(ctx: IngestContext): Promise<{ text: string; lines: string[] }> {
  const n = INGEST_MESSAGES;
  const vandaag = new Date().toISOString().slice(0, 10);
  const tag = randomBytes(2).toString('hex');
  // Identificatie is at most 12 characters: 'I' (direct) or 'G' (GGk) + 4 hex + counter; clients 0.. direct, then the GGk's.
  const bodies = Array.from({ length: n + WARMUP_MESSAGES }, (_, i) => Buffer.from(jw305(ctx.afzender, `I${tag}${i}`, vandaag, i)));
  const warm = bodies.splice(0, WARMUP_MESSAGES);
  const xml = bodies[0].toString();
  const ggkAfzender = ctx.ggk?.afzender ?? ctx.afzender;
  const ggkXml = (i: number) => jw305(ggkAfzender, `G${tag}${i}`, vandaag, n + WARMUP_MESSAGES + i);
  const ggkEnv = (aantalEnv: number, van: number) =>
    ggkEnvelopes({ agb: ggkAfzender.agb, gemeente: ggkAfzender.gemeente, functie: 'JW305', n: aantalEnv, lanes: HTTP_CONCURRENCY, xml: (i) => ggkXml(van + i) });
  const ggkWarm = ctx.ggk ? ggkEnv(WARMUP_MESSAGES, 0) : [];
  const ggkBodies = ctx.ggk ? ggkEnv(n, WARMUP_MESSAGES) : [];
  const database = new URL(ctx.appUrl).pathname.slice(1);

  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const sleutels = sleutelsUitConfig(ctx.sleutelConfig);
  const workers: WorkerHandle[] = [];
  let workerDs: DataSource | undefined;
  const apis: ApiProces[] = [];
  for (let i = 0; i < API_PROCESSES; i++) apis.push(await startApiProces(ctx.appUrl, ctx.redisUrl, ctx.apiEnv ?? {}));
  const urls = apis.length ? apis.map((a) => a.url) : [ctx.apiUrl];
  const direct = posters(urls, '/ijw/berichten', { 'content-type': 'application/xml', authorization: `Bearer ${ctx.token}` }, HTTP_CONCURRENCY);
  const ggk = posters(
    urls,
    '/ggk/OntvangAsynchroon',
    { 'content-type': 'text/xml; charset=utf-8', soapaction: '"http://www.stufstandaarden.nl/koppelvlak/ggk0210/ggk_Di01"', authorization: `Bearer ${ctx.ggk?.token ?? ''}` },
    HTTP_CONCURRENCY,
  );
  const redis = new Redis(ctx.redisUrl, { maxRetriesPerRequest: 1 });
  let d: Fase;
  let g: Fase | undefined;
  const rondes = ctx.ggk ? ROUNDS : 1;
  try {
    if (WORKER_PROCESSES === 0) {
      workerDs = hubDataSource(ctx.appUrl, { poolSize: WORKER_CONCURRENCY + 2, applicationName: 'bench-worker' });
      await workerDs.initialize();
      const side = startWorkerSide(workerDs, sleutels, {
        redisUrl: ctx.redisUrl,
        prefix,
        concurrency: WORKER_CONCURRENCY,
        pollMs: RELAY_POLL_MS,
        relay: true,
        listenUrl: ctx.appUrl,
        kanalen: kanalenVan(workerDs, JSON.stringify(ctx.apiEnv ?? {})),
      });
      workers.push({ voortgang: () => side.voortgang, bezorging: (aan) => side.bezorging(aan), stop: () => side.close() });
    } else {
      for (let i = 0; i < WORKER_PROCESSES; i++) {
        workers.push(
          await startWorkerChild({
            BENCH_WORKER_DB_URL: ctx.appUrl,
            BENCH_WORKER_SLEUTELS: JSON.stringify(ctx.sleutelConfig),
            BENCH_WORKER_REDIS_URL: ctx.redisUrl,
            BENCH_WORKER_PREFIX: prefix,
            BENCH_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
            BENCH_WORKER_POLL_MS: String(RELAY_POLL_MS),
            // One relay is enough (more are safe: SKIP LOCKED); it runs beside the first worker.
            BENCH_WORKER_RELAY: i === 0 ? '1' : '0',
            BENCH_WORKER_API_ENV: JSON.stringify(ctx.apiEnv ?? {}),
          }),
        );
      }
    }
    const pids = workers.map((w) => w.pid).filter((p): p is number => p !== undefined);
    const apiPids = apis.map((x) => x.pid);
    const meet = async (post: Post, z: Zending, o: { ok: number; viaKanaal: boolean }): Promise<Fase> => {
      const walVoor = await walBytes(ctx.ds);
      const a = await cpuSnapshot(database, pids, redis, apiPids);
      let v: CpuSnapshot | undefined;
      const result = await run(post, z, workers, { ...o, bijVerwerkt: async () => void (v = await cpuSnapshot(database, pids, redis, apiPids)) });
      const cpu = cpuPerMessage(a, await cpuSnapshot(database, pids, redis, apiPids), aantal(z));
      return { result, cpu, cpuTotVerwerkt: cpuPerMessage(a, v ?? a, aantal(z)), wal: (await walBytes(ctx.ds)) - walVoor, berichten: aantal(z) };
    };
    const directO = { ok: 202, viaKanaal: false };
    const ggkO = { ok: 200, viaKanaal: true };
    // The GGk door warms up first: the direct warm-up then absorbs what its Du01 delivery leaves
    // behind (dead rows, pages to prune), which would otherwise fall on the first measured round.
    if (ctx.ggk) await run(ggk.post, { lanes: ggkWarm }, workers, ggkO);
    await run(direct.post, { bodies: warm }, workers, directO);
    // The doors take turns, round by round, the first alternating (see ROUNDS).
    const dDelen: Fase[] = [];
    const gDelen: Fase[] = [];
    for (let r = 0; r < rondes; r++) {
      const beurten = [() => meet(direct.post, { bodies: deel(bodies, r, rondes) }, directO).then((f) => dDelen.push(f))];
      if (ctx.ggk) beurten.push(() => meet(ggk.post, { lanes: ggkBodies.map((l) => deel(l, r, rondes)) }, ggkO).then((f) => gDelen.push(f)));
      for (const beurt of r % 2 ? beurten.reverse() : beurten) await beurt();
    }
    d = samen(dDelen);
    if (ctx.ggk) g = samen(gDelen);
  } finally {
    direct.close();
    ggk.close();
    for (const x of apis) await x.stop();
    for (const w of workers) await w.stop();
    await workerDs?.destroy();
    const q = new Queue('berichten', { connection: redisConnection(ctx.redisUrl), prefix });
    await q.obliterate({ force: true });
    await q.close();
    redis.disconnect();
  }
  const rows = await stand(ctx.ds);
  const total = (n + warm.length) * (ctx.ggk ? 2 : 1);
  if (rows.verwerkt !== total || rows.bezorgd !== total || rows.ongeldig) {
    throw new Error(`after the run the database holds ${JSON.stringify(rows)}, expected ${total} processed and delivered`);
  }

  const { result, cpu } = d;
  const perSecond = n / (result.verwerktMs / 1000);
  const wal = Math.round(d.wal / n);
  const apiText = API_PROCESSES === 0 ? 'api in-process' : `${API_PROCESSES} api processes`;
  const xsd = await xsdRate(xml, n);
  const noop = await noopRate(ctx.redisUrl, n, WORKER_CONCURRENCY);
  const workerText = WORKER_PROCESSES === 0 ? 'in-process' : `${WORKER_PROCESSES} process${WORKER_PROCESSES > 1 ? 'es' : ''}`;
  const cpuText = (c: Fase['cpu']) =>
    `api+client ${c.api}, worker ${c.worker}, postgres ${c.postgres}, redis ${c.redis} = ${c.total} ` +
    `(wall ${c.wall} ms per message on ${os.cpus().length} cores = ${(c.wall * os.cpus().length).toFixed(3)} core-ms)`;
  const codesText = (r: Fase['result']) =>
    `${n - Object.values(r.codes).reduce((a, b) => a + b, 0)} without codes${Object.entries(r.codes)
      .map(([k, c]) => `, ${c} with ${k}`)
      .join('')}`;
  let text =
    `ingest: ${n} JW305 (${xml.length} bytes) via POST /ijw/berichten → JW306 written; ${HTTP_CONCURRENCY} HTTP callers, ${apiText}, ` +
    `worker side ${workerText} × concurrency ${WORKER_CONCURRENCY}, relay every ${RELAY_POLL_MS} ms; ${warm.length} warm-up messages first` +
    `${rondes > 1 ? `; in ${rondes} rounds taking turns with ggk_ingest` : ''}:\n` +
    `  accepted (HTTP 202): ${(n / (result.acceptedMs / 1000)).toFixed(1)} msg/s (${(result.acceptedMs / 1000).toFixed(1)} s)\n` +
    `  retour written:      ${perSecond.toFixed(1)} msg/s (${(result.verwerktMs / 1000).toFixed(1)} s)\n` +
    `  retour delivered:    ${(n / (result.bezorgdMs / 1000)).toFixed(1)} msg/s (${(result.bezorgdMs / 1000).toFixed(1)} s)\n` +
    `  CPU ms per message:  ${cpuText(cpu)}\n` +
    `  WAL: ${wal} bytes per message; at 1,000 msg/s ${((wal * 1000) / 1024 / 1024).toFixed(1)} MB/s; ${(1000 / cpu.total).toFixed(0)} msg/s per core of CPU spent\n` +
    `  baseline XSD validation alone: ${xsd.toFixed(1)} msg/s; no-op BullMQ jobs (addBulk + worker, concurrency ${WORKER_CONCURRENCY}): ${noop.toFixed(1)} jobs/s\n` +
    `  retours: ${codesText(result)}\n` +
    (result.failed ? `  ${result.failed} job attempts failed (retried)\n` : '');
  // Baseline: the no-op BullMQ job rate. It is the more meaningful of the two: every message
  // passes through the queue twice (verwerk-bericht, bezorg-bericht), so the queue alone bounds
  // the path, whereas XSD validation is not on it at all (the worker checks structure with the
  // codec's own walk). XSD validation alone is kept beside it as `xsd_validate_per_s`.
  const lines = [
    figure('ingest', perSecond, 'messages/s', noop, {
      baseline_is: 'bullmq_noop_jobs_per_s',
      xsd_validate_per_s: Math.round(xsd),
      accepted_per_s: Math.round(n / (result.acceptedMs / 1000)),
      delivered_per_s: Math.round(n / (result.bezorgdMs / 1000)),
      cpu_ms_per_msg: cpu,
      wal_bytes_per_msg: wal,
      apis: API_PROCESSES === 0 ? 'in-process' : API_PROCESSES,
      retours_with_codes: result.codes,
      messages: n,
      worker: workerText,
      worker_concurrency: WORKER_CONCURRENCY,
      http_concurrency: HTTP_CONCURRENCY,
      target: 1000,
    }),
  ];
  if (g && ctx.ggk) {
    const r = g.result;
    const ggkPerSecond = n / (r.verwerktMs / 1000);
    const envBytes = ggkBodies[0][0].length;
    text +=
      `ggk_ingest: ${n} JW305 in StUF-GGk Di01 envelopes (${envBytes} bytes) via POST /ggk/OntvangAsynchroon (Bv03) → JW306 written, taking turns with ingest on the same ` +
      `api and worker side; ${HTTP_CONCURRENCY} HTTP callers, each a sending system of the provider posting its envelopes in turn; ${WARMUP_MESSAGES} warm-up envelopes first; ${rondes} rounds:\n` +
      `  accepted (Bv03):     ${(n / (r.acceptedMs / 1000)).toFixed(1)} msg/s (${(r.acceptedMs / 1000).toFixed(1)} s)\n` +
      `  retour written:      ${ggkPerSecond.toFixed(1)} msg/s (${(r.verwerktMs / 1000).toFixed(1)} s) = ${(ggkPerSecond / perSecond).toFixed(2)} of direct ingest\n` +
      `  Du01 delivered (GGk Bv03), held until then: ${(n / (r.bezorgdMs / 1000)).toFixed(1)} msg/s (${(r.bezorgdMs / 1000).toFixed(1)} s); the GGk answered ${ctx.ggk.antwoorder.beantwoord()} envelopes\n` +
      `  CPU ms per message to the end point (every retour written): ${cpuText(g.cpuTotVerwerkt)}\n` +
      `  CPU ms per message (ingest and Du01 delivery):  ${cpuText(g.cpu)}\n` +
      `  WAL: ${Math.round(g.wal / n)} bytes per message\n` +
      `  retours: ${codesText(r)}\n` +
      (r.failed ? `  ${r.failed} job attempts failed (retried)\n` : '');
    lines.push(
      figure('ggk_ingest', ggkPerSecond, 'messages/s', perSecond, {
        baseline_is: 'ingest_direct_messages_per_s',
        end_point: 'retour written (as ingest); Du01 delivery held until then, timed apart (delivered_per_s)',
        accepted_per_s: Math.round(n / (r.acceptedMs / 1000)),
        delivered_per_s: Math.round(n / (r.bezorgdMs / 1000)),
        cpu_ms_per_msg: g.cpu,
        cpu_ms_per_msg_to_end_point: g.cpuTotVerwerkt,
        wal_bytes_per_msg: Math.round(g.wal / n),
        retours_with_codes: r.codes,
        messages: n,
        envelope_bytes: envBytes,
        http_concurrency: HTTP_CONCURRENCY,
        target_ratio: 0.8,
      }),
    );
  }
  return { text, lines };
}

// ---------------------------------------------------------------------------------------------
// jw323_parse: each measurement in a fresh child process, so its peak RSS is its own.

interface Jw323Result {
  mode: 'raw' | 'full';
  firstMs: number;
  medianMs: number;
  /** Median CPU time of the process per run (all threads, so GC helpers too): steadier than wall time under other load. */
  medianCpuMs: number;
  parseMs: number;
  xsdMs: number;
  peakRssDelta: number;
  heapDelta: number;
  issues: number;
}

async function jw323Child(mode: 'raw' | 'full', file: string): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const lib = await libxml2();
  const xsd = mode === 'full' ? await XsdValidators.load(xsdDir()) : undefined;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  const times: number[] = [];
  const cpu: number[] = [];
  let parseMs = 0;
  let xsdMs = 0;
  let heapDelta = 0;
  let issues = 0;
  for (let i = 0; i < JW323_RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    if (mode === 'raw') {
      const doc = lib.XmlDocument.fromString(text, { option: lib.ParseOption.XML_PARSE_NONET });
      doc.dispose();
    } else {
      const r = await parseMessage(text, { maxBytes: 64 * 1024 * 1024 });
      const t1 = performance.now();
      if (i === 0) heapDelta = process.memoryUsage().heapUsed - heap0; // the parsed message is alive here
      issues = r.issues.length + (xsd?.validate('JW323', text).length ?? 0);
      if (i === 0) {
        parseMs = t1 - t;
        xsdMs = performance.now() - t1;
      }
    }
    times.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  xsd?.close();
  const result: Jw323Result = { mode, firstMs: times[0], medianMs: median(times), medianCpuMs: median(cpu), parseMs, xsdMs, peakRssDelta: peak - rss0, heapDelta, issues };
  process.send?.(result, () => process.exit(0));
}

function runJw323Child(mode: 'raw' | 'full', file: string): Promise<Jw323Result> {
  const proc = fork(__filename, ['jw323', mode, file], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Jw323Result));
    proc.once('exit', (code) => code && reject(new Error(`jw323 ${mode} child exited with ${code}`)));
  });
}

export async function jw323Bench(): Promise<{ text: string; lines: string[] }> {
  const xml = jw323(JW323_PRESTATIES);
  const file = path.join(os.tmpdir(), `bench-jw323-${process.pid}.xml`);
  writeFileSync(file, xml);
  try {
    const raw = await runJw323Child('raw', file);
    const full = await runJw323Child('full', file);
    if (full.issues) throw new Error(`bench JW323 has ${full.issues} findings`);
    const text =
      `jw323_parse: one JW323 with ${JW323_PRESTATIES} prestaties (${mb(Buffer.byteLength(xml))} MB), median of ${JW323_RUNS} in a fresh process:\n` +
      `  parseMessage + XSD: ${full.medianMs.toFixed(1)} ms (CPU ${full.medianCpuMs.toFixed(1)} ms; first ${full.firstMs.toFixed(1)} ms = parse ${full.parseMs.toFixed(1)} + XSD ${full.xsdMs.toFixed(1)}), ` +
      `peak RSS +${mb(full.peakRssDelta)} MB, heap +${mb(full.heapDelta)} MB while the parsed message is alive\n` +
      `  libxml2 parse alone: ${raw.medianMs.toFixed(1)} ms (CPU ${raw.medianCpuMs.toFixed(1)} ms; first ${raw.firstMs.toFixed(1)} ms), peak RSS +${mb(raw.peakRssDelta)} MB\n`;
    const line = figure('jw323_parse', full.medianMs, 'ms', raw.medianMs, {
      cpu_ms: Math.round(full.medianCpuMs),
      baseline_cpu_ms: Math.round(raw.medianCpuMs),
      parse_ms: Math.round(full.parseMs),
      xsd_ms: Math.round(full.xsdMs),
      first_ms: Math.round(full.firstMs),
      peak_rss_mb: mb(full.peakRssDelta),
      heap_delta_mb: mb(full.heapDelta),
      baseline_peak_rss_mb: mb(raw.peakRssDelta),
      prestaties: JW323_PRESTATIES,
      bytes: Buffer.byteLength(xml),
    });
    return { text, lines: [line] };
  } finally {
    unlinkSync(file);
  }
}

if (require.main === module) {
  const [role, mode, file] = process.argv.slice(2);
  const main = role === 'worker' ? workerChild() : role === 'jw323' && (mode === 'raw' || mode === 'full') ? jw323Child(mode, file) : Promise.reject(new Error(`unknown role ${role}`));
  main.catch((e: unknown) => {
    process.stderr.write(`bench child failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
