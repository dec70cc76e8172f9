import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { Principal } from '../src/auth/principal';
import { Params } from '../src/auth/scope';
import { withTenant } from '../src/db/tenant';
import { kwartaalVan } from '../src/rapportage/rapportage.rules';
import { rapportageService } from '../src/rapportage/rapportage.service';
import { begrotingspostenSql, grenzenSql, namenSql, stromenSql, wachttijdSql } from '../src/rapportage/rapportage.sql';
import { figure } from './lib';

/** Clients of the generated region (one toewijzing each); BENCH_QRAPPORT_CLIENTS overrides. */
const CLIENTS = Number(process.env.BENCH_QRAPPORT_CLIENTS ?? 20_000);
const RUNS = Number(process.env.BENCH_QRAPPORT_RUNS ?? 7);

/**
 * A region's year of traffic written straight into the scratch database as its owner (row-level
 * security does not apply to the owner): per client one toewijzing of 45A04 under one of the
 * region's contracts and municipalities, spread over 2026; a start for 85 % of them, a stop
 * (all reasons, temporary ones included) for 40 %; a prestatie per month of care up to
 * September, one in ten rejected; a waiting-time norm; three budget lines; a lumpsum with
 * advances for every taakgericht contract.
 */
export async function genereer(ownerUrl: string, regio: string): Promise<{ toewijzingen: number; leveringen: number; prestaties: number }> {
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `CREATE TEMP TABLE bench_tw ON COMMIT DROP AS
       WITH k AS (SELECT c.id, c.aanbieder_agb, cg.gemeente_code, (row_number() OVER (ORDER BY c.nummer, cg.gemeente_code) - 1)::int AS k, count(*) OVER ()::int AS n
                    FROM contract c JOIN contract_gemeente cg ON cg.contract_id = c.id WHERE c.regio_code = $1)
       SELECT i, k.id AS contract_id, k.aanbieder_agb, k.gemeente_code, encode(sha256(('bench-client-' || i)::bytea), 'hex') AS client_hash,
              date '2026-01-01' + (i % 270) AS ingang, date '2026-01-01' + (i % 270) + 90 + (i % 200) AS einde
         FROM generate_series(0, $2::int - 1) i JOIN k ON k.k = i % k.n`,
      [regio, CLIENTS],
    );
    const tw = await c.query(
      `INSERT INTO toewijzing (nummer, regio_code, gemeente_code, aanbieder_agb, client_id, contract_id, product_categorie, product_code, ingangsdatum, einddatum,
                               volume, eenheid, frequentie, toewijzingsdatum, toewijzingstijd, geraamd_centen, versie)
       SELECT 5000000 + i, $1, gemeente_code, aanbieder_agb, gen_random_uuid(), contract_id, '45', '45A04', ingang, einde, 3, '04', '2',
              ingang - (i % 60), '12:00', 3 * ceil((einde - ingang + 1) / 7.0) * 9550, 1
         FROM bench_tw`,
      [regio],
    );
    const starts = await c.query(
      `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, bericht_id)
       SELECT 'start', aanbieder_agb, gemeente_code, $1, 5000000 + i, client_hash, '45', '45A04', ingang + (i % 30), gen_random_uuid()
         FROM bench_tw WHERE i % 20 < 17`,
      [regio],
    );
    const stops = await c.query(
      `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, einddatum, reden_beeindiging, bericht_id)
       SELECT 'stop', aanbieder_agb, gemeente_code, $1, 5000000 + i, client_hash, '45', '45A04', ingang + (i % 30), ingang + (i % 30) + 60 + (i % 50),
              (ARRAY['31', '32', '33', '34', '35', '02', '36', '38', '20'])[1 + i % 9], gen_random_uuid()
         FROM bench_tw WHERE i % 20 < 8`,
      [regio],
    );
    const prestaties = await c.query(
      `INSERT INTO prestatie (declaratie_id, regio_code, gemeente_code, aanbieder_agb, client_hash, declaratie_periode, referentie_nummer, debet_credit, toewijzing_nummer,
                              contract_id, product_categorie, product_code, periode_begin, periode_eind, volume, eenheid, tarief_centen, ingediend_centen, toegekend_centen, toegekend)
       SELECT gen_random_uuid(), $1, t.gemeente_code, t.aanbieder_agb, t.client_hash, m::date, 'B' || t.i || '-' || to_char(m, 'MM'), 'D', 5000000 + t.i,
              t.contract_id, '45', '45A04', m::date, (m + interval '1 month' - interval '1 day')::date, 12, '04', 9550, 114600,
              CASE WHEN t.i % 10 = 0 THEN 0 ELSE 114600 END, t.i % 10 <> 0
         FROM bench_tw t CROSS JOIN LATERAL generate_series(date_trunc('month', t.ingang), least(t.einde, date '2026-09-30'), interval '1 month') m`,
      [regio],
    );
    await c.query(`INSERT INTO wachttijdnorm (regio_code, soort, max_dagen) VALUES ($1, 'aanmelding_tot_start', 63) ON CONFLICT DO NOTHING`, [regio]);
    // Budget lines for the main categories, and a lumpsum with monthly advances for every taakgericht contract.
    await c.query(
      `INSERT INTO begrotingspost (regio_code, naam, begindatum, einddatum, bedrag_centen, sleutel, procent_inwoners, productcategorieen, gemeenten, aangemaakt_door, verdeeld_op)
       SELECT $1::varchar, naam, '2026-01-01', '2026-12-31', bedrag, 'inwoners', 100, cats::varchar(2)[], (SELECT array_agg(DISTINCT code) FROM gemeente WHERE regio_code = $1::varchar), 'bench', now()
         FROM (VALUES ('Ambulant', 4268223500, '{45}'), ('Verblijf', 1178076000, '{43}'), ('Jeugd-ggz', 4400000000, '{54,55}')) v(naam, bedrag, cats)`,
      [regio],
    );
    await c.query(
      `WITH l AS (
         INSERT INTO lumpsum (regio_code, aanbieder_agb, contract_id, jaar, budget_centen, minimum_clienten, maximum_clienten, bedrag_per_client_centen, verdeling, aangemaakt_door)
         SELECT c.regio_code, c.aanbieder_agb, c.id, 2026, 120000000, 100, 400, 100000, 'inwoners', 'bench' FROM contract c
          WHERE c.regio_code = $1::varchar AND EXISTS (SELECT 1 FROM contract_product cp WHERE cp.contract_id = c.id AND cp.uitvoeringsvariant = 'taakgericht')
         RETURNING id, regio_code, aanbieder_agb, contract_id),
       a AS (
         INSERT INTO lumpsum_aandeel (lumpsum_id, gemeente_code, regio_code, aanbieder_agb, gewicht, budget_centen)
         SELECT l.id, cg.gemeente_code, l.regio_code, l.aanbieder_agb, 1, 120000000 / count(*) OVER (PARTITION BY l.id)
           FROM l JOIN contract_gemeente cg ON cg.contract_id = l.contract_id
         RETURNING lumpsum_id, gemeente_code, regio_code, aanbieder_agb, budget_centen)
       INSERT INTO lumpsum_voorschot (lumpsum_id, regio_code, aanbieder_agb, gemeente_code, jaar, maand, bedrag_centen)
       SELECT a.lumpsum_id, a.regio_code, a.aanbieder_agb, a.gemeente_code, 2026, m, a.budget_centen / 12 FROM a CROSS JOIN generate_series(1, 11) m`,
      [regio],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE toewijzing, levering, prestatie, budgetplafond, contract, gemeente');
    return { toewijzingen: tw.rowCount ?? 0, leveringen: (starts.rowCount ?? 0) + (stops.rowCount ?? 0), prestaties: prestaties.rowCount ?? 0 };
  } finally {
    await c.end();
  }
}

const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * `qrapport`: the quarterly report of a region with CLIENTS clients through the service (its
 * statements, the system-context switch, the audit row and the mapping) next to the raw SQL
 * equivalent (the same report statements in one transaction with the tenant set, nothing else);
 * medians of RUNS runs after one warm-up, in ms. Target: at most 2 s.
 */
export async function qrapportBench(ds: DataSource, ownerUrl: string, regio: string): Promise<{ text: string; lines: string[] }> {
  const n = await genereer(ownerUrl, regio);
  const p: Principal = { sub: 'bench', rol: 'regio', regio, gemeenten: [] };
  const k = kwartaalVan(2026, 3);
  let gemeenten = 0;
  let aanbieders = 0;
  const viaService = async () => {
    const r = await withTenant(ds, p, (em) => rapportageService.kwartaalrapportage(em, p, 2026, 3));
    gemeenten = r.gemeenten.length;
    aanbieders = r.aanbieders.length;
    if (r.regio.gerealiseerdJaarCenten <= 0) throw new Error('the generated region shows no spend');
  };
  const viaSql = async () => {
    await withTenant(ds, p, async (em) => {
      for (const sql of [stromenSql, wachttijdSql, begrotingspostenSql, grenzenSql]) {
        const P = new Params();
        await em.query(sql(p, regio, k, P), P.values);
      }
      const N = new Params();
      await em.query(namenSql(regio, k, N), N.values);
    });
  };
  const meet = async (fn: () => Promise<void>) => {
    await fn();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    return mediaan(ms);
  };
  const service = await meet(viaService);
  const raw = await meet(viaSql);
  const text =
    `quarterly report, ${n.toewijzingen} clients/toewijzingen, ${n.leveringen} starts and stops, ${n.prestaties} prestaties (${gemeenten} municipalities, ${aanbieders} providers), median of ${RUNS}:\n` +
    `  service: ${service.toFixed(1)} ms\n` +
    `  raw SQL: ${raw.toFixed(1)} ms\n`;
  return { text, lines: [figure('qrapport', service, 'ms', raw, { clients: n.toewijzingen })] };
}
