import type { IjwMessage, IjwNode, IjwValue } from '../messaging/ijw/codec';

import type { Jw323Client, Jw323Prestatie, Jw323Root } from '../messaging/ijw/definitions/types';
import { inhoud } from '../messaging/ijw/model';
import { bouwJw325Afwijzing, GEEN_OPMERKING } from '../messaging/processing/retour';

/** Every item of a repeating element, whether the codec gave one node or a list. */
export function lijst(v: IjwValue | undefined): IjwNode[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]) as IjwNode[];
}

/** The content of a JW323; its readers are only given one. */
function jw323Van(m: IjwMessage): Jw323Root {
  const jw323 = inhoud(m, 'JW323');
  if (!jw323) throw new Error(`${m.type} is geen JW323`);
  return jw323;
}

/** The clients of a JW323 and, per client, its prestaties. */
export function clientenVan(jw323: IjwMessage): { client: Jw323Client; prestaties: Jw323Prestatie[] }[] {
  return jw323Van(jw323).Declaratie.Clienten.Client.map((client) => ({ client, prestaties: client.Prestaties.Prestatie }));
}

export const VOLLEDIG_TOEGEKEND = '8001';

/** A total in eurocents as CDT_TotaalBedragMetDC (a negative total is a credit). */
export function totaal(centen: number): IjwNode {
  return { TotaalBedrag: Math.abs(centen), DebetCredit: centen < 0 ? 'C' : 'D' };
}

/**
 * The JW325 for a judged claim (§2.11, §4.1): a new message from the municipality naming the
 * JW323; DeclaratieAntwoord with the totals and, per client with a rejected prestatie, those
 * prestaties with their codes (the client itself 0200). Fully granted: 8001, no clients.
 * Rejected as a whole (`declaratieCodes`): those codes, nothing granted, no clients.
 */
export function bouwJw325(
  jw323: IjwMessage,
  afgewezen: ReadonlyMap<string, string[]>,
  toegekendCenten: number,
  declaratieCodes: string[],
  identificatie: string,
  dagtekening: string,
): IjwMessage {
  const d = jw323Van(jw323).Declaratie;
  const clienten: IjwNode[] = [];
  if (!declaratieCodes.length) {
    for (const { client, prestaties } of clientenVan(jw323)) {
      const fout = prestaties
        .map((p) => ({ p, codes: afgewezen.get(p.ProductReferentie.ReferentieNummer) }))
        .filter((x): x is { p: Jw323Prestatie; codes: string[] } => x.codes !== undefined);
      if (fout.length) {
        clienten.push({
          Bsn: client.Bsn,
          Prestaties: { Prestatie: fout.map(({ p, codes }) => ({ ...p, RetourCodes: { RetourCode: codes } })) },
          RetourCodes: { RetourCode: [GEEN_OPMERKING] },
        });
      }
    }
  }
  const codes = declaratieCodes.length ? declaratieCodes : clienten.length ? [GEEN_OPMERKING] : [VOLLEDIG_TOEGEKEND];
  const antwoord: IjwNode = {
    DeclaratieNummer: d.DeclaratieNummer,
    TotaalIngediendBedrag: { ...d.TotaalIngediendBedrag },
    TotaalToegekendBedrag: totaal(declaratieCodes.length ? 0 : toegekendCenten),
  };
  if (clienten.length) antwoord.Clienten = { Client: clienten };
  antwoord.RetourCodes = { RetourCode: codes };
  // The header as for a header-level answer, with 0200: the findings are on DeclaratieAntwoord.
  const jw325 = bouwJw325Afwijzing(jw323, [], identificatie, dagtekening);
  jw325.bericht.DeclaratieAntwoord = antwoord;
  return jw325;
}

/** The codes a JW325 gives, for the message list: the Declaratie's, else every prestatie code once, else 8001. */
export function codesVan(afgewezen: ReadonlyMap<string, string[]>, declaratieCodes: string[]): string[] {
  if (declaratieCodes.length) return [...declaratieCodes];
  const codes = new Set([...afgewezen.values()].flat());
  return codes.size ? [...codes] : [VOLLEDIG_TOEGEKEND];
}

const tekstVan = (v: IjwValue | undefined): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const alleTekst = (v: IjwValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(tekstVan) : [tekstVan(v)]);

/** A JW325 as its receiver reads it. */
export interface GelezenJw325 {
  /** Codes on the header: the claim was rejected before it was judged (no DeclaratieAntwoord). */
  kop: string[];
  /** Codes on the DeclaratieAntwoord (8001, 0200, or why the claim was rejected as a whole). */
  codes: string[];
  ingediend: number;
  toegekend: number;
  /** Rejected prestaties: ReferentieNummer → codes. */
  afgewezen: Map<string, string[]>;
}

/** Reads a JW325: its header codes when the claim was refused on its header, else the answer's codes, totals and rejected prestaties. */
export function leesJw325(m: IjwMessage): GelezenJw325 {
  const a = m.bericht.DeclaratieAntwoord as IjwNode | undefined;
  if (!a) {
    const h = m.bericht.Header as IjwNode;
    return { kop: alleTekst((h.RetourCodes as IjwNode | undefined)?.RetourCode), codes: [], ingediend: 0, toegekend: 0, afgewezen: new Map() };
  }
  const bedrag = (n: IjwNode) => (n.DebetCredit === 'C' ? -1 : 1) * Number(n.TotaalBedrag);
  const afgewezen = new Map<string, string[]>();
  for (const c of lijst((a.Clienten as IjwNode | undefined)?.Client)) {
    for (const p of lijst((c.Prestaties as IjwNode).Prestatie)) afgewezen.set(tekstVan((p.ProductReferentie as IjwNode).ReferentieNummer), alleTekst((p.RetourCodes as IjwNode).RetourCode));
  }
  return { kop: [], codes: alleTekst((a.RetourCodes as IjwNode).RetourCode), ingediend: bedrag(a.TotaalIngediendBedrag as IjwNode), toegekend: bedrag(a.TotaalToegekendBedrag as IjwNode), afgewezen };
}
