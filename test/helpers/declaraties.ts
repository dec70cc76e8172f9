import { vandaag } from '../../src/common/klok';
import { parseMessage, writeMessage, type IjwMessage, type IjwNode, type IjwValue } from '../../src/messaging/ijw/codec';
import { sampleMessage } from '../../src/messaging/ijw/samples';
import { lijst } from '../../src/declaratie/jw325';

const tekst = (v: IjwValue | undefined): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const alle = (v: IjwValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(tekst) : [tekst(v)]);

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
  const m = sampleMessage('JW323', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = o.afzender;
  h.Ontvanger = o.gemeente;
  h.BerichtIdentificatie = { Identificatie: o.identificatie, Dagtekening: vandaag() };
  const [y, mm] = o.periode.split('-').map(Number);
  const eind = new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
  let totaal = 0;
  // A client occurs once per message (TR101): prestaties of the same Bsn go together.
  const perBsn = new Map<string, TestPrestatie[]>();
  for (const c of o.clienten) perBsn.set(c.bsn, [...(perBsn.get(c.bsn) ?? []), ...c.prestaties]);
  const clienten = [...perBsn].map(([bsn, prestaties]) => ({ bsn, prestaties })).map((c) => ({
    Bsn: c.bsn,
    Prestaties: {
      Prestatie: c.prestaties.map((p) => {
        const eenheid = p.eenheid ?? '04';
        const tarief = p.tarief === undefined ? (eenheid === '83' ? null : 9550) : p.tarief;
        const bedrag = p.bedrag ?? (tarief === null ? p.volume : p.volume * tarief);
        const dc = p.dc ?? 'D';
        totaal += dc === 'C' ? -bedrag : bedrag;
        const n: IjwNode = {
          ProductReferentie: p.vorig ? { ReferentieNummer: p.ref, VorigReferentieNummer: p.vorig } : { ReferentieNummer: p.ref },
          ToewijzingNummer: p.nummer,
          ProductCategorie: p.categorie ?? '45',
          ProductCode: p.code ?? '45A04',
          ProductPeriode: { Begindatum: p.begin, Einddatum: p.eind },
          GeleverdVolume: p.volume,
          Eenheid: eenheid,
        };
        if (tarief !== null) n.ProductTarief = tarief;
        n.IngediendBedrag = { Bedrag: bedrag, DebetCredit: dc };
        return n;
      }),
    },
  }));
  m.bericht.Declaratie = {
    DeclaratieNummer: o.nummer,
    DeclaratiePeriode: { Begindatum: `${o.periode}-01`, Einddatum: eind },
    DeclaratieDagtekening: vandaag(),
    TotaalIngediendBedrag: { TotaalBedrag: Math.abs(totaal), DebetCredit: totaal < 0 ? 'C' : 'D' },
    Clienten: { Client: clienten },
  };
  return writeMessage(m);
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
