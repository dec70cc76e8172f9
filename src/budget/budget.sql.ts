import type { Principal } from '../auth/principal';
import { clientScopeSql, contractScopeSql, type Params } from '../auth/scope';
import { nietVerwijderdSql } from '../toewijzing/toewijzing.rules';
import { STANDAARD_DREMPELS } from './budgetdrempels.entity';

/** What the filter of `budgetstanden` narrows to (contract, provider; the municipality is applied per row). */
export interface StandFilter {
  contractId?: string | null;
  aanbiederAgb?: string | null;
  gemeenteCode?: string | null;
}

/**
 * One row per contract with a ceiling in `jaar` and municipality with figures (`gemeente_code`
 * null for a contract without any), in one statement: granted prestaties and committed
 * allocations (rules in budget.rules.ts), read in the caller's scope (contracts by
 * `contractScopeSql`, prestaties and allocations by `clientScopeSql`; row-level security as well).
 */
export function standenSql(p: Principal, jaar: number, f: StandFilter, P: Params): string {
  const j = `${P.add(jaar)}::int`;
  const jaarVan = `make_date(${j}, 1, 1)`;
  const jaarTot = `make_date(${j}, 12, 31)`;
  const gemeente = f.gemeenteCode ? P.add(f.gemeenteCode) : null;
  return `
  WITH bp AS (
    SELECT bp.contract_id, bp.jaar, bp.bedrag_centen AS plafond, bp.regio_code, bp.aanbieder_agb, c.nummer,
           coalesce(d.drempels, ${P.add([...STANDAARD_DREMPELS])}::int[]) AS drempels
      FROM budgetplafond bp JOIN contract c ON c.id = bp.contract_id
      LEFT JOIN budgetdrempels d ON d.contract_id = bp.contract_id
     WHERE bp.jaar = ${j} AND ${contractScopeSql(p, 'bp', 'contract_id', P)}
       ${f.contractId ? `AND bp.contract_id = ${P.add(f.contractId)}::uuid` : ''}
       ${f.aanbiederAgb ? `AND bp.aanbieder_agb = ${P.add(f.aanbiederAgb)}` : ''}
       ${gemeente ? `AND EXISTS (SELECT 1 FROM contract_gemeente cg WHERE cg.contract_id = bp.contract_id AND cg.gemeente_code = ${gemeente})` : ''}),
  toe AS (
    SELECT pr.contract_id, pr.gemeente_code::text AS gemeente_code, sum(pr.toegekend_centen) AS bedrag
      FROM prestatie pr
     WHERE pr.contract_id IN (SELECT contract_id FROM bp) AND pr.toegekend
       AND pr.periode_begin >= ${jaarVan} AND pr.periode_begin <= ${jaarTot} AND ${clientScopeSql(p, 'pr', P)}
     GROUP BY 1, 2),
  tw AS (
    SELECT t.contract_id, t.gemeente_code::text AS gemeente_code, t.geraamd_centen, t.ingangsdatum, coalesce(t.einddatum, c.einddatum) AS einde,
           (SELECT max(pr.periode_eind) FROM prestatie pr WHERE pr.toewijzing_id = t.id AND pr.toegekend AND pr.debet_credit = 'D') AS gedeclareerd_tot
      FROM toewijzing t JOIN contract c ON c.id = t.contract_id
     WHERE t.contract_id IN (SELECT contract_id FROM bp) AND ${nietVerwijderdSql('t')} AND ${clientScopeSql(p, 't', P)}
       AND t.ingangsdatum <= ${jaarTot} AND coalesce(t.einddatum, c.einddatum) >= ${jaarVan}),
  ver AS (
    SELECT contract_id, gemeente_code,
           sum(round(geraamd_centen::numeric
                     * greatest(least(einde, ${jaarTot}) - greatest(ingangsdatum, ${jaarVan}, coalesce(gedeclareerd_tot + 1, ingangsdatum)) + 1, 0)
                     / (einde - ingangsdatum + 1))) AS bedrag
      FROM tw GROUP BY 1, 2),
  g AS (SELECT contract_id, gemeente_code FROM toe UNION SELECT contract_id, gemeente_code FROM ver)
  SELECT bp.contract_id, bp.nummer, bp.regio_code, bp.aanbieder_agb, bp.jaar, bp.plafond::bigint AS plafond, bp.drempels,
         g.gemeente_code, coalesce(toe.bedrag, 0)::bigint AS toegekend, coalesce(ver.bedrag, 0)::bigint AS verplicht
    FROM bp
    LEFT JOIN g ON g.contract_id = bp.contract_id
    LEFT JOIN toe ON toe.contract_id = g.contract_id AND toe.gemeente_code = g.gemeente_code
    LEFT JOIN ver ON ver.contract_id = g.contract_id AND ver.gemeente_code = g.gemeente_code
   ORDER BY bp.nummer, bp.contract_id, g.gemeente_code`;
}
