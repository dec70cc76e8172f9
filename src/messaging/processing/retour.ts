import { BASISSCHEMA, DEFINITIONS } from '../ijw/definitions';
import type { ComplexType, MessageType } from '../ijw/definition';
import type { IjwMessage, IjwNode, IjwValue } from '../ijw/codec';
import { kop } from '../ijw/model';

import { RETOUR_VAN } from '../ijw/soorten';

/** XSD version of the official 3.2 schemas (their appinfo), written as XsdVersieRetour. */
export const XSD_VERSIE = { BasisschemaXsdVersie: '0.1.0', BerichtXsdVersie: '0.1.0' };

/** The header of a message the hub writes itself (not a retour's header copy). */
export function eigenKop(type: MessageType, afzender: string, ontvanger: string, identificatie: string, dagtekening: string): IjwNode {
  return {
    BerichtCode: DEFINITIONS[type].berichtCode,
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: afzender,
    Ontvanger: ontvanger,
    BerichtIdentificatie: { Identificatie: identificatie, Dagtekening: dagtekening },
    XsdVersie: { ...XSD_VERSIE },
  };
}

/** What the rules found: codes on the header, and codes per class node of the heen message. */
export interface Bevindingen {
  header: string[];
  /** Keyed by the heen message's own node objects (Client, a product, …). */
  klassen: Map<IjwNode, string[]>;
}

export const GEEN_OPMERKING = '0200';

/**
 * Builds the retour (IV028, §4.1): a header copy with the retour's BerichtCode and
 * IdentificatieRetour; header codes give a header-only retour; class codes give the client
 * with every class copied, each with its own codes or 0200; nothing found gives the header
 * alone without RetourCodes.
 */
export function bouwRetour(heen: IjwMessage, b: Bevindingen, identificatieRetour: string, dagtekening: string): IjwMessage {
  if (heen.type === 'JW323') return bouwJw325Afwijzing(heen, b.header, identificatieRetour, dagtekening);
  const type = RETOUR_VAN[heen.type];
  if (!type) throw new Error(`${heen.type} gets no retour`);
  const def = DEFINITIONS[type];
  const complex = (n: string): ComplexType | undefined => def.types.complex[n] ?? BASISSCHEMA.complex[n];
  const header: IjwNode = {
    ...kop(heen),
    BerichtCode: def.berichtCode,
    IdentificatieRetour: identificatieRetour,
    DagtekeningRetour: dagtekening,
    XsdVersieRetour: { ...XSD_VERSIE },
  };
  if (b.header.length) header.RetourCodes = { RetourCode: [...b.header] };
  const bericht: IjwNode = { Header: header };
  if (!b.header.length && b.klassen.size > 0) {
    const root = complex(def.root) as ComplexType;
    const clientDef = root.sequence.find((e) => e.name === 'Client');
    const clientType = clientDef ? complex(clientDef.type) : undefined;
    if (clientType && heen.bericht.Client) bericht.Client = kopieer(heen.bericht.Client as IjwNode, clientType, complex, b.klassen);
  }
  return { type, bericht };
}

function kopieer(node: IjwNode, ct: ComplexType, complex: (n: string) => ComplexType | undefined, klassen: Map<IjwNode, string[]>): IjwNode {
  const out: IjwNode = {};
  for (const d of ct.sequence) {
    if (d.name === 'RetourCodes') {
      out.RetourCodes = { RetourCode: klassen.get(node) ?? [GEEN_OPMERKING] };
      continue;
    }
    const v = node[d.name];
    if (v === undefined) continue;
    const sub = complex(d.type);
    // Classes of the retour carry RetourCodes; plain groups (Naam, Product) are copied as they are.
    const isKlasse = sub?.sequence.some((e) => e.name === 'RetourCodes');
    const map = (x: IjwValue): IjwValue => (sub && isKlasse ? kopieer(x as IjwNode, sub, complex, klassen) : sub && !isKlasse ? kopieerGroep(x as IjwNode, sub, complex, klassen) : x);
    out[d.name] = Array.isArray(v) ? v.map(map) : map(v);
  }
  return out;
}

/** A wrapper without codes of its own (e.g. StartProducten): copy, descending into classes. */
function kopieerGroep(node: IjwNode, ct: ComplexType, complex: (n: string) => ComplexType | undefined, klassen: Map<IjwNode, string[]>): IjwNode {
  const containsKlasse = ct.sequence.some((e) => complex(e.type)?.sequence.some((x) => x.name === 'RetourCodes'));
  return containsKlasse ? kopieer(node, ct, complex, klassen) : node;
}

/**
 * A JW325 rejecting a whole JW323 on its header (§2.11, §4.1 level 2): a new message from the
 * municipality, not a header copy, naming the JW323's BerichtIdentificatie and XsdVersie.
 */
export function bouwJw325Afwijzing(heen: IjwMessage, codes: string[], identificatie: string, dagtekening: string): IjwMessage {
  const h = kop(heen);
  return {
    type: 'JW325',
    bericht: {
      Header: {
        ...eigenKop('JW325', h.Ontvanger, h.Afzender, identificatie, dagtekening),
        DeclaratieIdentificatie: { ...h.BerichtIdentificatie },
        XsdVersieDeclaratie: { ...h.XsdVersie },
        RetourCodes: { RetourCode: codes.length ? [...codes] : [GEEN_OPMERKING] },
      },
    },
  };
}
