import { vandaag } from '../common/klok';
import { writeMessage, type IjwMessage, type IjwNode } from '../messaging/ijw/codec';
import { sampleMessage } from '../messaging/ijw/samples';

/** One prestatie of a claim as a provider composes it; amounts in eurocents. */
export interface Jw323Opbouw {
  referentieNummer: string;
  vorigReferentieNummer?: string | null;
  debetCredit: 'D' | 'C';
  toewijzingNummer: number;
  productCategorie: string;
  productCode: string;
  begindatum: string;
  einddatum: string;
  geleverdVolume: number;
  eenheid: string;
  /** Absent for a lumpsum or outcome product without a tariff. */
  productTariefCenten: number | null;
  ingediendBedragCenten: number;
}

/**
 * A JW323 of provider `afzender` to municipality `gemeente` for the month `periode` (YYYY-MM):
 * prestaties of one Bsn together (TR101), the total computed from them (TR358).
 */
export function bouwJw323(o: {
  identificatie: string;
  dagtekening: string;
  nummer: string;
  periode: string;
  afzender: string;
  gemeente: string;
  clienten: { bsn: string; prestaties: Jw323Opbouw[] }[];
}): IjwMessage {
  const m = sampleMessage('JW323', 'minimal');
  const h = m.bericht.Header as IjwNode;
  h.Afzender = o.afzender;
  h.Ontvanger = o.gemeente;
  h.BerichtIdentificatie = { Identificatie: o.identificatie, Dagtekening: o.dagtekening };
  const [y, mm] = o.periode.split('-').map(Number);
  const eind = new Date(Date.UTC(y, mm, 0)).toISOString().slice(0, 10);
  let totaal = 0;
  const perBsn = new Map<string, Jw323Opbouw[]>();
  for (const c of o.clienten) perBsn.set(c.bsn, [...(perBsn.get(c.bsn) ?? []), ...c.prestaties]);
  const clienten = [...perBsn].map(([bsn, prestaties]) => ({
    Bsn: bsn,
    Prestaties: {
      Prestatie: prestaties.map((p) => {
        totaal += p.debetCredit === 'C' ? -p.ingediendBedragCenten : p.ingediendBedragCenten;
        const n: IjwNode = {
          ProductReferentie: p.vorigReferentieNummer ? { ReferentieNummer: p.referentieNummer, VorigReferentieNummer: p.vorigReferentieNummer } : { ReferentieNummer: p.referentieNummer },
          ToewijzingNummer: p.toewijzingNummer,
          ProductCategorie: p.productCategorie,
          ProductCode: p.productCode,
          ProductPeriode: { Begindatum: p.begindatum, Einddatum: p.einddatum },
          GeleverdVolume: p.geleverdVolume,
          Eenheid: p.eenheid,
        };
        if (p.productTariefCenten !== null) n.ProductTarief = p.productTariefCenten;
        n.IngediendBedrag = { Bedrag: p.ingediendBedragCenten, DebetCredit: p.debetCredit };
        return n;
      }),
    },
  }));
  m.bericht.Declaratie = {
    DeclaratieNummer: o.nummer,
    DeclaratiePeriode: { Begindatum: `${o.periode}-01`, Einddatum: eind },
    DeclaratieDagtekening: o.dagtekening,
    TotaalIngediendBedrag: { TotaalBedrag: Math.abs(totaal), DebetCredit: totaal < 0 ? 'C' : 'D' },
    Clienten: { Client: clienten },
  };
  return m;
}

/** One prestatie of a JW323 as a sender writes it, with defaults; amounts in eurocents. */
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

/** A prestatie with its defaults filled in: 45A04 in hours at 95.50, a debit, the amount volume × tariff. */
export function opbouwVan(p: Jw323Prestatie): Jw323Opbouw {
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
}

/**
 * A JW323 of `afzender` to `gemeente` for the month of `periode` (YYYY-MM), dated today (the
 * hub's clock), as XML: 45A04 in hours at 95.50 unless a prestatie says otherwise. Used by the
 * demo's traffic generator and the tests.
 */
export function jw323Xml(o: {
  identificatie: string;
  nummer: string;
  periode: string;
  afzender: string;
  gemeente: string;
  clienten: { bsn: string; prestaties: Jw323Prestatie[] }[];
}): string {
  const clienten = o.clienten.map((c) => ({ bsn: c.bsn, prestaties: c.prestaties.map(opbouwVan) }));
  return writeMessage(bouwJw323({ ...o, dagtekening: vandaag(), clienten }));
}
