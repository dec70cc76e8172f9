import type { DataSource, EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { SYSTEEM } from '../auth/principal';
import { vandaag } from '../common/klok';
import { withTenant } from '../db/tenant';
import { voorschotSchema } from './verdeel';

/** Payload of the advance run: `peildatum` (YYYY-MM-DD) defaults to today. */
export interface VoorschottenJobData {
  peildatum?: string;
}

interface Openstaand {
  id: string;
  regio_code: string;
  aanbieder_agb: string;
  jaar: number;
  budget_centen: string;
  maanden: number;
}

/**
 * Creates every monthly advance that is due by `peildatum` and does not exist yet: month m of
 * year j is due from the first of that month, so a missed run (or a lumpsum set up mid-year)
 * is caught up. Exactly once: the unique key (lumpsum, gemeente, jaar, maand) with
 * INSERT … ON CONFLICT DO NOTHING, one transaction per lumpsum, so a rerun, a second worker or a
 * worker killed halfway changes nothing that exists and only adds what is missing.
 */
export async function maakVoorschotten(ds: DataSource, data: VoorschottenJobData): Promise<{ lumpsums: number; voorschotten: number }> {
  const peildatum = data.peildatum ?? vandaag();
  const [peiljaar, peilmaand] = [Number(peildatum.slice(0, 4)), Number(peildatum.slice(5, 7))];
  const open = await withTenant(ds, SYSTEEM, (em) =>
    em.query<Openstaand[]>(
      `SELECT l.id, l.regio_code, l.aanbieder_agb, l.jaar, l.budget_centen, m.maanden
         FROM lumpsum l
         CROSS JOIN LATERAL (SELECT CASE WHEN l.jaar < $1 THEN 12 ELSE $2::int END AS maanden) m
        WHERE l.jaar <= $1
          AND (SELECT count(*) FROM lumpsum_voorschot v WHERE v.lumpsum_id = l.id)
            < m.maanden * (SELECT count(*) FROM lumpsum_aandeel a WHERE a.lumpsum_id = l.id)
        ORDER BY l.jaar, l.id`,
      [peiljaar, peilmaand],
    ),
  );
  let voorschotten = 0;
  for (const l of open) voorschotten += await withTenant(ds, SYSTEEM, (em) => voorschottenVan(em, l));
  return { lumpsums: open.length, voorschotten };
}

async function voorschottenVan(em: EntityManager, l: Openstaand): Promise<number> {
  const aandelen = await em.query<{ gemeente_code: string; gewicht: string }[]>(
    `SELECT gemeente_code, gewicht FROM lumpsum_aandeel WHERE lumpsum_id = $1 ORDER BY gemeente_code`,
    [l.id],
  );
  const schema = voorschotSchema(Number(l.budget_centen), aandelen.map((a) => BigInt(a.gewicht)));
  const gemeenten: string[] = [];
  const maanden: number[] = [];
  const bedragen: string[] = [];
  for (let m = 1; m <= l.maanden; m++) {
    aandelen.forEach((a, i) => {
      gemeenten.push(a.gemeente_code);
      maanden.push(m);
      bedragen.push(String(schema[m - 1][i]));
    });
  }
  const r = await em.query<{ n: number }[]>(
    `WITH nieuw AS (
       INSERT INTO lumpsum_voorschot (lumpsum_id, regio_code, aanbieder_agb, gemeente_code, jaar, maand, bedrag_centen)
       SELECT $1, $2, $3, g, $4, m, b FROM unnest($5::char(4)[], $6::int[], $7::bigint[]) AS x(g, m, b)
       ON CONFLICT (lumpsum_id, gemeente_code, jaar, maand) DO NOTHING
       RETURNING 1)
     SELECT count(*)::int AS n FROM nieuw`,
    [l.id, l.regio_code, l.aanbieder_agb, l.jaar, gemeenten, maanden, bedragen],
  );
  const n = r[0].n;
  if (n > 0) await audit(em, SYSTEEM, 'lumpsum.voorschotten', 'lumpsum', l.id, { jaar: l.jaar, totMaand: l.maanden, nieuw: n }, l.regio_code);
  return n;
}
