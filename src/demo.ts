import 'reflect-metadata';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { signDevToken } from './auth/jwt';
import { loadConfig, type Config } from './config/config';
import { ensureAppRole, ensureDatabase } from './db/app-role';
import { hubDataSource } from './modules';
import { migrateWithLock } from './db/migrate';
import { DEMO } from './seed/demo-data';
import { seedBegroting } from './seed/begroting';
import { seed } from './seed/seed';
import { describeEnding, supervise, type Supervised } from './supervisor';

const HOW_TO_START = `
Start them with one of:
  docker compose -f docker/compose.yml up -d postgres redis
  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379
or point DATABASE_URL / DATABASE_OWNER_URL / REDIS_URL elsewhere.`;

function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

/** Says which service is unreachable, where it looked, and how to start it. */
async function preflight(cfg: Config): Promise<void> {
  const problems: string[] = [];
  const admin = new URL(cfg.DATABASE_OWNER_URL);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.end();
  } catch (e) {
    problems.push(`PostgreSQL is not reachable at ${where(cfg.DATABASE_OWNER_URL)} (${(e as Error).message})`);
  }
  const redis = new Redis(cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    problems.push(`Redis is not reachable at ${where(cfg.REDIS_URL)} (${(e as Error).message})`);
  } finally {
    redis.disconnect();
  }
  if (problems.length) {
    process.stderr.write(`Cannot start the demo:\n  ${problems.join('\n  ')}\n${HOW_TO_START}\n`);
    process.exit(1);
  }
}

/** `npm run demo`: database, migrations, demo region, then api + worker in the foreground. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  await preflight(cfg);
  if (await ensureDatabase(cfg.DATABASE_OWNER_URL)) process.stdout.write('created the database\n');
  await ensureAppRole(cfg.DATABASE_OWNER_URL, cfg.DATABASE_URL);
  const owner = hubDataSource(cfg.DATABASE_OWNER_URL);
  await owner.initialize();
  const applied = await migrateWithLock(owner);
  await owner.destroy();
  process.stdout.write(`migrations applied: ${applied.length ? applied.join(', ') : 'none pending'}\n`);

  const app = hubDataSource(cfg.DATABASE_URL);
  await app.initialize();
  const r = await seed(app, DEMO);
  const lijnen = await seedBegroting(app, DEMO.regios);
  await app.destroy();
  process.stdout.write(
    r.overgeslagen.length
      ? `demo data already present (${r.overgeslagen.join(', ')})\n`
      : `seeded ${r.regios} regions, ${r.gemeenten} municipalities, ${r.aanbieders} providers, ${r.producten} products, ${r.contracten} contracts, ${r.tarieven} tariff versions\n`,
  );
  if (lijnen) process.stdout.write(`seeded ${lijnen} regional budget lines, split over the municipalities by inhabitants\n`);

  const secret = cfg.JWT_SECRET ?? '';
  const rioz = DEMO.regios[0];
  const firstAgb = rioz.contracten[0].aanbiederAgb;
  const tokens: [string, Promise<string>][] = [
    ['regio (contract manager RIOZ)', signDevToken({ rol: 'regio', regio: rioz.code, gemeenten: [] }, secret)],
    [`gemeente (${rioz.gemeenten[0].naam})`, signDevToken({ rol: 'gemeente', regio: rioz.code, gemeenten: [rioz.gemeenten[0].code] }, secret)],
    ['toegang (access team RIOZ)', signDevToken({ rol: 'toegang', regio: rioz.code, gemeenten: rioz.gemeenten.filter((g) => !g.geldigTot).map((g) => g.code) }, secret)],
    [`aanbieder (AGB ${firstAgb})`, signDevToken({ rol: 'aanbieder', agb: firstAgb, gemeenten: [] }, secret)],
    ['beheerder', signDevToken({ rol: 'beheerder', gemeenten: [] }, secret)],
    ['auditor (RIOZ)', signDevToken({ rol: 'auditor', regio: rioz.code, gemeenten: [] }, secret)],
  ];
  const children: Supervised[] = [
    { name: 'api', process: spawn(process.execPath, [path.join(__dirname, 'main.js')], { stdio: 'inherit', env: process.env }) },
    { name: 'worker', process: spawn(process.execPath, [path.join(__dirname, 'worker.js')], { stdio: 'inherit', env: process.env }) },
  ];
  const supervisor = supervise(children);
  // If the demo itself dies, its children go with it.
  process.on('exit', supervisor.stop);
  const url = `http://localhost:${cfg.PORT}/graphql`;
  const basis = `http://localhost:${cfg.PORT}`;
  process.stdout.write(`\nGraphQL: ${url} (in a browser: the IDE, pick an identity)\nQueues: ${basis}/beheer/ (administrator)\nTokens (Authorization: Bearer <token>, valid 12 hours):\n`);
  for (const [label, t] of tokens) process.stdout.write(`  ${label}:\n    ${await t}\n`);
  process.stdout.write(`\nProcesses: ${children.map((c) => `${c.name} (pid ${c.process.pid})`).join(', ')}\n`);
  process.stdout.write(`\nTry: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ contracten(first: 5) { totalCount edges { node { nummer perceel } } } }"}'\nCtrl-C stops api and worker.\n\n`);
  process.on('SIGINT', supervisor.stop);
  process.on('SIGTERM', supervisor.stop);
  // One process gone leaves no demo: the others are stopped and the demo fails naming it.
  const ended = await supervisor.done;
  if (ended) {
    const rest = children.filter((c) => c.name !== ended.name).map((c) => c.name);
    process.stderr.write(`demo stopped: ${describeEnding(ended)}; stopped ${rest.join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${(e as Error).message}\n`);
  process.exit(1);
});
