import type { Params } from '../auth/scope';
import { nietVerwijderdSql } from '../toewijzing/toewijzing.rules';
import { NormSoort } from './wachttijdnorm.entity';

/**
 * One row per toewijzing that is not deleted, with the moments of its waiting time, all as
 * calendar days in the Netherlands:
 * - `aangevraagd`: the JW315 request it answers was received (empty for a direct allocation);
 * - `toegewezen`: the request was answered with it, else the Toewijzingsdatum of its first
 *   version (`eerste_toewijzingsdatum`, kept through changes);
 * - `laatst_toegewezen`: its current Toewijzingsdatum, a lower bound for the waiting list;
 * - `gestart`: the Begindatum of its first start (JW305) not deleted.
 * `where` filters the toewijzing (alias `t`).
 */
export function wachtItemsSql(where: string): string {
  return `SELECT t.id, t.nummer, t.regio_code, t.gemeente_code, t.aanbieder_agb, t.product_categorie, t.product_code,
                 t.ingangsdatum, t.einddatum,
                 (v.ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date AS aangevraagd,
                 coalesce((v.beantwoord_op AT TIME ZONE 'Europe/Amsterdam')::date, t.eerste_toewijzingsdatum) AS toegewezen,
                 t.toewijzingsdatum AS laatst_toegewezen,
                 s.gestart
            FROM toewijzing t
            LEFT JOIN verzoek v ON v.toewijzing_id = t.id
            LEFT JOIN LATERAL (
                 SELECT min(l.begindatum) AS gestart FROM levering l
                  WHERE l.soort = 'start' AND NOT l.verwijderd AND l.toewijzing_nummer = t.nummer
                    AND l.gemeente_code = t.gemeente_code AND l.aanbieder_agb = t.aanbieder_agb) s ON true
           WHERE ${nietVerwijderdSql('t')} AND ${where}`;
}

/** Where an item's wait began: its request, or without one its allocation (NULL when unknown). */
export const BEGIN_WACHTEN = `coalesce(i.aangevraagd, i.toegewezen)`;

/** Where a waiting item's wait began, at the latest: as BEGIN_WACHTEN, else its current Toewijzingsdatum. */
export const BEGIN_WACHTLIJST = `coalesce(i.aangevraagd, i.toegewezen, i.laatst_toegewezen)`;

/**
 * The norm (days) of `soort` that holds for a row with regio_code and product_categorie under
 * alias `a` (category in column `categorie`): the category's own norm, else the region's general one, else NULL.
 */
export function normSql(a: string, soort: NormSoort, categorie = 'product_categorie'): string {
  return `(SELECT n.max_dagen FROM wachttijdnorm n
            WHERE n.regio_code = ${a}.regio_code AND n.soort = '${soort}'
              AND (n.product_categorie = ${a}.${categorie} OR n.product_categorie IS NULL)
            ORDER BY n.product_categorie NULLS LAST LIMIT 1)`;
}

/**
 * Days from `begin` to `eind` (SQL dates), never negative: an end on or before the begin is 0 days.
 * NULL when either is unknown (not `greatest(..., 0)`, which would turn an unknown into 0).
 * The SQL twin of `wachtdagen` in wachttijd.rules.ts; the rule is in README.md.
 */
export function dagenSql(begin: string, eind: string): string {
  return `(CASE WHEN ${eind} < ${begin} THEN 0 ELSE ${eind} - ${begin} END)`;
}

/** The waiting time of a started item: request (else allocation) → first start, never negative. */
export const WACHTDAGEN = dagenSql(BEGIN_WACHTEN, 'i.gestart');

/** Statistics over the started items of `i`: median and 90th percentile per interval, in days (percentile_cont). */
export const STATISTIEK_SQL = `
  count(*) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot AND ${BEGIN_WACHTEN} IS NOT NULL)::int AS aantal_gestart,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${WACHTDAGEN}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot) AS mediaan,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${WACHTDAGEN}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot) AS p90,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${dagenSql('i.aangevraagd', 'i.toegewezen')}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot AND i.aangevraagd IS NOT NULL) AS mediaan_toewijzing,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${dagenSql('i.aangevraagd', 'i.toegewezen')}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot AND i.aangevraagd IS NOT NULL) AS p90_toewijzing,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${dagenSql('i.toegewezen', 'i.gestart')}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot) AS mediaan_start,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${dagenSql('i.toegewezen', 'i.gestart')}) FILTER (WHERE i.gestart >= :vanaf AND i.gestart <= :tot) AS p90_start,
  count(*) FILTER (WHERE i.gestart IS NULL AND (i.einddatum IS NULL OR i.einddatum >= :vandaag))::int AS aantal_wachtend`;

/** Replaces the named placeholders of STATISTIEK_SQL with positional ones. */
export function statistiekSql(P: Params, v: { vanaf: string; tot: string; vandaag: string }): string {
  const vanaf = P.add(v.vanaf);
  const tot = P.add(v.tot);
  const vandaag = P.add(v.vandaag);
  return STATISTIEK_SQL.replaceAll(':vanaf', `${vanaf}::date`).replaceAll(':tot', `${tot}::date`).replaceAll(':vandaag', `${vandaag}::date`);
}
