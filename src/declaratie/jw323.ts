import type { IjwMessage, IjwNode } from '../messaging/ijw/codec';
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
