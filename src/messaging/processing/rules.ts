import type { EntityManager } from 'typeorm';
import type { IjwMessage, IjwNode, IjwValue, ParseResult } from '../ijw/codec';
import type { Bevindingen } from './retour';
import type { Sleutels } from '../../common/sleutels';
import type { Referentie } from './referentie';
import { metProduct } from './niveau2';

/** Everything a rule may look at: the message, its stored row, the database and today. */
export interface RegelContext {
  em: EntityManager;
  bericht: { id: string; afzender: string; type: string; identificatie: string; gemeenteCode: string; aanbiederAgb: string; regioCode: string | null };
  message: IjwMessage;
  vandaag: string;
}

/** Level 2 (XSLT, in-message): any failure rejects the whole message with 0001 on the header. */
export type Niveau2Regel = (c: RegelContext) => boolean;
/** What level 3 adds: the keys (and keyed BSN hash) client data is stored under, reference data, the batch. */
export interface Niveau3Context extends RegelContext {
  /** The keys client data is stored under (what level 3 records is encrypted with them) and the keyed BSN hash clients are found by. */
  sleutels: Sleutels;
  /** The municipalities and product books, as of this batch. */
  referentie: Referentie;
  /** What the batch read once for all its messages. */
  batch: BatchKennis;
  /** Set when the message is judged for a pre-flight (see Vooraf). */
  vooraf?: Vooraf;
}

/**
 * A pre-flight (the claim pre-flight, src/declaratie/proef.ts): messages judged by the same rules
 * as for real, in a transaction that is rolled back. A handler then records only what later rules
 * of the same batch read and leaves the rest of what it judged in `oordelen`, in memory, for the
 * caller that asked (who knows its type): nothing is written only to be read back.
 */
export interface Vooraf {
  /** Messages the caller has already read (the envelope's one pass over the same bytes): not decrypted and parsed again. */
  gelezen: ReadonlyMap<string, { xml: Buffer; parsed: ParseResult }>;
  /** What each message's handler judged, by message id. */
  oordelen: Map<string, unknown>;
}

/** Facts read once per batch, for every message in it. */
export interface BatchKennis {
  /** Per message: the other inbound messages of its sender with its type and Identificatie received before it, not invalid. */
  eerderMetIdentificatie: ReadonlyMap<string, readonly string[]>;
  /** Messages of this batch already judged invalid (level 1): they never count as a first use of an Identificatie. */
  ongeldig: ReadonlySet<string>;
  /** The batch's messages as claimed: type, parties and client key, in receipt order. */
  berichten: readonly { id: string; type: string; aanbieder_agb: string; gemeente_code: string; client_sleutel: string | null }[];
  /**
   * True when the batch runs one message at a time behind savepoints (after a failure): a
   * message's writes may then be undone, so handlers read from the database, not from what they
   * kept for the batch.
   */
  voorzichtig: boolean;
  /** A handler's own state for this batch, made on first use (what it read once for all messages). */
  eigen<T>(sleutel: string, maak: () => T): T;
}
/** Levels 3–4 (stored state, external sources): add codes to the header or to classes. */
export type Niveau3Regel = (c: Niveau3Context, b: Bevindingen) => Promise<void>;

/**
 * Every class node of a message (depth first, document order). A plain walk into one list: a
 * recursive generator pays a delegation per level for every node, and a claim has 100,000 nodes.
 */
export function nodes(v: IjwValue | undefined): IjwNode[] {
  const uit: IjwNode[] = [];
  const walk = (x: IjwValue | undefined): void => {
    if (x === undefined || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    uit.push(x);
    for (const k in x) walk(x[k]);
  };
  walk(v);
  return uit;
}

/** Puts a code on a class of the retour. */
export function add(b: Bevindingen, node: IjwNode, code: string): void {
  const list = b.klassen.get(node);
  if (list) list.push(code);
  else b.klassen.set(node, [code]);
}

/** Levels 3–4, keyed by their official codes (level 2 is in niveau2.ts). */
export const NIVEAU3: Record<string, Niveau3Regel> = {
  /** TR135 → 8848: Dagtekening not after the system date. */
  TR135: (c, b) => {
    const dag = ((c.message.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening as string;
    if (dag > c.vandaag) b.header.push('8848');
    return Promise.resolve();
  },
  /** TR056 → 9056: Identificatie unique per berichtsoort per sender. */
  TR056: (c, b) => {
    const eerder = c.batch.eerderMetIdentificatie.get(c.bericht.id) ?? [];
    if (eerder.some((id) => !c.batch.ongeldig.has(id))) b.header.push('9056');
    return Promise.resolve();
  },
  /** TR378 → S300: the municipality is in the CBS list known to the hub. */
  TR378: (c, b) => {
    if (!c.referentie.gemeenteBekend(c.bericht.gemeenteCode)) b.header.push('S300');
    return Promise.resolve();
  },
  /** TR381 → S329: every Product (Categorie + Code) is in the region's product book, in that category. */
  TR381: (c, b) => {
    for (const n of metProduct(c)) {
      if (typeof n.Product !== 'object' || n.Product === null || Array.isArray(n.Product)) continue;
      const p = n.Product;
      if (typeof p.Code === 'string' && !c.referentie.product(c.bericht.regioCode ?? '', typeof p.Categorie === 'string' ? p.Categorie : '', p.Code)) add(b, n, 'S329');
    }
    return Promise.resolve();
  },
};
