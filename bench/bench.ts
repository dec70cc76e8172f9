import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createApp } from '../src/app';
import { signDevToken } from '../src/auth/jwt';
import type { Principal } from '../src/auth/principal';
import { loadConfig } from '../src/config/config';
import { ensureAppRole } from '../src/db/app-role';
import { hubDataSource } from '../src/modules';
import { migrateWithLock } from '../src/db/migrate';
import { setTenant, withTenant } from '../src/db/tenant';
import { contractingService } from '../src/contracting/contracting.service';
import { Procedure } from '../src/common/enums';
import { DEMO } from '../src/seed/demo-data';
import { seed } from '../src/seed/seed';
import { setLogLevel } from '../src/observability/logger';
import { declaratiesBench, proefBench, type ClaimBenchOpties } from './declaraties';
import { ingestBench, jw323Bench, type Afzender } from './ingest';
import { qrapportBench } from './qrapport';
import { figure, httpPoster, load } from './lib';
import { startBv03Antwoorder } from './ggk';

/**
 * `npm run bench`: figures through the full HTTP stack next to raw baselines measured in the
 * same run, on a scratch database that is dropped afterwards: contracts_query(_p95) here, ingest,
 * ggk_ingest (the same messages through the GGk port, next to ingest: ./ggk.ts) and jw323_parse in ./ingest.ts, declaraties in ./declaraties.ts, qrapport (the quarterly report of a
 * 20,000-client region) in ./qrapport.ts. Human-readable lines first, one JSON line per figure last.
 * A quick run: BENCH_INGEST_MESSAGES=2000; some parts only: BENCH_ONLY=ingest (or a comma list of contracts, jw323, proef,
 * declaraties, qrapport). proef (the 10,000-prestatie pre-flight) runs before declaraties, on the same clients.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 40);
/** Which runs: a comma list of contracts, ingest, jw323, proef, declaraties, qrapport (default all). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'contracts,ingest,jw323,proef,declaraties,qrapport').split(',').map((s) => s.trim()));

const RAW_SQL = `
  SELECT c.id, c.nummer, a.naam,
    (SELECT array_agg(cg.gemeente_code ORDER BY cg.gemeente_code) FROM contract_gemeente cg WHERE cg.contract_id = c.id) AS gemeenten,
    (SELECT json_agg(json_build_object('code', p.code, 'tarieven',
        (SELECT json_agg(json_build_object('bedragCenten', t.bedrag_centen, 'geldigVanaf', t.geldig_vanaf, 'geldigTot', t.geldig_tot) ORDER BY t.geldig_vanaf)
           FROM tarief t WHERE t.contract_product_id = cp.id)) ORDER BY cp.id)
       FROM contract_product cp JOIN product p ON p.id = cp.product_id WHERE cp.contract_id = c.id) AS producten
  FROM contract c JOIN aanbieder a ON a.agb = c.aanbieder_agb
  WHERE c.aanbieder_agb = $1
  ORDER BY c.nummer, c.id
  LIMIT 100`;

const QUERY = `{ contracten(first: 100) { edges { node { id nummer aanbieder { naam } gemeenten producten { product { code } tarieven { bedragCenten geldigVanaf geldigTot } } } } } }`;

async function main(): Promise<void> {
  setLogLevel('warn');
  const base = loadConfig();
  const name = `bench_test_${randomBytes(4).toString('hex')}`;
  const ownerAdmin = new URL(base.DATABASE_OWNER_URL);
  ownerAdmin.pathname = '/postgres';
  const admin = new Client({ connectionString: ownerAdmin.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const ownerUrl = new URL(base.DATABASE_OWNER_URL);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(base.DATABASE_URL);
  appUrl.pathname = `/${name}`;
  const lines: string[] = [];
  try {
    await ensureAppRole(ownerUrl.toString(), appUrl.toString());
    const owner = hubDataSource(ownerUrl.toString());
    await owner.initialize();
    await migrateWithLock(owner);
    await owner.destroy();

    const ds = hubDataSource(appUrl.toString(), { poolSize: 20 });
    await ds.initialize();
    await seed(ds, DEMO);
    // One provider with CONTRACTS contracts of 3 products each (2 tariff versions per product).
    const regio = DEMO.regios[0];
    const agb = regio.contracten[0].aanbiederAgb;
    const codes = regio.producten.filter((p) => p.uitvoeringsvariant !== 'taakgericht').slice(0, 3).map((p) => p.code);
    const manager: Principal = { sub: 'bench', rol: 'regio', regio: regio.code, gemeenten: [] };
    await withTenant(ds, manager, async (em) => {
      for (let i = 0; i < CONTRACTS; i++) {
        await contractingService.maakContract(em, manager, {
          nummer: `BENCH-${String(i).padStart(4, '0')}`,
          aanbiederAgb: agb,
          perceel: 'Benchmark',
          procedure: Procedure.aanbesteding,
          begindatum: '2026-01-01',
          einddatum: '2027-12-31',
          verlengingen: 0,
          gemeenten: [regio.gemeenten[0].code, regio.gemeenten[1].code],
          budgetplafonds: [],
          producten: codes.map((c, j) => ({ productCode: c, tariefCenten: 10000 + i + j })),
        });
      }
      await em.query(`UPDATE tarief SET geldig_tot = '2026-12-31' WHERE contract_id IN (SELECT id FROM contract WHERE perceel = 'Benchmark')`);
      await em.query(`INSERT INTO tarief (regio_code, aanbieder_agb, contract_id, contract_product_id, bedrag_centen, geldig_vanaf)
        SELECT regio_code, aanbieder_agb, contract_id, contract_product_id, bedrag_centen + 400, '2027-01-01' FROM tarief
        WHERE contract_id IN (SELECT id FROM contract WHERE perceel = 'Benchmark')`);
    });

    // The GGk the hub sends its Du01s to (ggk_ingest): answers each with a Bv03.
    const ggkAntwoorder = await startBv03Antwoorder();
    // The api's configuration, also given to api processes the ingest run starts (BENCH_INGEST_APIS)
    // and to the worker side (its GGk channel). The GGk port is on for ggk_ingest.
    const apiEnv: Record<string, string> = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      GRAPHQL_MAX_COST: '100000',
      JWT_SECRET: 'bench-secret-0123456789-0123456789-abcdef',
      HUB_ENCRYPTION_KEY: process.env.HUB_ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
      HUB_BSN_HASH_KEY: process.env.HUB_BSN_HASH_KEY ?? randomBytes(32).toString('base64'),
      JWT_ISSUER: 'bench-issuer',
      JWT_AUDIENCE: 'jeugdzorg-hub',
      METRICS_TOKEN: randomBytes(24).toString('hex'),
      GGK: 'on',
      GGK_TOKEN: randomBytes(24).toString('hex'),
      GGK_URL: ggkAntwoorder.url,
    };
    const cfg = loadConfig({ ...process.env, ...apiEnv });
    const uitgifte = { issuer: cfg.JWT_ISSUER, audience: cfg.JWT_AUDIENCE };
    const redis = new Redis(cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const hub = await createApp(cfg, ds, redis);
    const server: Server = await new Promise((r) => {
      const s = hub.app.listen(0, '127.0.0.1', () => r(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const url = `${baseUrl}/graphql`;
    const token = await signDevToken({ rol: 'aanbieder', agb, gemeenten: [] }, cfg.JWT_SECRET ?? '', '12h', uitgifte);
    if (ONLY.has('contracts')) {
      const body = Buffer.from(JSON.stringify({ query: QUERY }));
      const client = httpPoster(url, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, CONCURRENCY);
      let contractsSeen = 0;
      const viaHttp = async () => {
        const res = await client.post(body);
        const json = JSON.parse(res.text) as { data?: { contracten: { edges: unknown[] } }; errors?: unknown[] };
        if (json.errors) throw new Error(JSON.stringify(json.errors));
        contractsSeen = json.data?.contracten.edges.length ?? 0;
      };
      const provider: Principal = { sub: 'bench', rol: 'aanbieder', agb, gemeenten: [] };
      let rawRows = 0;
      const viaSql = async () => {
        const qr = ds.createQueryRunner();
        await qr.connect();
        try {
          await qr.startTransaction();
          await setTenant(qr.manager, provider);
          rawRows = ((await qr.query(RAW_SQL, [agb])) as unknown[]).length;
          await qr.commitTransaction();
        } finally {
          await qr.release();
        }
      };
      await load(viaHttp, { seconds: 1, concurrency: CONCURRENCY });
      await load(viaSql, { seconds: 1, concurrency: CONCURRENCY });
      // CPU of this process (hub and client) per request: steadier than the rate on a shared machine.
      const cpu0 = process.cpuUsage();
      const http = await load(viaHttp, { seconds: SECONDS, concurrency: CONCURRENCY });
      const cpu = process.cpuUsage(cpu0);
      const cpuMsPerRequest = Math.round(((cpu.user + cpu.system) / 1000 / http.requests) * 100) / 100;
      const raw = await load(viaSql, { seconds: SECONDS, concurrency: CONCURRENCY });
      client.close();
      if (contractsSeen !== rawRows) throw new Error(`HTTP saw ${contractsSeen} contracts, SQL ${rawRows}`);
      process.stdout.write(
        `provider contracts (${contractsSeen} contracts × ${codes.length} products × 2 tariffs), ${CONCURRENCY} concurrent, ${SECONDS}s each:\n` +
          `  HTTP/GraphQL: ${http.perSecond.toFixed(1)} req/s, p50 ${http.p50.toFixed(1)} ms, p95 ${http.p95.toFixed(1)} ms, CPU ${cpuMsPerRequest} ms/req (hub + client)\n` +
          `  raw SQL:      ${raw.perSecond.toFixed(1)} q/s, p50 ${raw.p50.toFixed(1)} ms, p95 ${raw.p95.toFixed(1)} ms\n`,
      );
      lines.push(figure('contracts_query', http.perSecond, 'req/s', raw.perSecond, { contracts: contractsSeen, cpuMsPerRequest }));
      lines.push(figure('contracts_query_p95', http.p95, 'ms', raw.p95, { contracts: contractsSeen }));
    }
    if (ONLY.has('ingest')) {
      // A provider with a taakgericht (lumpsum) contract sends JW305s to the first municipality of
      // that contract: a start that needs no toewijzing, each for its own client, so every message
      // takes the full path to a retour without codes (any codes are counted and printed).
      // ggk_ingest: another such provider, reached through the GGk, as a provider uses one door.
      const taak = new Set(regio.producten.filter((p) => p.uitvoeringsvariant === 'taakgericht').map((p) => p.code));
      const taakContracten = regio.contracten.filter((c) => c.producten.some((p) => taak.has(p.productCode)));
      const [contract, ggkContract] = [taakContracten[0], taakContracten.find((c) => c.aanbiederAgb !== taakContracten[0]?.aanbiederAgb)];
      const afzenderVan = (c: (typeof taakContracten)[number] | undefined): Afzender => {
        const product = regio.producten.find((p) => p.code === c?.producten.find((cp) => taak.has(cp.productCode))?.productCode);
        if (!c || !product) throw new Error('demo region without two providers with a taakgericht contract');
        return { agb: c.aanbiederAgb, gemeente: c.gemeenten[0], product: { categorie: product.categorie, code: product.code } };
      };
      const afzender = afzenderVan(contract);
      const ingest = await ingestBench({
        ds,
        appUrl: appUrl.toString(),
        apiUrl: baseUrl,
        redisUrl: cfg.REDIS_URL,
        sleutelConfig: cfg,
        apiEnv,
        token: await signDevToken({ rol: 'aanbieder', agb: afzender.agb, gemeenten: [] }, cfg.JWT_SECRET ?? '', '12h', uitgifte),
        afzender,
        ggk: { token: apiEnv.GGK_TOKEN, antwoorder: ggkAntwoorder, afzender: afzenderVan(ggkContract) },
      });
      process.stdout.write(ingest.text);
      lines.push(...ingest.lines);
    }
    if (ONLY.has('proef') || ONLY.has('declaraties')) {
      // A provider with an hourly (inspanningsgericht, Eenheid 04) product claims from a municipality of that contract.
      const uur = new Set(regio.producten.filter((p) => p.uitvoeringsvariant === 'inspanningsgericht' && p.eenheid === '04').map((p) => p.code));
      const contract = regio.contracten.find((c) => c.producten.some((p) => uur.has(p.productCode)));
      if (!contract) throw new Error('demo region without an hourly contract');
      const claimOpties: ClaimBenchOpties = {
        ds,
        appUrl: appUrl.toString(),
        apiUrl: baseUrl,
        token: await signDevToken({ rol: 'aanbieder', agb: contract.aanbiederAgb, gemeenten: [] }, cfg.JWT_SECRET ?? '', '12h', uitgifte),
        sleutelConfig: cfg,
        regio: regio.code,
        agb: contract.aanbiederAgb,
        gemeente: contract.gemeenten[0],
      };
      // The pre-flight first: it leaves nothing, so the real claims after it meet the same clients untouched.
      if (ONLY.has('proef')) {
        const proef = await proefBench(claimOpties);
        process.stdout.write(proef.text);
        lines.push(...proef.lines);
      }
      if (ONLY.has('declaraties')) {
        const claims = await declaratiesBench(claimOpties);
        process.stdout.write(claims.text);
        lines.push(...claims.lines);
      }
    }
    if (ONLY.has('qrapport')) {
      const q = await qrapportBench(ds, ownerUrl.toString(), regio.code);
      process.stdout.write(q.text);
      lines.push(...q.lines);
    }
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await hub.apollo.stop();
    await redis.quit();
    await ggkAntwoorder.stop();
    await ds.destroy();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  if (ONLY.has('jw323')) {
    const jw323 = await jw323Bench();
    process.stdout.write(jw323.text);
    lines.push(...jw323.lines);
  }
  for (const l of lines) process.stdout.write(`${l}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
