import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { Params, schrijfRegio } from '../auth/scope';
import { HubError } from '../common/hub-error';
import { berichtStatus } from '../messaging/status';
import { log } from '../observability/logger';
import { BudgetError } from './budget.errors';
import type { BudgetdrempelsInput, BudgetFilter } from './budget.inputs';
import { bereikteDrempels, leesDrempels, percentage } from './budget.rules';
import { standenSql } from './budget.sql';
import type { BudgetstandType } from './budget.types';
import { STANDAARD_DREMPELS } from './budgetdrempels.entity';
import { BudgetsignaalEntity } from './budgetsignaal.entity';

/** A contract and year whose granted amount a claim changed. */
export interface BudgetSleutel {
  contractId: string;
  jaar: number;
}

interface StandRij {
  contract_id: string;
  nummer: string;
  regio_code: string;
  aanbieder_agb: string;
  jaar: number;
  plafond: string;
  drempels: number[];
  gemeente_code: string | null;
  toegekend: string;
  verplicht: string;
}

/** Live budgets: the figures per contract and municipality, the thresholds, the alerts. */
export const budgetService = {
  /**
   * The live budgets of `jaar` the caller may see: one per contract with a ceiling, its figures
   * over all municipalities and per municipality (only the filter's when it names one).
   */
  async standen(em: EntityManager, p: Principal, jaar: number, filter: BudgetFilter = {}): Promise<BudgetstandType[]> {
    const P = new Params();
    const rijen = await em.query<StandRij[]>(standenSql(p, jaar, filter, P), P.values);
    const perContract = new Map<string, StandRij[]>();
    for (const r of rijen) perContract.set(r.contract_id, [...(perContract.get(r.contract_id) ?? []), r]);
    const signalen = perContract.size
      ? await em
          .createQueryBuilder(BudgetsignaalEntity, 's')
          .where('s.contract_id = ANY(:ids) AND s.jaar = :jaar', { ids: [...perContract.keys()], jaar })
          .orderBy('s.gesignaleerd_op')
          .addOrderBy('s.drempel')
          .getMany()
      : [];
    return [...perContract.values()].map((rs) => {
      const r = rs[0];
      const plafond = Number(r.plafond);
      const toegekend = rs.reduce((n, x) => n + Number(x.toegekend), 0);
      const verplicht = rs.reduce((n, x) => n + Number(x.verplicht), 0);
      const prognose = toegekend + verplicht;
      const bereikt = bereikteDrempels(toegekend, plafond, r.drempels);
      return {
        contractId: r.contract_id,
        contractNummer: r.nummer,
        regioCode: r.regio_code,
        aanbiederAgb: r.aanbieder_agb,
        jaar: r.jaar,
        plafondCenten: plafond,
        toegekendCenten: toegekend,
        verplichtCenten: verplicht,
        prognoseCenten: prognose,
        toegekendPercentage: percentage(toegekend, plafond),
        prognosePercentage: percentage(prognose, plafond),
        drempels: r.drempels,
        bereikteDrempel: bereikt.length ? bereikt[bereikt.length - 1] : null,
        prognoseBovenPlafond: prognose > plafond,
        signalen: signalen.filter((s) => s.contractId === r.contract_id),
        perGemeente: rs
          .filter((x) => x.gemeente_code !== null && (!filter.gemeenteCode || x.gemeente_code === filter.gemeenteCode))
          .map((x) => ({
            gemeenteCode: x.gemeente_code as string,
            toegekendCenten: Number(x.toegekend),
            verplichtCenten: Number(x.verplicht),
            prognoseCenten: Number(x.toegekend) + Number(x.verplicht),
          })),
      };
    });
  },

  /** Sets a contract's alert thresholds (its region's contract manager or administrator). Returns them, ascending. */
  async zetDrempels(em: EntityManager, p: Principal, input: BudgetdrempelsInput): Promise<number[]> {
    const drempels = leesDrempels(input.drempels);
    if (typeof drempels === 'string') throw new HubError(BudgetError.INVALID_THRESHOLDS, drempels, { veld: 'drempels' });
    // Read under the caller's row-level security: another region's contract is not found.
    const c = await em.query<{ regio_code: string; aanbieder_agb: string }[]>('SELECT regio_code, aanbieder_agb FROM contract WHERE id = $1', [input.contractId]);
    if (!c[0]) throw new HubError(BudgetError.CONTRACT_NOT_FOUND, `Contract ${input.contractId} niet gevonden`, { id: input.contractId });
    const regio = schrijfRegio(p, c[0].regio_code);
    await em.query(
      `INSERT INTO budgetdrempels (contract_id, regio_code, aanbieder_agb, drempels) VALUES ($1, $2, $3, $4::int[])
       ON CONFLICT (contract_id) DO UPDATE SET drempels = EXCLUDED.drempels, gewijzigd_op = now()`,
      [input.contractId, regio, c[0].aanbieder_agb, drempels],
    );
    await audit(em, p, 'contract.budgetdrempels', 'contract', input.contractId, { drempels }, regio);
    return drempels;
  },

  /**
   * Fires the alerts a claim's granted prestaties reached, in the claim's transaction: for each
   * contract and year it touched, every threshold the granted total has reached gets its row,
   * unless that crossing (contract, year, threshold, ceiling) already has one. The unique key
   * decides: a concurrent transaction inserting the same crossing waits for the first and then
   * inserts nothing. Each alert fired gets an outbox row (delivery to the region's endpoint).
   * Returns the alerts fired now.
   */
  async signaleer(em: EntityManager, declaratieId: string | null, sleutels: readonly BudgetSleutel[]): Promise<BudgetsignaalEntity[]> {
    const uniek = [...new Map(sleutels.map((s) => [`${s.contractId}/${s.jaar}`, s])).values()];
    if (!uniek.length) return [];
    const standen = await em.query<{ contract_id: string; jaar: number; regio_code: string; aanbieder_agb: string; plafond: string; drempels: number[]; toegekend: string }[]>(
      `SELECT bp.contract_id, bp.jaar, bp.regio_code, bp.aanbieder_agb, bp.bedrag_centen AS plafond, coalesce(d.drempels, $3::int[]) AS drempels,
              coalesce((SELECT sum(pr.toegekend_centen) FROM prestatie pr
                         WHERE pr.contract_id = bp.contract_id AND pr.toegekend
                           AND pr.periode_begin >= make_date(bp.jaar, 1, 1) AND pr.periode_begin < make_date(bp.jaar + 1, 1, 1)), 0) AS toegekend
         FROM unnest($1::uuid[], $2::int[]) AS k(contract_id, jaar)
         JOIN budgetplafond bp ON bp.contract_id = k.contract_id AND bp.jaar = k.jaar
         LEFT JOIN budgetdrempels d ON d.contract_id = bp.contract_id`,
      [uniek.map((s) => s.contractId), uniek.map((s) => s.jaar), [...STANDAARD_DREMPELS]],
    );
    const nieuw = standen.flatMap((s) =>
      bereikteDrempels(Number(s.toegekend), Number(s.plafond), s.drempels).map((drempel) => ({ ...s, drempel })),
    );
    if (!nieuw.length) return [];
    const gevuurd = await em.query<{ id: string }[]>(
      `INSERT INTO budgetsignaal (regio_code, aanbieder_agb, contract_id, jaar, drempel, plafond_centen, toegekend_centen, declaratie_id)
       SELECT * FROM unnest($1::varchar[], $2::char(8)[], $3::uuid[], $4::int[], $5::int[], $6::bigint[], $7::bigint[], $8::uuid[])
       ON CONFLICT ON CONSTRAINT uq_budgetsignaal_kruising DO NOTHING
       RETURNING id`,
      [
        nieuw.map((n) => n.regio_code),
        nieuw.map((n) => n.aanbieder_agb),
        nieuw.map((n) => n.contract_id),
        nieuw.map((n) => n.jaar),
        nieuw.map((n) => n.drempel),
        nieuw.map((n) => n.plafond),
        nieuw.map((n) => n.toegekend),
        nieuw.map(() => declaratieId),
      ],
    );
    if (!gevuurd.length) return [];
    // Delivered to the region's endpoint through the outbox, committed with the alerts (src/budget/budgetsignaal.bezorging.ts).
    await berichtStatus.signalenTeBezorgen(em, gevuurd.map((g) => g.id));
    const rijen = await em.findBy(BudgetsignaalEntity, gevuurd.map((g) => ({ id: g.id })));
    for (const s of rijen) log.info('budget alert', { contractId: s.contractId, jaar: s.jaar, drempel: s.drempel, regio: s.regioCode, aanbieder: s.aanbiederAgb });
    return rijen;
  },

  /** The alerts a settled claim's granted prestaties reach (a JW325 of a municipality's own system). */
  async signaleerDeclaratie(em: EntityManager, declaratieId: string): Promise<BudgetsignaalEntity[]> {
    const rijen = await em.query<{ contract_id: string; jaar: number }[]>(
      `SELECT DISTINCT contract_id, extract(year FROM periode_begin)::int AS jaar FROM prestatie
        WHERE declaratie_id = $1 AND toegekend AND toegekend_centen <> 0 AND contract_id IS NOT NULL`,
      [declaratieId],
    );
    return budgetService.signaleer(em, declaratieId, rijen.map((r) => ({ contractId: r.contract_id, jaar: r.jaar })));
  },

  /** Per contract (region/number) of the current year: granted as a share of the ceiling, and the alerts fired per threshold (all years); for /metrics. */
  async metrieken(em: EntityManager, jaar: number): Promise<{ benutting: Record<string, number>; signalen: Record<string, number> }> {
    const benutting = await em.query<{ sleutel: string; aandeel: number }[]>(
      `SELECT c.regio_code || '/' || c.nummer AS sleutel,
              CASE WHEN bp.bedrag_centen > 0 THEN coalesce((SELECT sum(pr.toegekend_centen) FROM prestatie pr WHERE pr.contract_id = bp.contract_id AND pr.toegekend
                     AND pr.periode_begin >= make_date(bp.jaar, 1, 1) AND pr.periode_begin < make_date(bp.jaar + 1, 1, 1)), 0)::float8 / bp.bedrag_centen ELSE 0 END AS aandeel
         FROM budgetplafond bp JOIN contract c ON c.id = bp.contract_id WHERE bp.jaar = $1`,
      [jaar],
    );
    const signalen = await em.query<{ drempel: number; n: number }[]>('SELECT drempel, count(*)::int AS n FROM budgetsignaal GROUP BY drempel');
    return {
      benutting: Object.fromEntries(benutting.map((b) => [b.sleutel, b.aandeel])),
      signalen: Object.fromEntries(signalen.map((s) => [String(s.drempel), s.n])),
    };
  },
};
