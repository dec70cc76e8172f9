import { vandaag } from '../../src/common/klok';
import { parseMessage, writeMessage, type IjwMessage } from '../../src/messaging/ijw/codec';
import { bouwJw323, type Jw323Opbouw } from '../../src/declaratie/jw323';
import { leesJw325 as leesJw325Bericht } from '../../src/declaratie/jw325';


/** One prestatie as a test writes it; amounts in eurocents. */
export interface TestPrestatie {
  ref: string;
  vorig?: string;
  dc?: 'D' | 'C';
  nummer: number;
  categorie?: string;
  code?: string;
  begin: string;
  eind: string;
  volume: number;
  eenheid?: string;
  tarief?: number | null;
  bedrag?: number;
}

/** A JW323 of `afzender` to `gemeente` for the month of `periode` (YYYY-MM), totals computed (TR358). */
export function jw323Xml(o: {
  identificatie: string;
  nummer: string;
  periode: string;
  afzender: string;
  gemeente: string;
  clienten: { bsn: string; prestaties: TestPrestatie[] }[];
}): string {
  const clienten = o.clienten.map((c) => ({
    bsn: c.bsn,
    prestaties: c.prestaties.map((p): Jw323Opbouw => {
      const eenheid = p.eenheid ?? '04';
      const tarief = p.tarief === undefined ? (eenheid === '83' ? null : 9550) : p.tarief;
      return {
        referentieNummer: p.ref,
        vorigReferentieNummer: p.vorig ?? null,
        debetCredit: p.dc ?? 'D',
        toewijzingNummer: p.nummer,
        productCategorie: p.categorie ?? '45',
        productCode: p.code ?? '45A04',
        begindatum: p.begin,
        einddatum: p.eind,
        geleverdVolume: p.volume,
        eenheid,
        productTariefCenten: tarief,
        ingediendBedragCenten: p.bedrag ?? (tarief === null ? p.volume : p.volume * tarief),
      };
    }),
  }));
  return writeMessage(bouwJw323({ ...o, dagtekening: vandaag(), clienten }));
}

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
