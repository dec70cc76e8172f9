import type { EntityManager } from 'typeorm';
import { nu } from '../../common/klok';

/**
 * Whether a freeze window holds a channel's messages of a region at a moment, as an SQL
 * expression over three SQL operands (the channel, the message's region, the moment). The moment
 * is the hub's clock (common/klok), passed as a parameter, so tests end a window by withdrawing it
 * or by moving the pinned clock, never by waiting.
 */
export function bevrorenSql(kanaal: string, regio: string, moment: string): string {
  return `EXISTS (SELECT 1 FROM verzendstop v WHERE v.ingetrokken_op IS NULL AND v.van <= ${moment} AND v.tot > ${moment}
                   AND v.kanaal IN (${kanaal}, 'alle') AND (v.regio_code IS NULL OR v.regio_code = ${regio}))`;
}

/** Now by the hub's clock, as the parameter the freeze checks take. */
export const moment = (): Date => nu();

/** Whether `kanaal` is frozen now for a message of `regio`. */
export async function isBevroren(em: EntityManager, kanaal: string, regio: string | null): Promise<boolean> {
  const r = await em.query<{ b: boolean }[]>(`SELECT ${bevrorenSql('$1::text', '$2::text', '$3::timestamptz')} AS b`, [kanaal, regio, moment()]);
  return r[0]?.b === true;
}

/**
 * Whether an open delivery of the same sending system (chain channel and municipality: the GGk's
 * zender) is held by a freeze, as an SQL expression; `kanaal` and `gemeente` are the SQL operands of
 * the row asked about, `voor` an extra condition on the held row `h` (e.g. `h.id < o.id`). What
 * was held leaves one at a time per sending system, oldest first, and whatever of that sending
 * system comes after it waits behind it: so they leave in their original order.
 */
export function wachtrijSql(kanaal: string, gemeente: string, voor = 'true'): string {
  return `EXISTS (SELECT 1 FROM outbox h JOIN bericht hb ON hb.id = h.bericht_id JOIN keten_route hk ON hk.aanbieder_agb = hb.aanbieder_agb
                   WHERE h.vastgehouden_op IS NOT NULL AND h.afgehandeld_op IS NULL AND h.soort = 'bezorg'
                     AND hk.kanaal = ${kanaal} AND hb.gemeente_code = ${gemeente} AND ${voor})`;
}
