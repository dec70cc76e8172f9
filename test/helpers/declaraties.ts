import { parseMessage, type IjwMessage } from '../../src/messaging/ijw/codec';
import { jw323Xml, type Jw323Prestatie } from '../../src/declaratie/jw323';
import { leesJw325 as leesJw325Bericht } from '../../src/declaratie/jw325';

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
  const g = leesJw325Bericht(parsed.message);
  // Rejected on its header: the codes are there.
  if (g.kop.length) return { xml, message: parsed.message, codes: g.kop.map((c) => `kop:${c}`), ingediend: 0, toegekend: 0, afgewezen: new Map() };
  return { xml, message: parsed.message, codes: g.codes, ingediend: g.ingediend, toegekend: g.toegekend, afgewezen: g.afgewezen };
}

/** A claim's outcome as the pre-flight states it, from the pre-flight or from the real answer. */
export interface ProefUitkomst {
  status: number;
  code?: string;
  uitkomst?: string;
  retourcodes?: string[];
  toegekendCenten?: number;
  afgewezen?: Record<string, string[]>;
}

/** A JW325 in the pre-flight's terms: refused on its header or as a whole, or answered. */
export function uitkomstVanJw325(j: Jw325): ProefUitkomst {
  const kop = j.codes.filter((c) => c.startsWith('kop:')).map((c) => c.slice(4));
  return {
    status: 200,
    uitkomst: kop.length || ['9333', '8214'].some((c) => j.codes.includes(c)) ? 'afgewezen' : 'beantwoord',
    retourcodes: kop.length ? kop : j.codes,
    toegekendCenten: j.toegekend,
    afgewezen: Object.fromEntries(j.afgewezen),
  };
}
