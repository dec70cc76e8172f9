import { vandaag } from '../common/klok';
import { writeMessage, type IjwNode } from '../messaging/ijw/codec';
import { sampleMessage } from '../messaging/ijw/samples';

/** One prestatie of a JW323 as a sender writes it; amounts in eurocents. */
export interface Jw323Prestatie {
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
  /** Price per unit; null for a budget product (eenheid 83). Default 9550 (95.50 an hour). */
  tarief?: number | null;
  bedrag?: number;
}

/**
 * A JW323 of `afzender` to `gemeente` for the month of `periode` (YYYY-MM), dated today (the
 * hub's clock), totals computed (TR358). Used by the demo's traffic generator and the tests.
 */
export function jw323Xml(o: {
  identificatie: string;
  nummer: string;
  periode: string;
  afzender: string;
  gemeente: string;
  clienten: { bsn: string; prestaties: Jw323Prestatie[] }[];
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
  const perBsn = new Map<string, Jw323Prestatie[]>();
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
