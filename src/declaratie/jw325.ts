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
