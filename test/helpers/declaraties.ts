import { parseMessage, type IjwMessage, type IjwNode, type IjwValue } from '../../src/messaging/ijw/codec';
import { jw323Xml, type Jw323Prestatie } from '../../src/declaratie/jw323';
import { lijst } from '../../src/declaratie/jw325';

const tekst = (v: IjwValue | undefined): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const alle = (v: IjwValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(tekst) : [tekst(v)]);

/** One prestatie as a test writes it; amounts in eurocents. */
export type TestPrestatie = Jw323Prestatie;

/** The JW323 builder lives in src (the demo's traffic generator writes claims with it too). */
export { jw323Xml };

/** A JW325 as read: the Declaratie codes, the totals and the codes per rejected ReferentieNummer. */
export interface Jw325 {
  xml: string;
  message: IjwMessage;
  codes: string[];
  ingediend: number;
  toegekend: number;
  afgewezen: Map<string, string[]>;
}

export async function leesJw325(apiUrl: string, token: string, id: string): Promise<Jw325> {
  const xml = await (await fetch(`${apiUrl}/ijw/berichten/${id}/xml`, { headers: { authorization: `Bearer ${token}` } })).text();
  const parsed = await parseMessage(Buffer.from(xml));
  if (!parsed.message) throw new Error(`JW325 does not parse: ${JSON.stringify(parsed.issues)}`);
  const a = parsed.message.bericht.DeclaratieAntwoord as IjwNode | undefined;
  if (!a) {
    // Rejected on its header: the codes are there.
    const h = parsed.message.bericht.Header as IjwNode;
    return { xml, message: parsed.message, codes: alle((h.RetourCodes as IjwNode).RetourCode).map((c) => `kop:${c}`), ingediend: 0, toegekend: 0, afgewezen: new Map() };
  }
  const bedrag = (n: IjwNode) => (n.DebetCredit === 'C' ? -1 : 1) * Number(n.TotaalBedrag);
  const afgewezen = new Map<string, string[]>();
  for (const c of lijst((a.Clienten as IjwNode | undefined)?.Client)) {
    for (const p of lijst((c.Prestaties as IjwNode).Prestatie)) {
      afgewezen.set(tekst((p.ProductReferentie as IjwNode).ReferentieNummer), alle((p.RetourCodes as IjwNode).RetourCode));
    }
  }
  return {
    xml,
    message: parsed.message,
    codes: alle((a.RetourCodes as IjwNode).RetourCode),
    ingediend: bedrag(a.TotaalIngediendBedrag as IjwNode),
    toegekend: bedrag(a.TotaalToegekendBedrag as IjwNode),
    afgewezen,
  };
}
