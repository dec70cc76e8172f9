import type { EntityManager } from 'typeorm';
import { berichtStatus } from '../messaging/status';
import { prepared } from '../db/prepared';
import type { IjwMessage } from '../messaging/ijw/codec';
import { schrijfUitgaand } from '../messaging/uitgaand';
import { VOLGEND_RETOURNUMMER } from '../messaging/nummering';
import { bouwJw325, codesVan } from './jw325';
import type { Sleutels } from '../common/sleutels';

export interface Antwoord {
  declaratieId: string;
  heenId: string;
  regioCode: string | null;
  gemeenteCode: string;
  aanbiederAgb: string;
  /** Rejected prestaties: ReferentieNummer → codes. */
  afgewezen: ReadonlyMap<string, string[]>;
  toegekend: number;
  declaratieCodes: string[];
}

/**
 * Writes the JW325 of a judged claim to the provider's mailbox and outbox, and marks the claim
 * and its JW323 answered, in the caller's transaction. Used when the claim is judged and when
 * the back office releases a held one.
 */
export async function verstuurJw325(em: EntityManager, sleutels: Sleutels, jw323: IjwMessage, a: Antwoord, vandaag: string): Promise<{ id: string; codes: string[] }> {
  const { jw325, codes } = await nummerJw325(em, jw323, a, vandaag);
  const id = await schrijfUitgaand(em, sleutels, jw325, { regioCode: a.regioCode, aanbiederAgb: a.aanbiederAgb, gemeenteCode: a.gemeenteCode, heenId: a.heenId, retourcodes: codes });
  await prepared(em, `UPDATE declaratie SET antwoord_id = $2, beantwoord_op = now(), status = CASE WHEN status = 'aangehouden' THEN 'beantwoord' ELSE status END WHERE id = $1`, [
    a.declaratieId,
    id,
  ]);
  await berichtStatus.beantwoord(em, a.heenId, id, codes);
  return { id, codes };
}

/** The JW325 of a judged claim, numbered (R0 in a pre-flight), and its codes for the message list: what verstuurJw325 writes. */
export async function nummerJw325(
  em: EntityManager,
  jw323: IjwMessage,
  a: Pick<Antwoord, 'afgewezen' | 'toegekend' | 'declaratieCodes'>,
  vandaag: string,
): Promise<{ jw325: IjwMessage; codes: string[] }> {
  const nummer = await prepared<{ n: string }>(em, `SELECT ${VOLGEND_RETOURNUMMER} AS n`);
  return { jw325: bouwJw325(jw323, a.afgewezen, a.toegekend, a.declaratieCodes, `R${nummer[0].n}`, vandaag), codes: codesVan(a.afgewezen, a.declaratieCodes) };
}
