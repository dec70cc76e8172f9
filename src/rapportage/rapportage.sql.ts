import type { Principal } from '../auth/principal';
import { clientScopeSql, type Params } from '../auth/scope';
import { BEGIN_WACHTLIJST, dagenSql, normSql, statistiekSql, wachtItemsSql } from '../capaciteit/wachttijd.sql';
import { NormSoort } from '../capaciteit/wachttijdnorm.entity';
import { nietVerwijderdSql } from '../toewijzing/toewijzing.rules';
import type { Kwartaal } from './rapportage.rules';
import { uitstroomGroepSql } from './rapportage.rules';

/**
 * The four levels of one GROUPING SETS pass: the region, per municipality, per provider, and per
 * provider within a municipality (the dashboard's drill-down region → municipality → provider).
 */
const NIVEAUS = `GROUPING SETS ((), (f.gemeente_code), (f.aanbieder_agb), (f.gemeente_code, f.aanbieder_agb))`;

/** `regio` when neither column is grouped, `gemeente_aanbieder` when both are, else the one that is. */
const NIVEAU = (a: string) =>
  `CASE WHEN GROUPING(${a}.gemeente_code) = 1 AND GROUPING(${a}.aanbieder_agb) = 1 THEN 'regio'
        WHEN GROUPING(${a}.gemeente_code) = 0 AND GROUPING(${a}.aanbieder_agb) = 0 THEN 'gemeente_aanbieder'
        WHEN GROUPING(${a}.aanbieder_agb) = 1 THEN 'gemeente' ELSE 'aanbieder' END`;

/**
 * Money and client flows of one quarter, per region, municipality and provider, in one statement
 * (facts of every source in one UNION ALL, aggregated with GROUPING SETS so clients count once per
 * level). All sources are filtered by the region and the caller's client-data scope; row-level
 * security applies as well. Definitions (also in README.md):
 * - budget: municipality shares (`kostenaandeel`) of the budget lines, prorated by the days of
 *   their period in the year, plus lumpsum budgets of the year (`lumpsum_aandeel`); empty when none;
 * - gerealiseerd: granted prestaties (`toegekend`, credits negative) whose ProductPeriode begins in
 *   the quarter, plus the lumpsum advances (`lumpsum_voorschot`) of the quarter's months;
 * - jaar: the same from 1 January up to the quarter's end;
 * - verplicht: per toewijzing not deleted, `geraamd_centen` spread evenly over the days of its
 *   period (open-ended: until its contract's end), the days after the quarter up to 31 December;
 *   rounded to a cent per toewijzing;
 * - in zorg: distinct clients with a start (JW305, not deleted) on or before the quarter's end
 *   not closed by a stop (JW307, not deleted, any reason) of that start ending on or before that
 *   day: the clients carried into the next quarter;
 * - instroom: starts beginning in the quarter that are not a restart (the first start of the
 *   same toewijzing and client);
 * - uitstroom: definitive stops (reason not 20) ending in the quarter, grouped by reason.
 * Every municipality of the region in scope gets a row, also without figures.
 */
export function stromenSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const r = P.add(regio);
  const van = `${P.add(k.van)}::date`;
  const tot = `${P.add(k.tot)}::date`;
  const jaarVan = `${P.add(k.jaarVan)}::date`;
  const jaarTot = `${P.add(k.jaarTot)}::date`;
  const scope = (a: string) => clientScopeSql(p, a, P);
  const jaar = P.add(k.jaar);
  const eersteMaand = P.add(Number(k.van.slice(5, 7)));
  const laatsteMaand = P.add(Number(k.tot.slice(5, 7)));
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
  aandeel AS (
    SELECT ka.gemeente_code::varchar AS gemeente_code,
           sum(round(ka.bedrag_centen::numeric * (least(ka.einddatum, ${jaarTot}) - greatest(ka.begindatum, ${jaarVan}) + 1) / (ka.einddatum - ka.begindatum + 1))) AS bedrag
      FROM kostenaandeel ka
     WHERE ka.regio_code = ${r} AND ka.begindatum <= ${jaarTot} AND ka.einddatum >= ${jaarVan} AND ${scope('ka')}
     GROUP BY ka.gemeente_code),
  lumpsum AS (
    SELECT la.gemeente_code::varchar AS gemeente_code, la.aanbieder_agb, sum(la.budget_centen) AS bedrag
      FROM lumpsum_aandeel la JOIN lumpsum l ON l.id = la.lumpsum_id
     WHERE l.jaar = ${jaar} AND la.regio_code = ${r} AND ${scope('la')}
     GROUP BY la.gemeente_code, la.aanbieder_agb),
  voorschot AS (
    SELECT v.gemeente_code::varchar AS gemeente_code, v.aanbieder_agb,
           sum(v.bedrag_centen) FILTER (WHERE v.maand >= ${eersteMaand}) AS kwartaal, sum(v.bedrag_centen) AS jaar
      FROM lumpsum_voorschot v
     WHERE v.regio_code = ${r} AND v.jaar = ${jaar} AND v.maand <= ${laatsteMaand} AND ${scope('v')}
     GROUP BY v.gemeente_code, v.aanbieder_agb),
  gemeenten AS (
    SELECT DISTINCT g.code FROM gemeente g
     WHERE g.regio_code = ${r} AND g.geldig_vanaf <= ${tot} AND (g.geldig_tot IS NULL OR g.geldig_tot >= ${van})
       ${p.rol === 'gemeente' ? `AND g.code = ANY (${P.add(p.gemeenten)}::text[])` : ''}),
  f (gemeente_code, aanbieder_agb, kwartaal, jaar, verplicht, client, instroom, plan, voortijdig, overig, budget) AS (
    SELECT gemeente_code::varchar, aanbieder_agb::char(8), kwartaal::numeric, jaar::numeric, NULL::numeric, NULL::char(64), NULL::bigint, NULL::bigint, NULL::bigint, NULL::bigint, NULL::numeric FROM geld
    UNION ALL SELECT gemeente_code, aanbieder_agb, kwartaal, jaar, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM voorschot
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, bedrag, NULL, NULL, NULL, NULL, NULL, NULL FROM verplicht
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, client_hash, NULL, NULL, NULL, NULL, NULL FROM in_zorg
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, NULL, n, NULL, NULL, NULL, NULL FROM instroom
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, NULL, NULL,
                     CASE WHEN groep = 'volgensPlan' THEN n END, CASE WHEN groep = 'voortijdig' THEN n END, CASE WHEN groep = 'overig' THEN n END, NULL FROM uitstroom
    UNION ALL SELECT gemeente_code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, bedrag FROM aandeel
    UNION ALL SELECT gemeente_code, aanbieder_agb, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, bedrag FROM lumpsum
    UNION ALL SELECT code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM gemeenten)
  SELECT ${NIVEAU('f')} AS niveau, f.gemeente_code, f.aanbieder_agb, sum(f.budget)::bigint AS budget,
         coalesce(sum(f.kwartaal), 0)::bigint AS kwartaal, coalesce(sum(f.jaar), 0)::bigint AS jaar, coalesce(sum(f.verplicht), 0)::bigint AS verplicht,
         count(DISTINCT f.client)::int AS in_zorg, coalesce(sum(f.instroom), 0)::int AS instroom,
         coalesce(sum(f.plan), 0)::int AS plan, coalesce(sum(f.voortijdig), 0)::int AS voortijdig, coalesce(sum(f.overig), 0)::int AS overig
    FROM f
   GROUP BY ${NIVEAUS}`;
}

/**
 * Waiting times per region, municipality, provider, provider within a municipality and product
 * category in one statement, from the same items and
 * statistics as the waiting-time module (`wachtItemsSql`, `statistiekSql`): median and 90th
 * percentile request (or allocation) → start over care started in the quarter; and at the
 * quarter's end the children waiting (wait begun, not started by then, toewijzing not ended
 * before then) and of them those waiting longer than the norm request → start. Per category also
 * the norm that holds for it (the category's own, else the region's general one).
 */
export function wachttijdSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const where = `t.regio_code = ${P.add(regio)} AND ${clientScopeSql(p, 't', P)}`;
  const items = wachtItemsSql(where);
  const stats = statistiekSql(P, { vanaf: k.van, tot: k.tot, vandaag: k.tot });
  const tot = `${P.add(k.tot)}::date`;
  const wachtend = `${BEGIN_WACHTLIJST} <= ${tot} AND (i.gestart IS NULL OR i.gestart > ${tot}) AND (i.einddatum IS NULL OR i.einddatum >= ${tot})`;
  return `
  SELECT CASE WHEN GROUPING(i.product_categorie) = 0 THEN 'categorie' ELSE ${NIVEAU('i')} END AS niveau,
         i.gemeente_code, i.aanbieder_agb, i.product_categorie, ${stats},
         count(*) FILTER (WHERE ${wachtend})::int AS wachtend_eind,
         count(*) FILTER (WHERE ${wachtend} AND ${dagenSql(BEGIN_WACHTLIJST, tot)} > i.norm)::int AS boven_norm,
         max(i.norm) AS norm
    FROM (SELECT w.*, ${normSql('w', NormSoort.aanmelding_tot_start)} AS norm FROM (${items}) w) i
   GROUP BY GROUPING SETS ((), (i.gemeente_code), (i.aanbieder_agb), (i.gemeente_code, i.aanbieder_agb), (i.product_categorie))`;
}

/**
 * The limits a provider may cross, with its actual figure, over the whole region (aggregates only:
 * run in the system context limited to the region); a municipality caller gets the contracts and
 * lumpsums that cover one of its municipalities.
 * - `plafond`: a contract's budget ceiling of the year against its granted prestaties from
 *   1 January to the quarter's end;
 * - `lumpsum`: a lumpsum's client band against its clients so far, by the rule of the year-end
 *   settlement applied up to the quarter's end: distinct clients with a taakgericht start (JW305,
 *   not deleted) of the provider in one of the lumpsum's municipalities and the contract's
 *   taakgericht products, begun by the quarter's end and not stopped before 1 January.
 */
export function grenzenSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const r = P.add(regio);
  const jaar = P.add(k.jaar);
  const jaarVan = `${P.add(k.jaarVan)}::date`;
  const tot = `${P.add(k.tot)}::date`;
  const gemeenten = p.rol === 'gemeente' ? P.add(p.gemeenten) : null;
  const contractDekt = gemeenten
    ? `AND EXISTS (SELECT 1 FROM contract_gemeente cg WHERE cg.contract_id = bp.contract_id AND cg.gemeente_code = ANY (${gemeenten}::text[]))`
    : '';
  const lumpsumDekt = gemeenten
    ? `AND EXISTS (SELECT 1 FROM lumpsum_aandeel a WHERE a.lumpsum_id = l.id AND a.gemeente_code = ANY (${gemeenten}::text[]))`
    : '';
  return `
  SELECT 'plafond' AS soort, bp.aanbieder_agb, c.nummer AS contract_nummer, bp.bedrag_centen AS minimum, bp.bedrag_centen AS maximum,
         (SELECT coalesce(sum(pr.toegekend_centen), 0) FROM prestatie pr
           WHERE pr.contract_id = bp.contract_id AND pr.toegekend AND pr.periode_begin >= ${jaarVan} AND pr.periode_begin <= ${tot}) AS werkelijk
    FROM budgetplafond bp JOIN contract c ON c.id = bp.contract_id
   WHERE bp.regio_code = ${r} AND bp.jaar = ${jaar} ${contractDekt}
  UNION ALL
  SELECT 'lumpsum', l.aanbieder_agb, c.nummer, l.minimum_clienten, l.maximum_clienten,
         (SELECT count(DISTINCT s.client_hash) FROM levering s
           WHERE s.soort = 'start' AND NOT s.verwijderd AND s.toewijzing_nummer IS NULL AND s.aanbieder_agb = l.aanbieder_agb AND s.begindatum <= ${tot}
             AND s.gemeente_code IN (SELECT a.gemeente_code FROM lumpsum_aandeel a WHERE a.lumpsum_id = l.id)
             AND EXISTS (SELECT 1 FROM contract_product cp JOIN product pr ON pr.id = cp.product_id
                          WHERE cp.contract_id = l.contract_id AND cp.uitvoeringsvariant = 'taakgericht'
                            AND pr.categorie = s.product_categorie AND pr.code IS NOT DISTINCT FROM s.product_code)
             AND NOT EXISTS (SELECT 1 FROM levering e
                              WHERE e.soort = 'stop' AND NOT e.verwijderd AND e.toewijzing_nummer IS NULL AND e.aanbieder_agb = s.aanbieder_agb
                                AND e.gemeente_code = s.gemeente_code AND e.client_hash = s.client_hash AND e.begindatum = s.begindatum
                                AND e.product_categorie IS NOT DISTINCT FROM s.product_categorie AND e.product_code IS NOT DISTINCT FROM s.product_code
                                AND e.einddatum < ${jaarVan}))
    FROM lumpsum l JOIN contract c ON c.id = l.contract_id
   WHERE l.regio_code = ${r} AND l.jaar = ${jaar} ${lumpsumDekt}
   ORDER BY 2, 3, 1`;
}

/**
 * Per regional budget line overlapping the year: its amount prorated by the days of its period
 * in the year (a municipality caller: the shares of its own municipalities), granted prestaties of
 * its product categories (all when it names none) and municipalities with a ProductPeriode
 * beginning in the quarter and in the year to its end, both within the line's period; and the
 * committed part (as in `stromenSql`) of toewijzingen of those categories and municipalities.
 * Lumpsum advances carry no product category and are not attributed to a line.
 */
export function begrotingspostenSql(p: Principal, regio: string, k: Kwartaal, P: Params): string {
  const r = P.add(regio);
  const van = `${P.add(k.van)}::date`;
  const tot = `${P.add(k.tot)}::date`;
  const jaarVan = `${P.add(k.jaarVan)}::date`;
  const jaarTot = `${P.add(k.jaarTot)}::date`;
  const eigen = p.rol === 'gemeente' ? P.add(p.gemeenten) : null;
  const dagen = (b: string) => `(least(${b}.einddatum, ${jaarTot}) - greatest(${b}.begindatum, ${jaarVan}) + 1)::numeric / (${b}.einddatum - ${b}.begindatum + 1)`;
  return `
  WITH bp AS (
    SELECT b.id, b.naam, b.productcategorieen, b.begindatum, b.einddatum,
           ${eigen ? `b.gemeenten::text[] && ${eigen}::text[]` : 'true'} AS zichtbaar,
           ${eigen
             ? `(SELECT coalesce(sum(round(ka.bedrag_centen * ${dagen('ka')})), 0) FROM kostenaandeel ka WHERE ka.begrotingspost_id = b.id AND ka.gemeente_code = ANY (${eigen}::text[]))`
             : `round(b.bedrag_centen * ${dagen('b')})`} AS budget,
           ${eigen ? `ARRAY(SELECT unnest(b.gemeenten::text[]) INTERSECT SELECT unnest(${eigen}::text[]))` : 'b.gemeenten::text[]'} AS gemeenten
      FROM begrotingspost b
     WHERE b.regio_code = ${r} AND b.begindatum <= ${jaarTot} AND b.einddatum >= ${jaarVan}),
  pm AS (
    SELECT pr.gemeente_code, pr.product_categorie, pr.periode_begin, sum(pr.toegekend_centen) AS bedrag
      FROM prestatie pr
     WHERE pr.toegekend AND pr.regio_code = ${r} AND pr.periode_begin >= ${jaarVan} AND pr.periode_begin <= ${tot} AND ${clientScopeSql(p, 'pr', P)}
     GROUP BY 1, 2, 3),
  tw AS (
    SELECT t.gemeente_code, t.product_categorie,
           sum(round(t.geraamd_centen::numeric * (least(coalesce(t.einddatum, c.einddatum), ${jaarTot}) - greatest(t.ingangsdatum, ${tot} + 1) + 1)
                     / (coalesce(t.einddatum, c.einddatum) - t.ingangsdatum + 1))) AS bedrag
      FROM toewijzing t LEFT JOIN contract c ON c.id = t.contract_id
     WHERE ${nietVerwijderdSql('t')} AND t.regio_code = ${r} AND ${clientScopeSql(p, 't', P)}
       AND coalesce(t.einddatum, c.einddatum) > ${tot} AND t.ingangsdatum <= ${jaarTot}
     GROUP BY 1, 2)
  SELECT bp.naam, bp.productcategorieen, bp.budget::bigint AS budget,
         (SELECT coalesce(sum(pm.bedrag) FILTER (WHERE pm.periode_begin >= ${van}), 0) FROM pm
           WHERE pm.gemeente_code = ANY (bp.gemeenten) AND (cardinality(bp.productcategorieen) = 0 OR pm.product_categorie = ANY (bp.productcategorieen))
             AND pm.periode_begin BETWEEN bp.begindatum AND bp.einddatum)::bigint AS kwartaal,
         (SELECT coalesce(sum(pm.bedrag), 0) FROM pm
           WHERE pm.gemeente_code = ANY (bp.gemeenten) AND (cardinality(bp.productcategorieen) = 0 OR pm.product_categorie = ANY (bp.productcategorieen))
             AND pm.periode_begin BETWEEN bp.begindatum AND bp.einddatum)::bigint AS jaar,
         (SELECT coalesce(sum(tw.bedrag), 0) FROM tw
           WHERE tw.gemeente_code = ANY (bp.gemeenten) AND (cardinality(bp.productcategorieen) = 0 OR tw.product_categorie = ANY (bp.productcategorieen)))::bigint AS verplicht
    FROM bp WHERE bp.zichtbaar
   ORDER BY bp.naam, bp.begindatum`;
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
