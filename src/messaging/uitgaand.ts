import type { EntityManager } from 'typeorm';
import { prepared } from '../db/prepared';
import { sha256Hex } from '../common/crypto';
import { writeMessage, type IjwMessage } from './ijw/codec';
import { kop } from './ijw/model';
import type { Sleutels } from '../common/sleutels';
import { currentRequestId } from '../observability/request-context';

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
 * delivery row in the outbox, in the caller's transaction. Returns the message id. It carries the
 * current request id, or that of the message it answers.
 * Every message the hub writes goes to a provider, released to it at once.
 */
export async function schrijfUitgaand(em: EntityManager, sleutels: Sleutels, message: IjwMessage, meta: UitgaandMeta): Promise<string> {
  return (await schrijfUitgaandBulk(em, sleutels, [{ message, meta }]))[0];
}

// One statement for any number of messages: the messages, and their delivery rows. A provider
// reached through the chain (keten_route) gets them through its channel; one without an endpoint reads its messages from its mailbox, so they are available at once and
// their delivery rows are done: no job at all.
const UITGAAND_SQL = `WITH b AS (
     INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, dagtekening, inhoud_hash, regio_code, aanbieder_agb,
                          gemeente_code, status, xml_versleuteld, grootte, heen_id, retourcodes, aanbieder_ziet, verzoek_id)
     SELECT 'uit', m.type, m.afzender, m.ontvanger, m.identificatie, m.dagtekening, m.hash, m.regio, m.agb, m.gemeente,
            CASE WHEN EXISTS (SELECT 1 FROM bezorgadres a WHERE a.aanbieder_agb = m.agb)
                   OR EXISTS (SELECT 1 FROM keten_route k WHERE k.aanbieder_agb = m.agb) THEN 'klaar' ELSE 'beschikbaar' END,
            x.xml, x.grootte, m.heen_id, m.codes, true,
            coalesce(m.verzoek, (SELECT h.verzoek_id FROM bericht h WHERE h.id = m.heen_id))
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (type text, afzender text, ontvanger text, identificatie text, dagtekening date, hash text,
                                                         regio text, agb text, gemeente text, heen_id uuid, codes text[], verzoek text))
            WITH ORDINALITY AS m(type, afzender, ontvanger, identificatie, dagtekening, hash, regio, agb, gemeente, heen_id, codes, verzoek, nr)
       JOIN unnest($2::bytea[], $3::int[]) WITH ORDINALITY AS x(xml, grootte, nr) ON x.nr = m.nr
      ORDER BY m.nr
     RETURNING id, status, heen_id, identificatie
   ), o AS (
     INSERT INTO outbox (soort, bericht_id, doorgezet_op, afgehandeld_op)
     SELECT 'bezorg', id, CASE WHEN status = 'beschikbaar' THEN now() END, CASE WHEN status = 'beschikbaar' THEN now() END FROM b
   )
   SELECT id FROM b`;

/**
 * `schrijfUitgaand` for many messages in one statement; the ids in the order given. The messages
 * get their receipt numbers in that order.
 */
export async function schrijfUitgaandBulk(em: EntityManager, sleutels: Sleutels, items: { message: IjwMessage; meta: UitgaandMeta }[]): Promise<string[]> {
  if (!items.length) return [];
  const rijen = [];
  const xmls: Buffer[] = [];
  const groottes: number[] = [];
  for (const { message, meta } of items) {
    const header = kop(message);
    // A retour's own identification is IdentificatieRetour; other messages carry BerichtIdentificatie.
    const eigen = 'IdentificatieRetour' in header ? { Identificatie: header.IdentificatieRetour, Dagtekening: header.DagtekeningRetour } : header.BerichtIdentificatie;
    const xml = Buffer.from(writeMessage(message));
    rijen.push({
      type: message.type,
      afzender: header.Afzender,
      ontvanger: header.Ontvanger,
      identificatie: eigen.Identificatie,
      dagtekening: eigen.Dagtekening,
      hash: sha256Hex(xml),
      regio: meta.regioCode,
      agb: meta.aanbiederAgb,
      gemeente: meta.gemeenteCode,
      heen_id: meta.heenId ?? null,
      codes: meta.retourcodes ?? [],
      // The current request's (a GraphQL mutation, an inbound message being judged); else its message's.
      verzoek: currentRequestId() ?? null,
    });
    // Each message under its region's keys: a batch of retours may answer a sandbox and production.
    xmls.push(sleutels.voor(meta.regioCode).versleutel(xml));
    groottes.push(xml.length);
  }
  const rows = await prepared<{ id: string }>(em, UITGAAND_SQL, [JSON.stringify(rijen), xmls, groottes]);
  return rows.map((r) => r.id);
}
