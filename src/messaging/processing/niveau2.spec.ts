import type { IjwMessage, IjwNode, IjwValue } from '../ijw/codec';
import type { MessageType } from '../ijw/definition';
import { sampleMessage } from '../ijw/samples';
import { NIVEAU2 } from './niveau2';
import type { RegelContext } from './rules';

/** The codes of the level-2 rules the message breaks (the context carries no database: level 2 needs none). */
function gefaald(message: IjwMessage): string[] {
  const c = { message, vandaag: '2026-11-24', em: {}, bericht: {} } as unknown as RegelContext;
  return Object.entries(NIVEAU2)
    .filter(([, regel]) => !regel(c))
    .map(([code]) => code);
}

/** The class node at a dotted path; numbers index repeated elements ('Client.Relaties.Relatie.1'). */
function el(m: IjwMessage, path: string): IjwNode {
  let v: IjwValue | undefined = m.bericht;
  for (const k of path.split('.')) v = Array.isArray(v) ? v[Number(k)] : (v as IjwNode | undefined)?.[k];
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`no class at ${path}`);
  return v;
}
const tp = (m: IjwMessage, i: number) => el(m, `Client.ToegewezenProducten.ToegewezenProduct.${i}`);
const contact = (m: IjwMessage, i: number) => el(m, `Client.Contactgegevens.Contact.${i}`);
const relatie = (m: IjwMessage, i: number) => el(m, `Client.Relaties.Relatie.${i}`);
const ap = (m: IjwMessage, i: number) => el(m, `Client.AangevraagdeProducten.AangevraagdProduct.${i}`);
const nieuw = (m: IjwMessage, i: number) => el(m, `Client.Verzoek.NieuweProducten.NieuwProduct.${i}`);
const prestatie = (m: IjwMessage, client: number, i: number) => el(m, `Declaratie.Clienten.Client.${client}.Prestaties.Prestatie.${i}`);
const prestaties = (m: IjwMessage) => [0, 1].flatMap((c) => [0, 1].map((i) => prestatie(m, c, i)));
const dag = (m: IjwMessage, d: string) => (el(m, 'Header.BerichtIdentificatie').Dagtekening = d);

/** Sets TotaalIngediendBedrag to Σdebit − Σcredit (TR358) after amounts changed. */
function totaal(m: IjwMessage): void {
  const som = prestaties(m).reduce((s, p) => s + ((p.IngediendBedrag as IjwNode).DebetCredit === 'C' ? -1 : 1) * Number((p.IngediendBedrag as IjwNode).Bedrag), 0);
  el(m, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: Math.abs(som), DebetCredit: som < 0 ? 'C' : 'D' };
}
/** Moves a JW323 (declaratie and product periods, both dagtekeningen) to one calendar month. */
function maand(m: IjwMessage, begin: string, eind: string, dagtekening: string): void {
  el(m, 'Declaratie').DeclaratiePeriode = { Begindatum: begin, Einddatum: eind };
  for (const p of prestaties(m)) p.ProductPeriode = { Begindatum: begin, Einddatum: eind };
  el(m, 'Declaratie').DeclaratieDagtekening = dagtekening;
  dag(m, dagtekening);
}

const TYPES: MessageType[] = ['JW301', 'JW305', 'JW307', 'JW315', 'JW317', 'JW319', 'JW323'];
type Mode = 'full' | 'minimal';

/**
 * What the unmodified samples break: samples.ts fills fields from the definition alone, so the
 * business rules of level 2 do not hold for them (reported; samples.ts is not this module's).
 */
const SAMPLE_FOUTEN: Record<string, string[]> = {
  'JW301 full': ['CD009', 'CD077', 'CD078', 'CS050', 'CS139', 'TR101'],
  'JW301 minimal': ['CD034', 'CD079', 'CS050', 'TR006'],
  'JW305 full': ['CS058', 'CS139'],
  'JW305 minimal': [],
  'JW307 full': ['CS058', 'CS139'],
  'JW307 minimal': [],
  'JW315 full': ['CD066', 'CD068', 'CD077', 'CD078', 'CS139', 'CS343', 'TR101', 'TR383'],
  'JW315 minimal': ['CD079'],
  'JW317 full': ['CD077', 'CD078', 'CS338', 'TR380'],
  'JW317 minimal': ['TR352', 'TR353'],
  'JW319 full': ['CD086'],
  'JW319 minimal': [],
  'JW323 full': ['CD060', 'CS340', 'TR101', 'TR315', 'TR358'],
  'JW323 minimal': ['CD087', 'CS340', 'TR358'],
};

/** The smallest changes that make each sample pass every level-2 rule (the bases of the cases below). */
const REPARATIE: Record<string, (m: IjwMessage) => void> = {
  'JW301 full': (m) => {
    el(m, 'Client.Geboortedatum').Datum = '1900-01-01'; // DatumGebruik 3: unknown (CS139)
    el(m, 'Client.Naam').NaamGebruik = '1'; // with a Partnernaam (CS050)
    for (const i of [0, 1]) el(m, `Client.Relaties.Relatie.${i}.Geboortedatum`).Datum = '2010-06-01'; // DatumGebruik 1
    relatie(m, 1).Nummer = 'R2'; // both relatives had the same Nummer (TR101)
    el(m, 'Client.Relaties.Relatie.1.Naam').NaamGebruik = '2';
    delete el(m, 'Client.Relaties.Relatie.1.Contact').Periode; // Soort 02 (CD009)
    el(m, 'Client.Relaties.Relatie.0.Naam').NaamGebruik = '2';
    delete contact(m, 0).Periode; // Soort 03
    contact(m, 1).Soort = '04'; // the two contacts had the same Soort (TR101)
    Object.assign(tp(m, 0), { Einddatum: '2026-06-30', RedenWijziging: '04' }); // specifiek: Omvang, no Budget
    delete tp(m, 0).Budget;
    Object.assign(tp(m, 1), { Product: { Categorie: '55' }, Ingangsdatum: '2026-07-01', Einddatum: '2026-12-31' }); // aspecifiek with a Budget, no Omvang
    delete tp(m, 1).Omvang;
  },
  'JW301 minimal': (m) => {
    el(m, 'Client.Naam').NaamGebruik = '1';
    contact(m, 0).Adres = { Huis: { Huisnummer: 1 }, Postcode: '5211AB', LandCode: 'NL' };
    tp(m, 0).Product = { Categorie: '45' };
  },
  'JW305 full': (m) => {
    el(m, 'Client.Geboortedatum').Datum = '1900-01-01';
    for (const i of [0, 1]) el(m, `Client.StartProducten.StartProduct.${i}`).StatusAanlevering = '1';
  },
  'JW305 minimal': () => undefined,
  'JW307 full': (m) => {
    el(m, 'Client.Geboortedatum').Datum = '1900-01-01';
    for (const i of [0, 1]) el(m, `Client.StopProducten.StopProduct.${i}`).StatusAanlevering = '1';
  },
  'JW307 minimal': () => undefined,
  'JW315 full': (m) => {
    el(m, 'Client.Geboortedatum').Datum = '1900-01-01';
    delete el(m, 'Client.AangevraagdeProducten.AangevraagdProduct.0.Verwijzer').Naam; // type 02 with an AGB code
    delete el(m, 'Client.AangevraagdeProducten.AangevraagdProduct.1.Verwijzer').ZorgverlenerCode; // type 01
    for (const i of [0, 1]) delete ap(m, i).Budget;
    ap(m, 1).ReferentieAanbieder = 'REF2';
    el(m, 'Client.AangevraagdeProducten.AangevraagdProduct.1.Omvang').Frequentie = '4'; // Eenheid 16
  },
  'JW315 minimal': (m) => (ap(m, 0).Product = { Categorie: '45' }),
  'JW317 full': (m) => {
    for (const p of ['TeWijzigenProducten.TeWijzigenProduct.0', 'TeWijzigenProducten.TeWijzigenProduct.1', 'NieuweProducten.NieuwProduct.0', 'NieuweProducten.NieuwProduct.1']) {
      delete el(m, `Client.Verzoek.${p}`).Budget;
    }
    for (const i of [0, 1]) Object.assign(nieuw(m, i), { GewensteIngangsdatum: '2026-02-01', Einddatum: '2026-06-30' });
    el(m, 'Client.Verzoek.NieuweProducten.NieuwProduct.0.Omvang').Frequentie = '2'; // Eenheid 14
  },
  'JW317 minimal': (m) => {
    el(m, 'Client.Verzoek').TeWijzigenProducten = { TeWijzigenProduct: [{ ToewijzingNummer: 1, GewensteIngangsdatum: '2026-01-15', Einddatum: '2026-06-30' }] };
  },
  'JW319 full': (m) => (el(m, 'Antwoord').VerzoekAntwoord = '1'),
  'JW319 minimal': () => undefined,
  'JW323 full': (m) => {
    for (const i of [0, 1]) prestatie(m, 0, i).ProductReferentie = { ReferentieNummer: `D${i}` };
    for (const i of [0, 1]) prestatie(m, 1, i).ProductReferentie = { ReferentieNummer: `C${i}`, VorigReferentieNummer: `OUD${i}` };
    el(m, 'Declaratie.Clienten.Client.1').Bsn = '999900006';
    el(m, 'Declaratie').DeclaratiePeriode = { Begindatum: '2026-01-01', Einddatum: '2026-01-31' };
    el(m, 'Declaratie').DeclaratieDagtekening = '2026-02-05';
    dag(m, '2026-02-05');
    totaal(m);
  },
  'JW323 minimal': (m) => {
    const p = el(m, 'Declaratie.Clienten.Client.0.Prestaties.Prestatie.0');
    Object.assign(p, { GeleverdVolume: 39, ProductTarief: 1 });
    el(m, 'Declaratie').DeclaratiePeriode = { Begindatum: '2026-01-01', Einddatum: '2026-01-31' };
    el(m, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 39, DebetCredit: 'D' };
    el(m, 'Declaratie').DeclaratieDagtekening = '2026-02-05';
    dag(m, '2026-02-05');
  },
};

/** A fresh, rule-valid message of a type, built from its sample. */
function basis(type: MessageType, mode: Mode): IjwMessage {
  const m = sampleMessage(type, mode);
  REPARATIE[`${type} ${mode}`](m);
  return m;
}

type Wijziging = (m: IjwMessage) => void;
/** One case per rule: the base, a change that breaks it (and the exact codes that then fail), a change that keeps it. */
interface Geval {
  code: string;
  type: MessageType;
  mode: Mode;
  breek: Wijziging;
  houd: Wijziging;
  /** Rules that necessarily fail together with this one (default: only the rule itself). */
  samen?: string[];
}

const GEVALLEN: Geval[] = [
  { code: 'CD005', type: 'JW301', mode: 'full', breek: (m) => delete el(m, 'Client.Contactgegevens.Contact.0.Adres').LandCode, houd: (m) => { const a = el(m, 'Client.Relaties.Relatie.0.Contact.Adres'); delete a.Postcode; delete a.LandCode; } },
  { code: 'CD007', type: 'JW301', mode: 'full', breek: (m) => (el(m, 'Client.Communicatie').Vorm = '2'), houd: (m) => (el(m, 'Client').Communicatie = { Vorm: '2' }) },
  { code: 'CD009', type: 'JW301', mode: 'full', breek: (m) => (contact(m, 0).Periode = { Begindatum: '2026-01-01' }), houd: (m) => Object.assign(el(m, 'Client.Relaties.Relatie.1.Contact'), { Soort: '04', Periode: { Begindatum: '2026-01-01' } }) },
  { code: 'CD025', type: 'JW301', mode: 'full', breek: (m) => { const a = el(m, 'Client.Contactgegevens.Contact.0.Adres'); a.LandCode = 'NL'; delete a.Huis; }, houd: (m) => (el(m, 'Client.Contactgegevens.Contact.0.Adres').LandCode = 'NL') },
  { code: 'CD034', type: 'JW301', mode: 'full', breek: (m) => { const a = el(m, 'Client.Contactgegevens.Contact.0.Adres'); delete a.Postcode; delete a.LandCode; }, houd: (m) => { const a = el(m, 'Client.Contactgegevens.Contact.0.Adres'); delete a.Postcode; delete a.LandCode; contact(m, 0).Soort = '02'; } },
  { code: 'CD041', type: 'JW301', mode: 'full', breek: (m) => delete tp(m, 0).Omvang, houd: (m) => { delete tp(m, 0).Omvang; tp(m, 0).Product = { Categorie: '37' }; } },
  { code: 'CD043', type: 'JW315', mode: 'full', breek: (m) => delete ap(m, 0).BeschikkingIngangsdatum, houd: (m) => { delete ap(m, 0).BeschikkingIngangsdatum; delete ap(m, 0).BeschikkingNummer; } },
  { code: 'CD060', type: 'JW323', mode: 'full', breek: (m) => delete el(m, 'Declaratie.Clienten.Client.1.Prestaties.Prestatie.0.ProductReferentie').VorigReferentieNummer, houd: () => undefined },
  { code: 'CD066', type: 'JW315', mode: 'full', breek: (m) => (el(m, 'Client.AangevraagdeProducten.AangevraagdProduct.0.Verwijzer').Naam = 'Huisarts Jansen'), houd: (m) => (ap(m, 0).Verwijzer = { Type: '05', ZorgverlenerCode: '01000001' }) },
  { code: 'CD067', type: 'JW315', mode: 'full', breek: (m) => (ap(m, 0).Verwijzer = { Type: '03' }), houd: (m) => (ap(m, 0).Verwijzer = { Type: '03', Naam: 'Jeugdarts' }) },
  { code: 'CD068', type: 'JW315', mode: 'full', breek: (m) => (ap(m, 1).Verwijzer = { Type: '08', ZorgverlenerCode: '01000001' }), houd: (m) => (ap(m, 1).Verwijzer = { Type: '08', Naam: 'Rechtbank' }) },
  { code: 'CD075', type: 'JW301', mode: 'full', breek: (m) => delete tp(m, 1).Einddatum, houd: () => undefined },
  { code: 'CD076', type: 'JW301', mode: 'full', breek: (m) => { el(m, 'Client.ToegewezenProducten.ToegewezenProduct.0.Omvang').Frequentie = '2'; delete tp(m, 0).Einddatum; }, houd: (m) => (el(m, 'Client.ToegewezenProducten.ToegewezenProduct.0.Omvang').Frequentie = '2') },
  // Omvang and Budget together break both halves of the exclusion at once (the XSLT reports both).
  { code: 'CD077', type: 'JW301', mode: 'full', samen: ['CD078'], breek: (m) => (tp(m, 0).Budget = 100), houd: () => undefined },
  { code: 'CD078', type: 'JW317', mode: 'full', samen: ['CD077'], breek: (m) => (nieuw(m, 1).Budget = 100), houd: () => undefined },
  { code: 'CD079', type: 'JW301', mode: 'full', breek: (m) => { delete tp(m, 1).Product; delete tp(m, 1).Budget; }, houd: (m) => delete tp(m, 1).Product },
  { code: 'CD080', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 0).Product = { Categorie: '37' }), houd: (m) => Object.assign(tp(m, 0), { Product: { Categorie: '37' }, Ingangsdatum: '2020-01-01', Einddatum: '2020-12-31' }) },
  { code: 'CD085', type: 'JW319', mode: 'minimal', breek: (m) => (el(m, 'Antwoord').VerzoekAntwoord = '1'), houd: (m) => Object.assign(el(m, 'Antwoord'), { VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' }) },
  { code: 'CD086', type: 'JW319', mode: 'minimal', breek: (m) => (el(m, 'Antwoord').RedenAfwijzingVerzoek = '3'), houd: () => undefined },
  { code: 'CD087', type: 'JW323', mode: 'full', breek: (m) => delete prestatie(m, 0, 0).ProductTarief, houd: (m) => { Object.assign(prestatie(m, 0, 0), { Eenheid: '83', IngediendBedrag: { Bedrag: 37, DebetCredit: 'D' } }); delete prestatie(m, 0, 0).ProductTarief; totaal(m); } },
  { code: 'CD095', type: 'JW315', mode: 'full', breek: (m) => (ap(m, 0).Product = { Categorie: '40' }), houd: (m) => Object.assign(ap(m, 0), { Product: { Categorie: '40' }, ToewijzingIngangsdatum: '2020-06-01', ToewijzingEinddatum: '2020-12-31' }) },
  { code: 'CD096', type: 'JW317', mode: 'full', breek: (m) => (nieuw(m, 0).Product = { Categorie: '53' }), houd: (m) => { nieuw(m, 0).Product = { Categorie: '53' }; delete nieuw(m, 0).Omvang; } },
  { code: 'CS002', type: 'JW301', mode: 'minimal', breek: (m) => (el(m, 'Client').Bsn = '123456788'), houd: (m) => (el(m, 'Client').Bsn = '999900006') },
  { code: 'CS003', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 0).Einddatum = '2026-01-14'), houd: (m) => (tp(m, 0).Einddatum = '2026-01-15') },
  { code: 'CS050', type: 'JW301', mode: 'full', breek: (m) => (el(m, 'Client.Relaties.Relatie.0.Naam').NaamGebruik = '5'), houd: (m) => { const n = el(m, 'Client.Relaties.Relatie.0.Naam'); delete n.Partnernaam; n.NaamGebruik = '6'; } },
  { code: 'CS058', type: 'JW305', mode: 'minimal', breek: (m) => (el(m, 'Client.StartProducten.StartProduct.0').StatusAanlevering = '2'), houd: (m) => (el(m, 'Client.StartProducten.StartProduct.0').StatusAanlevering = '3') },
  { code: 'CS089', type: 'JW301', mode: 'full', breek: (m) => Object.assign(el(m, 'Client.Contactgegevens.Contact.0.Adres'), { LandCode: 'NL', Postcode: '5211 AB' }), houd: (m) => Object.assign(el(m, 'Client.Contactgegevens.Contact.0.Adres'), { LandCode: 'NL', Postcode: '5211ab' }) },
  { code: 'CS100', type: 'JW323', mode: 'full', breek: (m) => maand(m, '2020-12-01', '2020-12-31', '2021-01-10'), houd: (m) => maand(m, '2021-01-01', '2021-01-31', '2021-02-10') },
  { code: 'CS139', type: 'JW301', mode: 'minimal', breek: (m) => (el(m, 'Client').Geboortedatum = { Datum: '2010-05-01', DatumGebruik: '2' }), houd: (m) => (el(m, 'Client').Geboortedatum = { Datum: '2010-01-01', DatumGebruik: '2' }) },
  { code: 'CS318', type: 'JW301', mode: 'minimal', breek: (m) => (el(m, 'Client.Naam').NaamGebruik = '6'), houd: () => undefined },
  { code: 'CS325', type: 'JW323', mode: 'full', breek: (m) => { (prestatie(m, 1, 0).IngediendBedrag as IjwNode).Bedrag = 0; totaal(m); }, houd: (m) => { (prestatie(m, 0, 0).IngediendBedrag as IjwNode).Bedrag = 0; totaal(m); } },
  { code: 'CS335', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 0).RedenWijziging = '13'), houd: (m) => Object.assign(tp(m, 0), { RedenWijziging: '13', Einddatum: '2026-01-15' }) },
  { code: 'CS336', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 0).RedenWijziging = '01'), houd: (m) => (tp(m, 0).RedenWijziging = '14') },
  { code: 'CS337', type: 'JW323', mode: 'full', breek: (m) => (prestatie(m, 0, 0).ProductPeriode = { Begindatum: '2026-01-15', Einddatum: '2026-02-02' }), houd: (m) => (prestatie(m, 0, 0).ProductPeriode = { Begindatum: '2026-01-01', Einddatum: '2026-01-31' }) },
  { code: 'CS338', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 0).Omvang = { Volume: 2, Eenheid: '14', Frequentie: '1' }), houd: (m) => (tp(m, 0).Omvang = { Volume: 2, Eenheid: '14', Frequentie: '4' }) },
  { code: 'CS339', type: 'JW323', mode: 'full', breek: (m) => { Object.assign(prestatie(m, 0, 0), { Eenheid: '83', GeleverdVolume: 40 }); delete prestatie(m, 0, 0).ProductTarief; }, houd: (m) => { Object.assign(prestatie(m, 0, 0), { Eenheid: '83', GeleverdVolume: 41 }); delete prestatie(m, 0, 0).ProductTarief; } },
  { code: 'CS340', type: 'JW323', mode: 'full', breek: (m) => (el(m, 'Declaratie.DeclaratiePeriode').Einddatum = '2026-01-30'), houd: (m) => maand(m, '2024-02-01', '2024-02-29', '2024-03-05') },
  { code: 'CS343', type: 'JW315', mode: 'full', breek: (m) => (el(m, 'Client.AangevraagdeProducten.AangevraagdProduct.1.Omvang').Frequentie = '1'), houd: (m) => (ap(m, 1).Omvang = { Volume: 9, Eenheid: '04', Frequentie: '1' }) },
  { code: 'TR002', type: 'JW305', mode: 'minimal', breek: (m) => (el(m, 'Client.Geboortedatum').Datum = '1906-01-14'), houd: (m) => (el(m, 'Client.Geboortedatum').Datum = '1906-01-15') },
  { code: 'TR006', type: 'JW301', mode: 'full', breek: (m) => { delete contact(m, 0).Telefoon; delete el(m, 'Client.Contactgegevens.Contact.0.Adres').Huis; }, houd: (m) => delete el(m, 'Client.Relaties.Relatie.0.Contact').Adres },
  { code: 'TR018', type: 'JW307', mode: 'minimal', breek: (m) => (el(m, 'Client.StopProducten.StopProduct.0').Einddatum = '2026-01-14'), houd: (m) => (el(m, 'Client.StopProducten.StopProduct.0').Begindatum = '2025-12-01') },
  { code: 'TR061', type: 'JW301', mode: 'minimal', breek: (m) => (contact(m, 0).Soort = '04'), houd: (m) => (contact(m, 0).Soort = '02') },
  { code: 'TR101', type: 'JW301', mode: 'full', breek: (m) => (tp(m, 1).ToewijzingNummer = tp(m, 0).ToewijzingNummer), houd: (m) => (tp(m, 1).ToewijzingNummer = 123) },
  { code: 'TR134', type: 'JW305', mode: 'minimal', breek: (m) => (el(m, 'Client.StartProducten.StartProduct.0').Begindatum = '2026-01-16'), houd: (m) => (el(m, 'Client.StartProducten.StartProduct.0').Begindatum = '2025-12-31') },
  { code: 'TR137', type: 'JW323', mode: 'full', breek: (m) => dag(m, '2026-01-30'), houd: (m) => dag(m, '2026-01-31') },
  { code: 'TR302', type: 'JW301', mode: 'full', breek: (m) => Object.assign(tp(m, 1), { Product: { Categorie: '37' }, Ingangsdatum: '2026-06-30' }), houd: (m) => (tp(m, 1).Product = { Categorie: '37' }) },
  { code: 'TR315', type: 'JW323', mode: 'full', breek: (m) => ((prestatie(m, 1, 1).ProductReferentie as IjwNode).VorigReferentieNummer = 'OUD0'), houd: () => undefined },
  { code: 'TR316', type: 'JW323', mode: 'full', breek: (m) => ((prestatie(m, 1, 1).ProductReferentie as IjwNode).VorigReferentieNummer = 'D1'), houd: () => undefined },
  { code: 'TR335', type: 'JW323', mode: 'full', breek: (m) => (el(m, 'Declaratie').DeclaratieDagtekening = '2031-01-16'), houd: (m) => (el(m, 'Declaratie').DeclaratieDagtekening = '2031-01-15') },
  { code: 'TR352', type: 'JW317', mode: 'minimal', breek: (m) => Object.assign(el(m, 'Client.Verzoek'), { TeWijzigenProducten: undefined, NieuweProducten: { NieuwProduct: [{ Product: { Categorie: '45' }, GewensteIngangsdatum: '2026-01-16' }] } }), houd: (m) => Object.assign(el(m, 'Client.Verzoek'), { OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: 7 }] }, TeWijzigenProducten: undefined, NieuweProducten: { NieuwProduct: [{ Product: { Categorie: '45' }, GewensteIngangsdatum: '2026-01-16' }] } }) },
  { code: 'TR353', type: 'JW317', mode: 'minimal', breek: (m) => Object.assign(el(m, 'Client.Verzoek'), { OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: 7 }] }, TeWijzigenProducten: undefined }), houd: () => undefined },
  { code: 'TR358', type: 'JW323', mode: 'full', breek: (m) => (el(m, 'Declaratie.TotaalIngediendBedrag').TotaalBedrag = 21), houd: (m) => { (prestatie(m, 0, 0).IngediendBedrag as IjwNode).Bedrag = 1000; totaal(m); } },
  { code: 'TR377', type: 'JW319', mode: 'minimal', breek: (m) => Object.assign(el(m, 'Antwoord'), { VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '8' }), houd: (m) => Object.assign(el(m, 'Antwoord'), { VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '8', Woonplaatsbeginsel: { Gemeente: '0828' } }) },
  { code: 'TR380', type: 'JW317', mode: 'full', breek: (m) => (nieuw(m, 0).GewensteIngangsdatum = '2026-01-15'), houd: (m) => (nieuw(m, 0).GewensteIngangsdatum = '2026-01-16') },
  // A duplicate ReferentieAanbieder is also a duplicate logical key of AangevraagdProduct (TR101).
  { code: 'TR383', type: 'JW315', mode: 'full', samen: ['TR101'], breek: (m) => (ap(m, 1).ReferentieAanbieder = ap(m, 0).ReferentieAanbieder), houd: () => undefined },
  { code: 'TR386', type: 'JW315', mode: 'full', breek: (m) => (ap(m, 1).Product = { Categorie: '40', Code: 'Tekst' }), houd: (m) => Object.assign(ap(m, 1), { Product: { Categorie: '40', Code: 'Tekst' }, ToewijzingIngangsdatum: '2026-01-16', ToewijzingEinddatum: '2026-02-16' }) },
  { code: 'TR409', type: 'JW319', mode: 'full', breek: (m) => (el(m, 'Antwoord').RedenAfwijzingVerzoek = '3'), houd: (m) => { el(m, 'Antwoord').RedenAfwijzingVerzoek = '3'; delete el(m, 'Antwoord').Woonplaatsbeginsel; } },
  { code: 'TR410', type: 'JW317', mode: 'full', breek: (m) => Object.assign(nieuw(m, 1), { Product: { Categorie: '53', Code: 'Tekst' }, GewensteIngangsdatum: '2026-03-01' }), houd: (m) => Object.assign(nieuw(m, 1), { Product: { Categorie: '53', Code: 'Tekst' }, GewensteIngangsdatum: '2026-07-01', Einddatum: '2026-09-30' }) },
  { code: 'TR416', type: 'JW323', mode: 'full', breek: (m) => Object.assign(prestatie(m, 0, 1), { ToewijzingNummer: 31, ProductCategorie: '38', Eenheid: '14' }), houd: (m) => Object.assign(prestatie(m, 0, 1), { ToewijzingNummer: 31, ProductCategorie: '38', Eenheid: '14', ProductPeriode: { Begindatum: '2026-01-16', Einddatum: '2026-01-31' } }) },
];

/** More ways to break a rule: other messages and classes the same rule covers. */
const OOK: [label: string, type: MessageType, mode: Mode, breek: Wijziging, codes: string[]][] = [
  ['CS003 contact period ending before it begins', 'JW301', 'full', (m) => (el(m, 'Client.Contactgegevens.Contact.1').Periode = { Begindatum: '2026-01-10', Einddatum: '2026-01-09' }), ['CS003']],
  ['CS003 contact period with an end but no begin (as the XSLT)', 'JW301', 'full', (m) => (el(m, 'Client.Contactgegevens.Contact.1').Periode = { Einddatum: '2026-01-09' }), ['CS003']],
  ['CS003 VOT ToewijzingEinddatum before ToewijzingIngangsdatum', 'JW315', 'full', (m) => (ap(m, 0).ToewijzingEinddatum = '2026-01-14'), ['CS003']],
  ['CS003 NieuwProduct Einddatum before GewensteIngangsdatum', 'JW317', 'full', (m) => (nieuw(m, 0).Einddatum = '2026-01-31'), ['CS003']],
  ['CS335 reden 13 without an Einddatum', 'JW301', 'full', (m) => { tp(m, 0).RedenWijziging = '13'; delete tp(m, 0).Einddatum; }, ['CS335']],
  ['CD041 VOT with a code but no Omvang', 'JW315', 'full', (m) => delete ap(m, 0).Omvang, ['CD041']],
  ['CD075 VOW TeWijzigenProduct with a Budget but no Einddatum', 'JW317', 'full', (m) => { const p = el(m, 'Client.Verzoek.TeWijzigenProducten.TeWijzigenProduct.0'); delete p.Omvang; delete p.Einddatum; p.Budget = 5000; }, ['CD075']],
  ['CD076 VOT per week without ToewijzingEinddatum', 'JW315', 'full', (m) => { ap(m, 0).Omvang = { Volume: 3, Eenheid: '04', Frequentie: '2' }; delete ap(m, 0).ToewijzingEinddatum; }, ['CD076']],
  ['CS338 VOW TeWijzigenProduct Eenheid 84 per dag', 'JW317', 'full', (m) => (el(m, 'Client.Verzoek.TeWijzigenProducten.TeWijzigenProduct.0').Omvang = { Volume: 1, Eenheid: '84', Frequentie: '1' }), ['CS338']],
  ['CS050 client without Partnernaam and NaamGebruik 4', 'JW301', 'minimal', (m) => (el(m, 'Client.Naam').NaamGebruik = '4'), ['CS050']],
  ['CS139 DatumGebruik 3 with a known date', 'JW305', 'full', (m) => (el(m, 'Client.Geboortedatum').Datum = '2010-01-01'), ['CS139']],
  ['CS058 stop with StatusAanlevering 9', 'JW307', 'minimal', (m) => (el(m, 'Client.StopProducten.StopProduct.0').StatusAanlevering = '9'), ['CS058']],
  ['CS100 a ProductPeriode before 2021', 'JW323', 'full', (m) => { maand(m, '2021-01-01', '2021-01-31', '2021-02-10'); prestatie(m, 0, 0).ProductPeriode = { Begindatum: '2020-12-31', Einddatum: '2020-12-31' }; }, ['CS100']],
  ['CS325 a zero total marked C', 'JW323', 'minimal', (m) => { el(m, 'Declaratie.Clienten.Client.0.Prestaties.Prestatie.0').IngediendBedrag = { Bedrag: 0, DebetCredit: 'D' }; el(m, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 0, DebetCredit: 'C' }; }, ['CS325']],
  ['TR002 a relative born more than 120 years ago', 'JW301', 'full', (m) => (el(m, 'Client.Relaties.Relatie.0').Geboortedatum = { Datum: '1900-02-01' }), ['TR002']],
  ['TR101 two starts with the same key', 'JW305', 'full', (m) => Object.assign(el(m, 'Client.StartProducten.StartProduct.1'), { ToewijzingNummer: 28, Product: { Categorie: '36', Code: 'Tekst' } }), ['TR101']],
  ['TR101 two stops with the same key', 'JW307', 'full', (m) => Object.assign(el(m, 'Client.StopProducten.StopProduct.1'), { ToewijzingNummer: 28, Product: { Categorie: '36', Code: 'Tekst' }, RedenBeeindiging: '02' }), ['TR101']],
  ['TR101 an OngewijzigdProduct twice', 'JW317', 'full', (m) => (el(m, 'Client.Verzoek.OngewijzigdeProducten.OngewijzigdProduct.1').ToewijzingNummer = 21), ['TR101']],
  ['TR101 a client twice in a declaratie', 'JW323', 'full', (m) => (el(m, 'Declaratie.Clienten.Client.1').Bsn = '999990019'), ['TR101']],
  ['TR101 a prestatie twice', 'JW323', 'full', (m) => (prestatie(m, 0, 1).ProductReferentie = { ReferentieNummer: 'D0' }), ['TR101']],
  ['TR134 a Toewijzingsdatum after the Dagtekening', 'JW301', 'minimal', (m) => (tp(m, 0).Toewijzingsdatum = '2026-01-16'), ['TR134']],
  ['TR134 a stop Einddatum after the Dagtekening', 'JW307', 'minimal', (m) => (el(m, 'Client.StopProducten.StopProduct.0').Einddatum = '2026-01-16'), ['TR134']],
  ['TR134 a VOT birth date after the Dagtekening', 'JW315', 'minimal', (m) => (el(m, 'Client.Geboortedatum').Datum = '2026-01-16'), ['TR134']],
  ['TR137 a ProductPeriode ending before it begins', 'JW323', 'full', (m) => (prestatie(m, 0, 0).ProductPeriode = { Begindatum: '2026-01-15', Einddatum: '2026-01-14' }), ['TR137']],
  ['TR302 generiek (no product) overlaps any other', 'JW301', 'full', (m) => { delete tp(m, 1).Product; tp(m, 1).Ingangsdatum = '2026-06-01'; }, ['TR302']],
  ['TR358 credit total not matching', 'JW323', 'full', (m) => (el(m, 'Declaratie.TotaalIngediendBedrag').DebetCredit = 'D'), ['TR358']],
  ['TR409 in onderzoek with a Woonplaatsbeginsel', 'JW319', 'minimal', (m) => (el(m, 'Antwoord').Woonplaatsbeginsel = { Gemeente: '0828' }), ['TR409']],
];

/** Variants that must pass: edges the rules must not refuse. */
const GOED: [label: string, type: MessageType, mode: Mode, wijzig: Wijziging][] = [
  ['TR302 a deleted toewijzing (reden 13) does not count as stacking', 'JW301', 'full', (m) => Object.assign(tp(m, 1), { Product: { Categorie: '37' }, Ingangsdatum: '2026-01-15', Einddatum: '2026-01-15', RedenWijziging: '13' })],
  ['TR302 same category, different codes', 'JW301', 'full', (m) => Object.assign(tp(m, 1), { Product: { Categorie: '37', Code: 'Ander' }, Ingangsdatum: '2026-01-15', Omvang: { Volume: 1, Eenheid: '04', Frequentie: '1' }, Budget: undefined })],
  ['TR002 an unknown birth date (1900-01-01, DatumGebruik 3)', 'JW305', 'minimal', (m) => (el(m, 'Client').Geboortedatum = { Datum: '1900-01-01', DatumGebruik: '3' })],
  ['CS338 Eenheid 14 per day before 2021', 'JW301', 'full', (m) => Object.assign(tp(m, 0), { Omvang: { Volume: 1, Eenheid: '14', Frequentie: '1' }, Ingangsdatum: '2020-01-01', Einddatum: '2020-12-31' })],
  ['TR316 a credit and a debit of the same product under new numbers', 'JW323', 'full', (m) => Object.assign(prestatie(m, 1, 0), { ToewijzingNummer: 31, ProductCategorie: '38', ProductPeriode: { Begindatum: '2026-01-15', Einddatum: '2026-01-15' } })],
  ['TR358 a net credit declaratie', 'JW323', 'full', (m) => { (prestatie(m, 1, 0).IngediendBedrag as IjwNode).Bedrag = 5000; totaal(m); }],
];

describe('level-2 rules (NIVEAU2)', () => {
  it.each(TYPES.flatMap((t) => (['full', 'minimal'] as Mode[]).map((m) => [t, m] as const)))('the unmodified %s %s sample breaks exactly the known rules', (type, mode) => {
    expect(gefaald(sampleMessage(type, mode))).toEqual(SAMPLE_FOUTEN[`${type} ${mode}`]);
  });

  it.each(TYPES.flatMap((t) => (['full', 'minimal'] as Mode[]).map((m) => [t, m] as const)))('the repaired %s %s sample passes every rule', (type, mode) => {
    expect(gefaald(basis(type, mode))).toEqual([]);
  });

  it('has a case for every rule, and every case names a rule', () => {
    expect(GEVALLEN.map((g) => g.code).sort()).toEqual(Object.keys(NIVEAU2).sort());
  });

  describe.each(GEVALLEN)('$code ($type $mode)', (g) => {
    it('a message breaking it fails exactly this rule', () => {
      const m = basis(g.type, g.mode);
      g.breek(m);
      expect(gefaald(m)).toEqual([g.code, ...(g.samen ?? [])].sort());
    });
    it('a message keeping it passes every rule', () => {
      const m = basis(g.type, g.mode);
      g.houd(m);
      expect(gefaald(m)).toEqual([]);
    });
  });

  it.each(OOK)('%s', (_label, type, mode, breek, codes) => {
    const m = basis(type, mode);
    breek(m);
    expect(gefaald(m)).toEqual(codes);
  });

  it.each(GOED)('passes: %s', (_label, type, mode, wijzig) => {
    const m = basis(type, mode);
    wijzig(m);
    expect(gefaald(m)).toEqual([]);
  });

  // A guard against quadratic rules: plain Node checks this in well under 100 ms; the bound leaves room for a loaded CI.
  it('checks a declaratie of 5,000 prestaties in seconds at most', () => {
    const m = basis('JW323', 'minimal');
    const model = el(m, 'Declaratie.Clienten.Client.0.Prestaties.Prestatie.0');
    el(m, 'Declaratie.Clienten.Client.0.Prestaties').Prestatie = Array.from({ length: 5000 }, (_, i) => ({ ...model, ToewijzingNummer: i, ProductReferentie: { ReferentieNummer: `R${i}` } }));
    el(m, 'Declaratie').TotaalIngediendBedrag = { TotaalBedrag: 5000 * 39, DebetCredit: 'D' };
    const t0 = performance.now();
    expect(gefaald(m)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
