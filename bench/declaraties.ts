import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { berichtHandlers, hubDataSource } from '../src/modules';
import type { DataSource } from 'typeorm';
import { SYSTEEM, type Principal } from '../src/auth/principal';
import { isValidBsn } from '../src/common/bsn';
import { sleutelsUitConfig, type SleutelConfig } from '../src/common/sleutels';
import { withTenant } from '../src/db/tenant';
import { afrekeningService } from '../src/declaratie/afrekening.service';
import { writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { verwerkBericht } from '../src/messaging/processing/verwerking';
import { figure } from './lib';

const PRESTATIES = Number(process.env.BENCH_JW325_PRESTATIES ?? 10_000);
/** Claims of PRESTATIES judged one after another (each on its own clients): the figure is their median. */
const RUNS = Number(process.env.BENCH_JW325_RUNS ?? 3);
/** Clients of the small claim a worker process handles first, so the figure is a warm worker's. */
const WARM = 20;
const AFREKENING = Number(process.env.BENCH_AFREKENING_PRESTATIES ?? 100_000);

/** The peak RSS growth while `fn` runs, sampled every 5 ms. */
async function metPiek<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; piekMb: number }> {
  global.gc?.();
  const basis = process.memoryUsage().rss;
  let piek = basis;
  const timer = setInterval(() => (piek = Math.max(piek, process.memoryUsage().rss)), 5);
  const t = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t;
    piek = Math.max(piek, process.memoryUsage().rss);
    return { result, ms, piekMb: Math.round(((piek - basis) / 1048576) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

function bsns(n: number): string[] {
  const uit: string[] = [];
  for (let i = 100_000_000; uit.length < n; i++) if (isValidBsn(String(i))) uit.push(String(i));
  return uit;
}

/** The raw baseline's statement: the matching aggregate (toewijzing, client, contract tariff) in one query. */
const RAW_MATCH = `SELECT sum(CASE WHEN c.bsn_hash = x.h AND t.product_code = $4 AND tf.bedrag_centen = $5 THEN x.bedrag ELSE 0 END) AS totaal
   FROM unnest($1::int[], $2::text[], $3::bigint[]) AS x(nummer, h, bedrag)
   JOIN toewijzing t ON t.gemeente_code = $6 AND t.nummer = x.nummer JOIN client c ON c.id = t.client_id
   JOIN contract_product cp ON cp.contract_id = t.contract_id JOIN product pr ON pr.id = cp.product_id AND pr.code = t.product_code
   JOIN tarief tf ON tf.contract_product_id = cp.id AND tf.geldig_vanaf <= '2026-09-01' AND (tf.geldig_tot IS NULL OR tf.geldig_tot >= '2026-09-01')`;

/** What the parent hands a worker process: the database, the keys, and what to process or query. */
type Opdracht =
  | { soort: 'vol'; appUrl: string; sleutelConfig: SleutelConfig; warmId: string; ids: string[] }
  | { soort: 'ruw'; appUrl: string; params: unknown[] };
interface Gemeten {
  /** Median wall time over the runs. */
  ms: number;
  /** Median CPU time of the process over the runs (steadier than wall time when the machine is shared). */
  cpuMs: number;
  alle: number[];
  /** The process's peak RSS over its whole life (MB). */
  piekMb: number;
  totaal?: string;
}

/**
 * A worker process: the JW323 judged to its JW325 by verwerkBericht (after a small claim, so its
 * code is warm as in a running worker), or the raw matching query (run twice, the second timed).
 * Reports the time and the process's peak RSS.
 */
async function werker(o: Opdracht): Promise<void> {
  const ds = hubDataSource(o.appUrl, { poolSize: 2 });
  await ds.initialize();
  const tijden: number[] = [];
  const cpu: number[] = [];
  const meet = async <T>(fn: () => Promise<T>): Promise<T> => {
    global.gc?.();
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await fn();
    tijden.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
    return r;
  };
  let totaal: string | undefined;
  if (o.soort === 'vol') {
    const sleutels = sleutelsUitConfig(o.sleutelConfig);
    const handlers = berichtHandlers();
    await verwerkBericht(ds, sleutels, o.warmId, { handlers });
    for (const id of o.ids) await meet(() => verwerkBericht(ds, sleutels, id, { handlers }));
  } else {
    const query = () => withTenant(ds, SYSTEEM, (em) => em.query<{ totaal: string }[]>(RAW_MATCH, o.params));
    await query();
    for (let i = 0; i < RUNS; i++) totaal = (await meet(query))[0].totaal;
  }
  await ds.destroy();
  const uit: Gemeten = { ms: mediaan(tijden), cpuMs: mediaan(cpu), alle: tijden, piekMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10, totaal };
  process.send?.(uit, () => process.exit(0));
}

function mediaan(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function inWerker(o: Opdracht): Promise<Gemeten> {
  const proc = fork(__filename, ['werker'], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve(m as Gemeten));
    proc.once('exit', (code) => code && reject(new Error(`bench worker (${o.soort}) exited with ${code}`)));
    proc.send(o);
  });
}

/** Where the claim benches run: the database, the api, the provider and municipality that claim. */
export interface ClaimBenchOpties {
  ds: DataSource;
  appUrl: string;
  apiUrl: string;
  token: string;
  sleutelConfig: SleutelConfig;
  regio: string;
  agb: string;
  gemeente: string;
}

/** The clients, toewijzingen and JW323 builder the claim benches share: made once per database. */
interface ClaimFixture {
  p: { contract_id: string; categorie: string; code: string; eenheid: string; tarief: number };
  alle: string[];
  lijst: string[];
  nummers: Map<string, number>;
  bedrag: number;
  jw323: (nummer: string, clienten: string[], ref: string) => string;
}

const fixtures = new WeakMap<DataSource, Promise<ClaimFixture>>();

/**
 * PRESTATIES × RUNS + WARM clients, each with its own toewijzing (4 hours a week,
 * September–December 2026) of an hourly product the provider has contracted in the municipality,
 * and a builder of a JW323 of one prestatie per client. Made once per database: the pre-flight and
 * the real claims use the same.
 */
function claimFixture(o: ClaimBenchOpties): Promise<ClaimFixture> {
  let f = fixtures.get(o.ds);
  if (!f) {
    f = maakClaimFixture(o);
    fixtures.set(o.ds, f);
  }
  return f;
}

async function maakClaimFixture(o: ClaimBenchOpties): Promise<ClaimFixture> {
  const sleutels = sleutelsUitConfig(o.sleutelConfig);
  const product = await withTenant(o.ds, SYSTEEM, (em) =>
    em.query<{ contract_id: string; categorie: string; code: string; eenheid: string; tarief: number }[]>(
      `SELECT cp.contract_id, p.categorie, p.code, cp.eenheid, t.bedrag_centen AS tarief
         FROM contract_product cp JOIN product p ON p.id = cp.product_id JOIN contract k ON k.id = cp.contract_id
         JOIN contract_gemeente g ON g.contract_id = k.id AND g.gemeente_code = $2
         JOIN tarief t ON t.contract_product_id = cp.id AND t.geldig_vanaf <= '2026-09-01' AND (t.geldig_tot IS NULL OR t.geldig_tot >= '2026-09-01')
        WHERE cp.aanbieder_agb = $1 AND cp.uitvoeringsvariant = 'inspanningsgericht' AND cp.eenheid = '04' LIMIT 1`,
      [o.agb, o.gemeente],
    ),
  );
  if (!product[0]) throw new Error('bench: no hourly product contracted for the provider in the municipality');
  const p = product[0];
  const alle = bsns(PRESTATIES * RUNS + WARM);
  const lijst = alle.slice(0, PRESTATIES);
  // Clients and toewijzingen in bulk: 4 hours a week, September–December 2026.
  await withTenant(o.ds, SYSTEEM, async (em) => {
    await em.query(
      `INSERT INTO client (bsn_hash, gegevens_versleuteld, gemeente_code, regio_code) SELECT h, $2, $3, $4 FROM unnest($1::text[]) AS h`,
      [alle.map((b) => sleutels.bsnHash(b)), sleutels.versleutel(Buffer.from('{}')), o.gemeente, o.regio],
    );
    await em.query(
      `INSERT INTO toewijzing (nummer, regio_code, gemeente_code, aanbieder_agb, client_id, contract_id, product_categorie, product_code, ingangsdatum, einddatum,
                               volume, eenheid, frequentie, toewijzingsdatum, toewijzingstijd, geraamd_centen)
       SELECT 800000000 + row_number() OVER (), $1, $2::text, $3, c.id, $4, $5, $6, '2026-09-01', '2026-12-31', 4, '04', '2', '2026-08-25', '09:00', 0
         FROM client c WHERE c.gemeente_code = $2::text AND c.bsn_hash = ANY($7::text[])`,
      [o.regio, o.gemeente, o.agb, p.contract_id, p.categorie, p.code, alle.map((b) => sleutels.bsnHash(b))],
    );
  });
  const nummers = new Map(
    (await withTenant(o.ds, SYSTEEM, (em) => em.query<{ nummer: number; bsn_hash: string }[]>(
      `SELECT t.nummer, c.bsn_hash FROM toewijzing t JOIN client c ON c.id = t.client_id WHERE t.nummer > 800000000`,
    ))).map((r) => [r.bsn_hash, r.nummer]),
  );
  const vandaag = new Date().toISOString().slice(0, 10);
  const bedrag = 12 * p.tarief;
  /** A JW323 of one prestatie per client, each on the client's own toewijzing. */
  const jw323 = (nummer: string, clienten: string[], ref: string): string => {
    const m = sampleMessage('JW323', 'minimal');
    Object.assign(m.bericht.Header as IjwNode, { Afzender: o.agb, Ontvanger: o.gemeente, BerichtIdentificatie: { Identificatie: nummer, Dagtekening: vandaag } });
    m.bericht.Declaratie = {
      DeclaratieNummer: nummer,
      DeclaratiePeriode: { Begindatum: '2026-09-01', Einddatum: '2026-09-30' },
      DeclaratieDagtekening: vandaag,
      TotaalIngediendBedrag: { TotaalBedrag: bedrag * clienten.length, DebetCredit: 'D' },
      Clienten: {
        Client: clienten.map((bsn, i) => ({
          Bsn: bsn,
          Prestaties: {
            Prestatie: [
              {
                ProductReferentie: { ReferentieNummer: `${ref}${i}` },
                ToewijzingNummer: nummers.get(sleutels.bsnHash(bsn)) ?? 0,
                ProductCategorie: p.categorie,
                ProductCode: p.code,
                ProductPeriode: { Begindatum: '2026-09-01', Einddatum: '2026-09-30' },
                GeleverdVolume: 12,
                Eenheid: '04',
                ProductTarief: p.tarief,
                IngediendBedrag: { Bedrag: bedrag, DebetCredit: 'D' },
              },
            ],
          },
        })),
      },
    };
    return writeMessage(m);
  };
  return { p, alle, lijst, nummers, bedrag, jw323 };
}

/**
 * Claims: one JW323 of PRESTATIES prestaties (each its own client and toewijzing) judged to its
 * JW325, next to the same matching aggregate in one raw SQL query; then the monthly settlement
 * run over AFREKENING granted prestaties next to its aggregate in one raw query.
 */
export async function declaratiesBench(o: ClaimBenchOpties): Promise<{ text: string; lines: string[] }> {
  const sleutels = sleutelsUitConfig(o.sleutelConfig);
  const { p, alle, lijst, nummers, bedrag, jw323 } = await claimFixture(o);
  const stuur = async (xml: string): Promise<string> => {
    const post = await fetch(`${o.apiUrl}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/xml' }, body: xml });
    const id = ((await post.json()) as { id?: string }).id;
    if (post.status !== 202 || !id) throw new Error(`bench JW323 not accepted: ${post.status}`);
    return id;
  };
  const warmId = await stuur(jw323('BENCHW', alle.slice(PRESTATIES * RUNS), 'W'));
  const ids: string[] = [];
  for (let r = 0; r < RUNS; r++) ids.push(await stuur(jw323(`BENCH325R${r}`, alle.slice(r * PRESTATIES, (r + 1) * PRESTATIES), `B${r}R`)));
  // In a worker process of its own: its peak RSS is the message path's, not this process's (API, seed data).
  const jw325 = await inWerker({ soort: 'vol', appUrl: o.appUrl, sleutelConfig: o.sleutelConfig, warmId, ids });
  const uitkomst = await withTenant(o.ds, SYSTEEM, (em) =>
    em.query<{ toegekend: string; afgewezen: number }[]>(
      `SELECT d.toegekend_centen AS toegekend, (SELECT count(*)::int FROM prestatie WHERE declaratie_id = d.id AND NOT toegekend) AS afgewezen FROM declaratie d WHERE d.bericht_id = ANY($1::uuid[])`,
      [ids],
    ),
  );
  if (uitkomst.length !== RUNS || uitkomst.some((u) => u.afgewezen !== 0 || u.toegekend !== uitkomst[0].toegekend)) throw new Error(`bench JW323s not fully granted: ${JSON.stringify(uitkomst)}`);
  // Baseline: the same matching aggregate (toewijzing, client, contract tariff) in one raw query,
  // in a worker process of the same kind (its peak RSS is the memory baseline).
  const refs = lijst.map((b) => sleutels.bsnHash(b));
  const raw = await inWerker({ soort: 'ruw', appUrl: o.appUrl, params: [refs.map((r) => nummers.get(r) ?? 0), refs, refs.map(() => bedrag), p.code, p.tarief, o.gemeente] });
  const rawMs = raw.ms;
  if (Number(raw.totaal) !== Number(uitkomst[0].toegekend)) throw new Error(`bench: raw total ${raw.totaal} ≠ granted ${uitkomst[0].toegekend}`);

  // Settlement: AFREKENING granted prestaties of October 2026 spread over the region's providers and municipalities.
  await withTenant(o.ds, SYSTEEM, async (em) => {
    await em.query(
      `WITH partijen AS (SELECT DISTINCT g.gemeente_code, k.aanbieder_agb, row_number() OVER () AS i FROM contract_gemeente g JOIN contract k ON k.id = g.contract_id WHERE k.regio_code = $1),
            n AS (SELECT count(*) AS n FROM partijen)
       INSERT INTO declaratie (bericht_id, regio_code, gemeente_code, aanbieder_agb, nummer, periode_begin, periode_eind, ingediend_centen, toegekend_centen, status, retourcodes, uiterlijk)
       SELECT gen_random_uuid(), $1, gemeente_code, aanbieder_agb, 'BA' || i, '2026-10-01', '2026-10-31', 0, 0, 'beantwoord', '{8001}', '2026-11-14' FROM partijen`,
      [o.regio],
    );
    await em.query(
      `WITH d AS (SELECT id, gemeente_code, aanbieder_agb, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS n FROM declaratie WHERE nummer LIKE 'BA%')
       INSERT INTO prestatie (declaratie_id, regio_code, gemeente_code, aanbieder_agb, declaratie_periode, client_hash, referentie_nummer, debet_credit, toewijzing_nummer,
                              product_categorie, product_code, periode_begin, periode_eind, volume, eenheid, tarief_centen, ingediend_centen, toegekend_centen, toegekend)
       SELECT d.id, $1, d.gemeente_code, d.aanbieder_agb, '2026-10-01', md5(s::text) || md5(s::text), 'A' || s, 'D', s, '45', '45A04', '2026-10-01', '2026-10-31',
              s % 20 + 1, '04', 9550, (s % 20 + 1) * 9550, (s % 20 + 1) * 9550, true
         FROM generate_series(1, $2) s JOIN d ON d.i = s % d.n`,
      [o.regio, AFREKENING],
    );
    await em.query(`UPDATE declaratie d SET toegekend_centen = x.s, ingediend_centen = x.s
                      FROM (SELECT declaratie_id, sum(toegekend_centen) AS s FROM prestatie WHERE declaratie_periode = '2026-10-01' GROUP BY 1) x WHERE x.declaratie_id = d.id`);
    await em.query('ANALYZE prestatie');
    await em.query('ANALYZE declaratie');
  });
  const regioPrincipal: Principal = { sub: 'bench', rol: 'regio', regio: o.regio, gemeenten: [] };
  const tRawA = performance.now();
  const rawA = await withTenant(o.ds, regioPrincipal, (em) =>
    em.query<{ n: number; bedrag: string }[]>(
      `SELECT count(*)::int AS n, sum(bedrag)::bigint AS bedrag FROM (
         SELECT gemeente_code, aanbieder_agb, sum(toegekend_centen) AS bedrag FROM prestatie
          WHERE regio_code = $1 AND declaratie_periode = '2026-10-01' AND toegekend GROUP BY 1, 2) x`,
      [o.regio],
    ),
  );
  const rawAMs = performance.now() - tRawA;
  const afrekening = await metPiek(() => withTenant(o.ds, regioPrincipal, (em) => afrekeningService.maak(em, regioPrincipal, { maand: '2026-10-01' })));
  const totaal = afrekening.result.reduce((s, a) => s + a.bedragCenten, 0);
  if (afrekening.result.length !== rawA[0].n || totaal !== Number(rawA[0].bedrag)) throw new Error(`bench: settlement ${afrekening.result.length}/${totaal} ≠ raw ${rawA[0].n}/${rawA[0].bedrag}`);

  const text =
    `jw325: a JW323 of ${PRESTATIES} prestaties judged to its JW325 (stored, parsed, level 2 and 3, prestaties written, JW325 written) in a warm worker process, median of ${RUNS}:\n` +
    `  ${jw325.ms.toFixed(0)} ms (CPU ${jw325.cpuMs.toFixed(0)} ms; runs ${jw325.alle.map((x) => x.toFixed(0)).join(', ')}), peak RSS ${jw325.piekMb} MB; ` +
    `the same matching aggregate in one raw SQL query: ${rawMs.toFixed(0)} ms, peak RSS ${raw.piekMb} MB\n` +
    `afrekening: the monthly settlement run over ${AFREKENING} granted prestaties (${afrekening.result.length} invoice records):\n` +
    `  ${afrekening.ms.toFixed(0)} ms, peak RSS +${afrekening.piekMb} MB; the same aggregate in one raw SQL query: ${rawAMs.toFixed(0)} ms\n`;
  return {
    text,
    lines: [
      figure('jw325', jw325.ms, 'ms', rawMs, { prestaties: PRESTATIES, runs: RUNS, cpu_ms: Math.round(jw325.cpuMs), peak_rss_mb: jw325.piekMb, target_ms: 1000 }),
      figure('jw325_peak_rss', jw325.piekMb, 'MB', raw.piekMb, { prestaties: PRESTATIES, target_mb: 256 }),
      figure('afrekening', afrekening.ms, 'ms', rawAMs, { prestaties: AFREKENING, facturen: afrekening.result.length, peak_rss_mb: afrekening.piekMb, target_ms: 10000 }),
    ],
  };
}

/**
 * The pre-flight (issue 14): the same JW323 of PRESTATIES prestaties checked through
 * `POST /ijw/proef` (HTTP, the door's insert, the worker's judgement, its answer built in memory,
 * all rolled back), after a small warm-up check; the median of RUNS, next to the same
 * matching aggregate in one raw SQL query. Checked: every prestatie would be granted, and nothing
 * stays. Runs before the real claims of declaratiesBench, on the same clients.
 */
export async function proefBench(o: ClaimBenchOpties): Promise<{ text: string; lines: string[] }> {
  const sleutels = sleutelsUitConfig(o.sleutelConfig);
  const { p, alle, lijst, nummers, bedrag, jw323 } = await claimFixture(o);
  const proef = async (xml: string): Promise<{ uitkomst: string; toegekendCenten: number; prestaties: unknown[] }> => {
    const res = await fetch(`${o.apiUrl}/ijw/proef`, { method: 'POST', headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/xml' }, body: xml });
    if (res.status !== 200) throw new Error(`bench pre-flight: ${res.status} ${await res.text()}`);
    return (await res.json()) as { uitkomst: string; toegekendCenten: number; prestaties: unknown[] };
  };
  const tel = () => withTenant(o.ds, SYSTEEM, (em) => em.query<{ n: number }[]>('SELECT count(*)::int AS n FROM prestatie')).then((r) => r[0].n);
  const voor = await tel();
  await proef(jw323('PROEFW', alle.slice(PRESTATIES * RUNS), 'PW'));
  const xml = jw323('PROEF10K', lijst, 'P');
  const tijden: number[] = [];
  let antwoord: Awaited<ReturnType<typeof proef>> | undefined;
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    antwoord = await proef(xml);
    tijden.push(performance.now() - t);
  }
  if (antwoord?.uitkomst !== 'beantwoord' || antwoord.prestaties.length !== PRESTATIES || antwoord.toegekendCenten !== PRESTATIES * bedrag) {
    throw new Error(`bench pre-flight not fully granted: ${antwoord?.uitkomst} ${antwoord?.toegekendCenten}`);
  }
  if ((await tel()) !== voor) throw new Error('bench: the pre-flight left prestaties behind');
  const refs = lijst.map((b) => sleutels.bsnHash(b));
  const raw = await inWerker({ soort: 'ruw', appUrl: o.appUrl, params: [refs.map((r) => nummers.get(r) ?? 0), refs, refs.map(() => bedrag), p.code, p.tarief, o.gemeente] });
  if (Number(raw.totaal) !== PRESTATIES * bedrag) throw new Error(`bench: raw total ${raw.totaal} ≠ ${PRESTATIES * bedrag}`);
  const ms = mediaan(tijden);
  return {
    text:
      `proef: a JW323 of ${PRESTATIES} prestaties checked before it is sent (POST /ijw/proef: parsed once, received, judged and answered in memory, rolled back), median of ${RUNS}:\n` +
      `  ${ms.toFixed(0)} ms (runs ${tijden.map((x) => x.toFixed(0)).join(', ')}); the same matching aggregate in one raw SQL query: ${raw.ms.toFixed(0)} ms\n`,
    lines: [figure('proef_10000', ms, 'ms', raw.ms, { prestaties: PRESTATIES, runs: RUNS, target_ms: 1000 })],
  };
}

if (require.main === module && process.argv[2] === 'werker') {
  process.once('message', (o) => {
    werker(o as Opdracht).catch((e: unknown) => {
      process.stderr.write(`bench worker failed: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    });
  });
}
