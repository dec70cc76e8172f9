import 'reflect-metadata';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { signDevToken } from './auth/jwt';
import { loadConfig, type Config } from './config/config';
import { ensureAppRole, ensureDatabase } from './db/app-role';
import { berichtHandlers, hubDataSource } from './modules';
import { vandaag } from './common/klok';
import { sleutelsUitConfig } from './common/sleutels';
import { migrateWithLock } from './db/migrate';
import { DEMO } from './seed/demo-data';
import { seed } from './seed/seed';
import { genereerVerkeer } from './seed/verkeer';
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

const seconden = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const zeg = (regel: string) => process.stdout.write(`${regel}\n`);

/** Whether the api answered /readyz with 200 (PostgreSQL and Redis reachable); false when a child ended first. */
async function wachtOpApi(port: number, done: Promise<unknown>): Promise<boolean> {
  let klaar = false;
  void done.then(() => (klaar = true));
  for (let i = 0; !klaar; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return true;
    if (i > 0 && i % 20 === 0) zeg(`wachten op de api (${i / 4} s) …`);
    await new Promise((res) => setTimeout(res, 250));
  }
  return false;
}

/**
 * `npm run demo`: database, migrations, demo regions, a year of traffic through the message path
 * (with progress), then api + worker in the foreground; once the api is ready it prints the URLs,
 * the development sign-in and a token per role.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { clienten: { type: 'string' }, seed: { type: 'string' }, 'zonder-keten': { type: 'boolean' } } });
  const t0 = Date.now();
  const cfg = loadConfig();
  await preflight(cfg);
  if (await ensureDatabase(cfg.DATABASE_OWNER_URL)) zeg('database aangemaakt');
  await ensureAppRole(cfg.DATABASE_OWNER_URL, cfg.DATABASE_URL);
  zeg('migraties …');
  const owner = hubDataSource(cfg.DATABASE_OWNER_URL);
  await owner.initialize();
  const applied = await migrateWithLock(owner);
  await owner.destroy();
  zeg(`migraties: ${applied.length ? `${applied.length} uitgevoerd` : 'niets te doen'} (${seconden(t0)})`);

  const app = hubDataSource(cfg.DATABASE_URL);
  await app.initialize();
  const r = await seed(app, DEMO);
  zeg(
    r.overgeslagen.length
      ? `demoregio's al aanwezig (${r.overgeslagen.join(', ')})`
      : `demoregio's: ${r.regios} regio's, ${r.gemeenten} gemeenten, ${r.aanbieders} aanbieders, ${r.producten} producten, ${r.contracten} contracten, ${r.tarieven} tariefversies (${seconden(t0)})`,
  );
  const t1 = Date.now();
  const v = await genereerVerkeer(
    { ds: app, sleutels: sleutelsUitConfig(cfg), handlers: berichtHandlers(), maxBytes: cfg.IJW_MAX_BYTES, voortgang: zeg },
    DEMO.regios,
    { seed: Number(values.seed ?? 2026), vandaag: vandaag(), clientenPerRegio: Number(values.clienten ?? 150), eersteDag: `${DEMO.tariefJaar}-01-01` },
  );
  await app.destroy();
  zeg(
    v.overgeslagen
      ? `verkeer al aanwezig (${v.berichten} berichten): niets toegevoegd`
      : `verkeer: ${v.berichten} berichten voor ${v.clienten} cliënten in ${seconden(t1)}${v.metBevinding ? `; met bevinding: ${JSON.stringify(v.bevindingen)}` : ', alle zonder bevinding'}`,
  );

  // The national chain from the simulators, unless the environment names a real one (or --zonder-keten).
  const eigenKeten = Boolean(process.env.GGK_URL || process.env.VECOZO_URL);
  const keten = values['zonder-keten'] || eigenKeten ? undefined : await (await import('../sim/demo-keten')).startDemoKeten(`http://127.0.0.1:${cfg.PORT}`);
  const env = { ...process.env, ...keten?.env };
  zeg('api en worker starten …');
  const children: Supervised[] = [
    { name: 'api', process: spawn(process.execPath, [path.join(__dirname, 'main.js')], { stdio: 'inherit', env }) },
    { name: 'worker', process: spawn(process.execPath, [path.join(__dirname, 'worker.js')], { stdio: 'inherit', env }) },
  ];
  const supervisor = supervise(children);
  // If the demo itself dies, its children go with it.
  process.on('exit', supervisor.stop);
  process.on('SIGINT', supervisor.stop);
  process.on('SIGTERM', supervisor.stop);
  const einde = supervisor.done.then((ended) => {
    if (!ended) return;
    const rest = children.filter((c) => c.name !== ended.name).map((c) => c.name);
    process.stderr.write(`demo gestopt: ${describeEnding(ended)}; ${rest.join(', ')} gestopt\n`);
    process.exit(1);
  });
  if (!(await wachtOpApi(cfg.PORT, supervisor.done))) return einde;

  const secret = cfg.JWT_SECRET ?? '';
  const rioz = DEMO.regios[0];
  const firstAgb = rioz.contracten[0].aanbiederAgb;
  const tokens: [string, Promise<string>][] = [
    ['regio (contractmanager RIOZ)', signDevToken({ rol: 'regio', regio: rioz.code, gemeenten: [] }, secret)],
    [`gemeente (${rioz.gemeenten[0].naam})`, signDevToken({ rol: 'gemeente', regio: rioz.code, gemeenten: [rioz.gemeenten[0].code] }, secret)],
    ['toegang (toegangsteam RIOZ)', signDevToken({ rol: 'toegang', regio: rioz.code, gemeenten: rioz.gemeenten.filter((g) => !g.geldigTot).map((g) => g.code) }, secret)],
    [`aanbieder (AGB ${firstAgb})`, signDevToken({ rol: 'aanbieder', agb: firstAgb, gemeenten: [] }, secret)],
    ['beheerder', signDevToken({ rol: 'beheerder', gemeenten: [] }, secret)],
    ['auditor (RIOZ)', signDevToken({ rol: 'auditor', regio: rioz.code, gemeenten: [] }, secret)],
  ];
  const basis = `http://localhost:${cfg.PORT}`;
  zeg(`\nKlaar in ${seconden(t0)}. De hub draait:`);
  zeg(`  GraphQL:      ${basis}/graphql`);
  zeg(`  Dashboard:    ${basis}/dashboard   (kwartaalrapportage; meld aan door een partij te kiezen)`);
  zeg(`  GraphQL-IDE:  ${basis}/ide   (ook /graphql in een browser; kies een identiteit)`);
  zeg(`  Wachtrijen:   ${basis}/beheer/   (beheerder)`);
  zeg(`  Inloggen:     ${basis}/dev/identiteiten   (elke partij met een token, voor dashboard en IDE)`);
  zeg(`\nTokens (Authorization: Bearer <token>, 12 uur geldig; meer met npm run token):`);
  for (const [label, t] of tokens) zeg(`  ${label}:\n    ${await t}`);
  if (keten) {
    // The first RIOZ provider uses the hub as its software: what it writes goes round the chain.
    const beheerder = await signDevToken({ rol: 'beheerder', gemeenten: [] }, secret);
    const r = await fetch(`http://127.0.0.1:${cfg.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${beheerder}` },
      body: JSON.stringify({ query: `mutation($agb: String!) { zetVecozoPortaal(aanbiederAgb: $agb, aan: true) { aanbiederAgb } }`, variables: { agb: firstAgb } }),
    });
    const antwoord = (await r.json()) as { errors?: unknown[] };
    zeg(`\nKeten (simulatoren, gevalideerd tegen de specificaties; --zonder-keten slaat ze over):`);
    zeg(`  GGk:     ${keten.env.GGK_URL}   (de hub is het systeem van de gemeenten: ${basis}/ggk/OntvangAsynchroon)`);
    zeg(`  VECOZO:  ${keten.env.VECOZO_URL}`);
    zeg(
      antwoord.errors
        ? `  portaal van AGB ${firstAgb} niet aangezet: ${JSON.stringify(antwoord.errors).slice(0, 300)}`
        : `  AGB ${firstAgb} gebruikt het portaal: stelVecozoBerichtOp (token aanbieder) gaat via VECOZO en de GGk naar de gemeente; berichtVerloop toont elke stap`,
    );
  }
  zeg(`\nProcessen: ${children.map((c) => `${c.name} (pid ${c.process.pid})`).join(', ')}`);
  zeg(`\nProbeer: curl -s ${basis}/graphql -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ contracten(first: 5) { totalCount edges { node { nummer perceel } } } }"}'\nCtrl-C stopt api en worker.\n`);
  // One process gone leaves no demo: the others are stopped and the demo fails naming it.
  await einde;
}

main().catch((e: unknown) => {
  process.stderr.write(`demo mislukt: ${(e as Error).message}\n`);
  process.exit(1);
});
