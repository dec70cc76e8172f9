import type { Principal } from '../auth/principal';
import { BEGIN_WACHTLIJST, clientScopeSql, normSql, type Params, statistiekSql, wachtItemsSql } from '../capaciteit/wachttijd.sql';
import { NormSoort } from '../capaciteit/wachttijdnorm.entity';
import { nietVerwijderdSql } from '../toewijzing/toewijzing.rules';
import type { Kwartaal } from './rapportage.rules';
import { uitstroomGroepSql } from './rapportage.rules';

/** The three levels of one GROUPING SETS pass: the region, per municipality, per provider. */
const NIVEAUS = `GROUPING SETS ((), (f.gemeente_code), (f.aanbieder_agb))`;

/** `regio` when neither column is grouped, else the one that is. */
const NIVEAU = (a: string) =>
  `CASE WHEN GROUPING(${a}.gemeente_code) = 1 AND GROUPING(${a}.aanbieder_agb) = 1 THEN 'regio' WHEN GROUPING(${a}.aanbieder_agb) = 1 THEN 'gemeente' ELSE 'aanbieder' END`;

/**
 * Money and client flows of one quarter, per region, municipality and provider, in one statement
 * (facts of every source in one UNION ALL, aggregated with GROUPING SETS so clients count once per
 * level). All sources are filtered by the region and the caller's client-data scope; row-level
 * security applies as well. Definitions (also in README.md):
 * - gerealiseerd: granted prestaties (`toegekend`, credits negative) whose ProductPeriode begins in the quarter;
 * - jaar: the same from 1 January up to the quarter's end;
 * - verplicht: per toewijzing not deleted, `geraamd_centen` spread evenly over the days of its
 *   period (open-ended: until its contract's end), the days after the quarter up to 31 December;
 *   rounded to a cent per toewijzing;
 * - in zorg: distinct clients with a start (JW305, not deleted) on or before the quarter's end
 *   not closed by a stop (JW307, not deleted, any reason) of that start ending on or before that
 *   day: the clients carried into the next quarter (so stock + inflow − outflow adds up);
 * - instroom: starts beginning in the quarter that are not a restart (the first start of the
 *   same toewijzing and client);
 * - uitstroom: definitive stops (reason not 20) ending in the quarter, grouped by reason.
 * Rows with neither a municipality nor a provider of the region's registry are kept so every
 * municipality in scope shows, even without figures.
 */
export function stromenSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const r = P.add(regio);
  const van = `${P.add(k.van)}::date`;
  const tot = `${P.add(k.tot)}::date`;
  const jaarVan = `${P.add(k.jaarVan)}::date`;
  const jaarTot = `${P.add(k.jaarTot)}::date`;
  const scope = (a: string) => clientScopeSql(p, a, P);
  return `
  WITH geld AS (
    SELECT pr.gemeente_code, pr.aanbieder_agb,
           sum(pr.toegekend_centen) FILTER (WHERE pr.periode_begin >= ${van}) AS kwartaal,
           sum(pr.toegekend_centen) AS jaar
      FROM prestatie pr
     WHERE pr.toegekend AND pr.regio_code = ${r} AND pr.periode_begin >= ${jaarVan} AND pr.periode_begin <= ${tot} AND ${scope('pr')}
     GROUP BY pr.gemeente_code, pr.aanbieder_agb),
  tw AS (
    SELECT t.gemeente_code, t.aanbieder_agb, t.geraamd_centen, t.ingangsdatum, coalesce(t.einddatum, c.einddatum) AS einde
      FROM toewijzing t LEFT JOIN contract c ON c.id = t.contract_id
     WHERE ${nietVerwijderdSql('t')} AND t.regio_code = ${r} AND ${scope('t')}
       AND coalesce(t.einddatum, c.einddatum) > ${tot} AND t.ingangsdatum <= ${jaarTot}),
  verplicht AS (
    SELECT tw.gemeente_code, tw.aanbieder_agb,
           sum(round(tw.geraamd_centen::numeric * (least(tw.einde, ${jaarTot}) - greatest(tw.ingangsdatum, ${tot} + 1) + 1) / (tw.einde - tw.ingangsdatum + 1))) AS bedrag
      FROM tw GROUP BY tw.gemeente_code, tw.aanbieder_agb),
  lev AS (
    SELECT l.gemeente_code, l.aanbieder_agb, l.client_hash, coalesce(l.toewijzing_nummer, -1) AS nr, coalesce(l.product_categorie, '') AS cat,
           coalesce(l.product_code, '') AS code, l.soort, l.begindatum, l.einddatum, l.reden_beeindiging
      FROM levering l WHERE NOT l.verwijderd AND l.regio_code = ${r} AND ${scope('l')}),
  -- A stop carries its start's key (product, Begindatum), so grouping by the key pairs them in one
  -- pass: no anti-join whose plan depends on row estimates under row-level security.
  in_zorg AS (
    SELECT gemeente_code, aanbieder_agb, client_hash FROM lev
     WHERE begindatum <= ${tot}
     GROUP BY gemeente_code, aanbieder_agb, client_hash, nr, cat, code, begindatum
    HAVING bool_or(soort = 'start') AND NOT coalesce(bool_or(soort = 'stop' AND einddatum <= ${tot}), false)),
  starts AS (
    SELECT gemeente_code, aanbieder_agb, begindatum, min(begindatum) OVER (PARTITION BY gemeente_code, aanbieder_agb, client_hash, nr) AS eerste
      FROM lev WHERE soort = 'start'),
  instroom AS (
    SELECT gemeente_code, aanbieder_agb, count(*) AS n FROM starts
     WHERE begindatum BETWEEN ${van} AND ${tot} AND begindatum = eerste
     GROUP BY gemeente_code, aanbieder_agb),
  uitstroom AS (
    SELECT s.gemeente_code, s.aanbieder_agb, ${uitstroomGroepSql('s.reden_beeindiging')} AS groep, count(*) AS n FROM lev s
     WHERE s.soort = 'stop' AND s.reden_beeindiging <> '20' AND s.einddatum BETWEEN ${van} AND ${tot}
     GROUP BY 1, 2, 3),
  gemeenten AS (
    SELECT DISTINCT g.code FROM gemeente g
     WHERE g.regio_code = ${r} AND g.geldig_vanaf <= ${tot} AND (g.geldig_tot IS NULL OR g.geldig_tot >= ${van})
       ${p.rol === 'gemeente' ? `AND g.code = ANY (${P.add(p.gemeenten)}::text[])` : ''}),
  f (gemeente_code, aanbieder_agb, kwartaal, jaar, verplicht, client, instroom, plan, voortijdig, overig) AS (
    SELECT gemeente_code, aanbieder_agb, kwartaal, jaar, NULL::numeric, NULL, NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint FROM geld
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, bedrag, NULL, NULL, NULL, NULL, NULL FROM verplicht
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, client_hash, NULL, NULL, NULL, NULL FROM in_zorg
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, NULL, n, NULL, NULL, NULL FROM instroom
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, NULL, NULL,
                     CASE WHEN groep = 'volgensPlan' THEN n END, CASE WHEN groep = 'voortijdig' THEN n END, CASE WHEN groep = 'overig' THEN n END FROM uitstroom
    UNION ALL SELECT code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM gemeenten)
  SELECT ${NIVEAU('f')} AS niveau, f.gemeente_code, f.aanbieder_agb,
         coalesce(sum(f.kwartaal), 0)::bigint AS kwartaal, coalesce(sum(f.jaar), 0)::bigint AS jaar, coalesce(sum(f.verplicht), 0)::bigint AS verplicht,
         count(DISTINCT f.client)::int AS in_zorg, coalesce(sum(f.instroom), 0)::int AS instroom,
         coalesce(sum(f.plan), 0)::int AS plan, coalesce(sum(f.voortijdig), 0)::int AS voortijdig, coalesce(sum(f.overig), 0)::int AS overig
    FROM f
   GROUP BY ${NIVEAUS}`;
}

/**
 * Waiting times per region, municipality and provider in one statement, from the same items and
 * statistics as the waiting-time module (`wachtItemsSql`, `statistiekSql`): median and 90th
 * percentile request (or allocation) → start over care started in the quarter; and at the
 * quarter's end the children waiting (wait begun, not started by then, toewijzing not ended
 * before then) and of them those waiting longer than the norm request → start.
 */
export function wachttijdSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const where = `t.regio_code = ${P.add(regio)} AND ${clientScopeSql(p, 't', P)}`;
  const items = wachtItemsSql(where);
  const stats = statistiekSql(P, { vanaf: k.van, tot: k.tot, vandaag: k.tot });
  const tot = `${P.add(k.tot)}::date`;
  const wachtend = `${BEGIN_WACHTLIJST} <= ${tot} AND (i.gestart IS NULL OR i.gestart > ${tot}) AND (i.einddatum IS NULL OR i.einddatum >= ${tot})`;
  return `
  SELECT ${NIVEAU('i')} AS niveau, i.gemeente_code, i.aanbieder_agb, ${stats},
         count(*) FILTER (WHERE ${wachtend})::int AS wachtend_eind,
         count(*) FILTER (WHERE ${wachtend} AND ${tot} - ${BEGIN_WACHTLIJST} > ${normSql('i', NormSoort.aanmelding_tot_start)})::int AS boven_norm
    FROM (${items}) i
   GROUP BY GROUPING SETS ((), (i.gemeente_code), (i.aanbieder_agb))`;
}

/**
 * Budget ceilings (budgetplafond) of the year per contract with what is granted against each
 * from 1 January to the quarter's end over the whole region (aggregates only: run in the
 * system context limited to the region). A municipality caller gets the contracts that cover
 * one of its municipalities.
 */
export function plafondSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const r = P.add(regio);
  const gemeente = p.rol === 'gemeente'
    ? `AND EXISTS (SELECT 1 FROM contract_gemeente cg WHERE cg.contract_id = bp.contract_id AND cg.gemeente_code = ANY (${P.add(p.gemeenten)}::text[]))`
    : '';
  return `
  SELECT bp.aanbieder_agb, bp.contract_id, c.nummer AS contract_nummer, bp.bedrag_centen AS plafond,
         (SELECT coalesce(sum(pr.toegekend_centen), 0) FROM prestatie pr
           WHERE pr.contract_id = bp.contract_id AND pr.toegekend AND pr.periode_begin >= ${P.add(k.jaarVan)}::date AND pr.periode_begin <= ${P.add(k.tot)}::date) AS toegekend
    FROM budgetplafond bp JOIN contract c ON c.id = bp.contract_id
   WHERE bp.regio_code = ${r} AND bp.jaar = ${P.add(k.jaar)} ${gemeente}
   ORDER BY bp.aanbieder_agb, c.nummer`;
}

/** Names of the municipalities (valid at the quarter's end, else the latest) and providers of the rows. */
export function namenSql(regio: string, k: Kwartaal, P: Params): string {
  return `
  SELECT 'gemeente' AS soort, g.code, g.naam FROM (
    SELECT DISTINCT ON (code) code, naam FROM gemeente WHERE regio_code = ${P.add(regio)} AND geldig_vanaf <= ${P.add(k.tot)}::date ORDER BY code, geldig_vanaf DESC) g
  UNION ALL
  SELECT 'regio', code, naam FROM regio WHERE code = ${P.add(regio)}
  UNION ALL
  SELECT 'aanbieder', agb, naam FROM aanbieder`;
}
