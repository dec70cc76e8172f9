import type { EntityManager } from 'typeorm';
import { berichtStatus } from '../status';
import type { IjwMessage, IjwNode } from '../ijw/codec';
import { kop } from '../ijw/model';
import { betekenisVan } from '../ijw/retourcodes';
import { HEEN_VAN } from '../ijw/soorten';
import { nodes } from './rules';


import type { Fout, Weigering } from './handlers';

/**
 * What forwarding did: the message's new status; why it was refused (an official retour code goes
 * into `codes`, like the rules' codes, not only into the text); whether the provider now has it.
 */
export interface Doorgestuurd {
  status: 'afgekeurd' | 'klaar';
  fouten: Fout[];
  codes: string[];
  vrijgegeven: boolean;
}

/** Refusals found while recording: their retour codes (where they have one) beside their texts. */
function geweigerd(fouten: readonly Weigering[]): Doorgestuurd {
  return {
    status: 'afgekeurd',
    fouten: fouten.map((f) => ({ path: f.path, message: f.message })),
    codes: [...new Set(fouten.flatMap((f) => (f.retourcode ? [f.retourcode] : [])))],
    vrijgegeven: false,
  };
}

/**
 * Forwards a checked municipality message: `codes` from the rules reject it (it is not
 * forwarded, the sender reads why), so do the refusals its handler found while recording it.
 * Only a forwarded message is released to the provider: a refused one was never sent (OP286), so
 * only its sender sees it.
 */
export async function doorsturen(em: EntityManager, b: { id: string }, codes: string[], weigeringen: readonly Weigering[]): Promise<Doorgestuurd> {
  if (codes.length) return { status: 'afgekeurd', fouten: codes.map((c) => ({ path: c, message: betekenisVan(c) })), codes, vrijgegeven: false };
  if (weigeringen.length) return geweigerd(weigeringen);
  // The outbox row delivers it to the provider's endpoint or mailbox, like the hub's own messages.
  await berichtStatus.teBezorgen(em, b.id);
  return { status: 'klaar', fouten: [], codes: [], vrijgegeven: true };
}

/**
 * A retour from the other party (JW302 on a JW301, JW320 on a JW319, …): linked to the message it
 * answers (same type pair, Afzender and Identificatie: a retour copies the heen header), so the
 * sender reads it beside its message. A second retour for one message is kept but not linked.
 * `terug`: the message it answers came from a municipality's own case system, so the retour goes
 * back to that system the way forwarded messages go (its delivery row; the municipality's mailbox).
 */
export async function koppelRetour(em: EntityManager, id: string, message: IjwMessage): Promise<{ fouten: Fout[]; codes: string[]; terug: boolean }> {
  const h = kop(message);
  const codes = [...nodes(message.bericht)].flatMap((n) => ((n.RetourCodes as IjwNode | undefined)?.RetourCode ?? []) as string[]);
  const heen = await em.query<{ id: string; retour_id: string | null; richting: string }[]>(
    `SELECT id, retour_id, richting FROM bericht WHERE type = $1 AND afzender = $2 AND identificatie = $3 AND status <> 'ongeldig' ORDER BY ontvangen_op DESC LIMIT 1`,
    [HEEN_VAN[message.type] ?? '', h.Afzender, h.BerichtIdentificatie.Identificatie],
  );
  if (!heen[0]) return { fouten: [{ path: 'Header', message: 'onbekend heenbericht' }], codes, terug: false };
  if (heen[0].retour_id) return { fouten: [{ path: 'Header', message: `heenbericht ${heen[0].id} heeft al een retour` }], codes, terug: false };
  // Linked, it reaches the heen message's sender: a municipality's retour is then the provider's to read.
  await berichtStatus.koppel(em, id, heen[0].id, true);
  await berichtStatus.retourOntvangen(em, heen[0].id, id, codes);
  const terug = heen[0].richting === 'in';
  if (terug) await berichtStatus.teBezorgen(em, id);
  return { fouten: [], codes, terug };
}
