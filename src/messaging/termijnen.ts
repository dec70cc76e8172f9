import type { EntityManager } from 'typeorm';
import { vandaag as klokVandaag } from '../common/klok';
import { verlopenVoor } from '../common/werkdagen';

/**
 * The iJw time limits the hub keeps (ijw-3.2.md §1.5), in Dutch working days: a retour within 3
 * (OP090), a JW325 within 10 (OP090x4); a request's answer is due on its own `uiterlijk` (5 working
 * days, or 8 weeks once in onderzoek, OP274).
 */
export function grenzen(vandaag = klokVandaag()): { retour: string; declaratie: string; vandaag: string } {
  return { retour: verlopenVoor(vandaag, 3), declaratie: verlopenVoor(vandaag, 10), vandaag };
}

/** SQL condition on `bericht` (alias `a`): still waiting for its answer past the limit. Parameters :retourGrens, :declaratieGrens. */
export function verlopenBericht(a: string): string {
  const dag = `(${a}.ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date`;
  return `((${a}.status = 'ontvangen' AND ${dag} < :retourGrens) OR (${a}.status = 'aangehouden' AND ${dag} < :declaratieGrens))`;
}

/** Overdue items per kind, for /metrics (the caller's context decides what is counted). */
export async function telVerlopen(em: EntityManager): Promise<Record<'retour' | 'declaratie_antwoord' | 'verzoek_antwoord', number>> {
  const g = grenzen();
  const dag = `(ontvangen_op AT TIME ZONE 'Europe/Amsterdam')::date`;
  const r = await em.query<{ retour: number; declaratie: number; verzoek: number }[]>(
    `SELECT (SELECT count(*)::int FROM bericht WHERE richting = 'in' AND status = 'ontvangen' AND ${dag} < $1) AS retour,
            (SELECT count(*)::int FROM bericht WHERE status = 'aangehouden' AND ${dag} < $2) AS declaratie,
            (SELECT count(*)::int FROM verzoek WHERE status IN ('open', 'in_onderzoek') AND uiterlijk < $3) AS verzoek`,
    [g.retour, g.declaratie, g.vandaag],
  );
  return { retour: r[0].retour, declaratie_antwoord: r[0].declaratie, verzoek_antwoord: r[0].verzoek };
}
