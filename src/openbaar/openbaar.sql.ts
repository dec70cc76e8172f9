import { BEGIN_WACHTEN, dagenSql, WACHTDAGEN, wachtItemsSql } from '../capaciteit/wachttijd.sql';

/**
 * Which toewijzingen (alias `t`) the public feed counts: production regions' only. The feed reads
 * as the hub, which sees sandbox rows too; `hub_productie` (migration Sandbox) keeps them out.
 */
export function openbareRegioSql(t: string): string {
  return `${t}.regio_code IS NOT NULL AND hub_productie(${t}.regio_code)`;
}

/** Median and 80th percentile of a number of days, over the rows that pass `filter`. */
const percentielen = (naam: string, dagen: string, filter = 'true') => `
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${dagen}) FILTER (WHERE ${filter}) AS mediaan_${naam},
  percentile_cont(0.8) WITHIN GROUP (ORDER BY ${dagen}) FILTER (WHERE ${filter}) AS p80_${naam}`;

/**
 * Every cell of the feed in one statement: per region, product category and provider, the
 * toewijzingen whose care started in the period ($1 … $2), with the waiting days of the hub's one
 * rule (`dagenSql`, never negative; src/capaciteit/README.md): request (else allocation) → start,
 * request → allocation (those with a request), allocation → start. Aggregates only: counts and
 * percentiles, no row of a client, no minimum or maximum.
 */
export const OPEN_WACHTTIJDEN_SQL = `
SELECT i.regio_code, r.naam AS regio_naam, i.product_categorie, i.aanbieder_agb, a.naam AS aanbieder_naam,
       count(*)::int AS aantal,
       count(*) FILTER (WHERE i.aangevraagd IS NOT NULL)::int AS aantal_met_aanmelding,
       ${percentielen('aanmelding_start', WACHTDAGEN)},
       ${percentielen('aanmelding_toewijzing', dagenSql('i.aangevraagd', 'i.toegewezen'), 'i.aangevraagd IS NOT NULL')},
       ${percentielen('toewijzing_start', dagenSql('i.toegewezen', 'i.gestart'))}
  FROM (${wachtItemsSql(openbareRegioSql('t'))}) i
  JOIN regio r ON r.code = i.regio_code
  LEFT JOIN aanbieder a ON a.agb = i.aanbieder_agb
 WHERE i.gestart >= $1::date AND i.gestart <= $2::date AND ${BEGIN_WACHTEN} IS NOT NULL
 GROUP BY i.regio_code, r.naam, i.product_categorie, i.aanbieder_agb, a.naam
 ORDER BY i.regio_code, i.product_categorie, a.naam, i.aanbieder_agb`;

/** A row of OPEN_WACHTTIJDEN_SQL (pg gives percentiles as numbers: double precision). */
export interface OpenWachttijdRij {
  regio_code: string;
  regio_naam: string;
  product_categorie: string;
  aanbieder_agb: string;
  aanbieder_naam: string | null;
  aantal: number;
  aantal_met_aanmelding: number;
  mediaan_aanmelding_start: number | null;
  p80_aanmelding_start: number | null;
  mediaan_aanmelding_toewijzing: number | null;
  p80_aanmelding_toewijzing: number | null;
  mediaan_toewijzing_start: number | null;
  p80_toewijzing_start: number | null;
}
