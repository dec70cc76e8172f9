import type { EntityManager } from 'typeorm';
import { prepared } from '../db/prepared';
import { sha256Hex } from '../common/crypto';
import { writeMessage, type IjwMessage, type IjwNode } from './ijw/codec';
import type { Sleutels } from '../common/sleutels';

export interface UitgaandMeta {
  regioCode: string | null;
  aanbiederAgb: string;
  gemeenteCode: string;
  /** For a retour or an answer: the message it answers. */
  heenId?: string | null;
  retourcodes?: string[];
}

/**
 * Stores a message the hub writes (a retour, a JW301, a JW319, a JW325) encrypted, with its
 * delivery row in the outbox, in the caller's transaction. Returns the message id.
 * Every message the hub writes goes to a provider, released to it at once.
 */
export async function schrijfUitgaand(em: EntityManager, sleutels: Sleutels, message: IjwMessage, meta: UitgaandMeta): Promise<string> {
  const header = message.bericht.Header as IjwNode;
  // A retour's own identification is IdentificatieRetour; other messages carry BerichtIdentificatie.
  const retour = typeof header.IdentificatieRetour === 'string';
  const identificatie = retour ? (header.IdentificatieRetour as string) : ((header.BerichtIdentificatie as IjwNode).Identificatie as string);
  const dagtekening = retour ? (header.DagtekeningRetour as string) : ((header.BerichtIdentificatie as IjwNode).Dagtekening as string);
  const xml = Buffer.from(writeMessage(message));
  // One statement: the message, and its delivery row. A provider without an endpoint reads it
  // from its mailbox, so it is available at once and its delivery row is done: no job at all.
  const rows = await prepared<{ id: string }>(
    em,
    `WITH b AS (
       INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, dagtekening, inhoud_hash, regio_code, aanbieder_agb,
                            gemeente_code, status, xml_versleuteld, grootte, heen_id, retourcodes, aanbieder_ziet)
       VALUES ('uit', $1, $2, $3, $4, $5, $6, $7, $8, $9,
               CASE WHEN EXISTS (SELECT 1 FROM bezorgadres WHERE aanbieder_agb = $14) THEN 'klaar' ELSE 'beschikbaar' END,
               $10, $11, $12, $13, true)
       RETURNING id, status
     ), o AS (
       INSERT INTO outbox (soort, bericht_id, doorgezet_op, afgehandeld_op)
       SELECT 'bezorg', id, CASE WHEN status = 'beschikbaar' THEN now() END, CASE WHEN status = 'beschikbaar' THEN now() END FROM b
     )
     SELECT id FROM b`,
    [
      message.type,
      header.Afzender,
      header.Ontvanger,
      identificatie,
      dagtekening,
      sha256Hex(xml),
      meta.regioCode,
      meta.aanbiederAgb,
      meta.gemeenteCode,
      sleutels.versleutel(xml),
      xml.length,
      meta.heenId ?? null,
      meta.retourcodes ?? [],
      meta.aanbiederAgb,
    ],
  );
  return rows[0].id;
}
