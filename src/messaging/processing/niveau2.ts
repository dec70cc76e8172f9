import { isValidBsn } from '../../common/bsn';
import type { IjwNode, IjwValue } from '../ijw/codec';
import type { Niveau2Regel, RegelContext } from './rules';

// ---- reading the parsed tree ------------------------------------------------------------------

const isNode = (v: unknown): v is IjwNode => typeof v === 'object' && v !== null && !Array.isArray(v);

const PADEN = new Map<string, string[]>();
/** The value at a dotted path below a node (`'Product.Code'`), or undefined. */
function get(n: IjwNode | undefined, path: string): IjwValue | undefined {
  // Most paths are one element: no look-up of its steps.
  if (!path.includes('.')) return isNode(n) ? n[path] : undefined;
  let stappen = PADEN.get(path);
  if (!stappen) PADEN.set(path, (stappen = path.split('.')));
  let v: IjwValue | undefined = n;
  for (const k of stappen) v = isNode(v) ? v[k] : undefined;
  return v;
}
/** Simple content as text (integers come parsed as numbers). */
function txt(n: IjwNode | undefined, path: string): string | undefined {
  const v = get(n, path);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
/** XSLT "gevuld": a class is present, a simple element has non-blank text. */
function filled(n: IjwNode | undefined, path: string): boolean {
  const v = get(n, path);
  if (typeof v === 'string') return v.trim() !== '';
  return typeof v === 'number' || isNode(v);
}
const num = (n: IjwNode | undefined, path: string): number => Number(txt(n, path));
const within = (n: IjwNode | undefined, path: string, codes: string[]): boolean => codes.includes(txt(n, path) ?? '');

/** The message's class nodes by element name, and its groups of repeated siblings by element name. */
interface Index {
  klassen: Map<string, IjwNode[]>;
  groepen: Map<string, IjwNode[][]>;
  /** The nodes (the root among them) with a Product class, depth first in document order (TR381). */
  metProduct: IjwNode[];
}
const INDEXEN = new WeakMap<RegelContext, Index>();
const voegToe = <T>(m: Map<string, T[]>, k: string, x: T): void => {
  const list = m.get(k);
  if (list) list.push(x);
  else m.set(k, [x]);
};
/** Indexes the message once per check run: the rules then look classes up instead of walking the tree. */
function index(c: RegelContext): Index {
  let idx = INDEXEN.get(c);
  if (idx) return idx;
  const nieuw: Index = { klassen: new Map(), groepen: new Map(), metProduct: [] };
  const walk = (n: IjwNode): void => {
    if (isNode(n.Product)) nieuw.metProduct.push(n);
    for (const k in n) {
      const v = n[k];
      if (Array.isArray(v)) {
        const lijst = v.filter(isNode);
        voegToe(nieuw.groepen, k, lijst);
        for (const x of lijst) {
          voegToe(nieuw.klassen, k, x);
          walk(x);
        }
      } else if (isNode(v)) {
        voegToe(nieuw.klassen, k, v);
        walk(v);
      }
    }
  };
  walk(c.message.bericht);
  INDEXEN.set(c, (idx = nieuw));
  return idx;
}
/**
 * The class nodes that hold a Product class (TR381), in the order rules.ts `nodes` gives them,
 * from the index level 2 built for the same context: no second walk over the message.
 */
export const metProduct = (c: RegelContext): readonly IjwNode[] => index(c).metProduct;
const GEEN: readonly IjwNode[] = [];
/** Every class node of the message under one of these element names (the index's own list for one name: read, never changed). */
const els = (c: RegelContext, ...names: string[]): readonly IjwNode[] =>
  names.length === 1 ? (index(c).klassen.get(names[0]) ?? GEEN) : names.flatMap((name) => index(c).klassen.get(name) ?? []);
/** Whether every class node under these names passes, in the order els gives them, without copying the lists. */
const each = (c: RegelContext, names: string[], ok: (n: IjwNode) => boolean): boolean => {
  const klassen = index(c).klassen;
  for (const name of names) {
    for (const n of klassen.get(name) ?? GEEN) if (!ok(n)) return false;
  }
  return true;
};
const dagtekening = (c: RegelContext): string => txt(c.message.bericht, 'Header.BerichtIdentificatie.Dagtekening') ?? '';

// ---- dates and periods (YYYY-MM-DD strings compare as dates) ----------------------------------

/** Last day of the date's calendar month. */
const laatsteDag = (d: string): string => `${d.slice(0, 8)}${new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate()}`;
/** The same day `years` earlier or later; 29 February falls back to the 28th (XSLT addMonths, truncate). */
function plusJaren(d: string, years: number): string {
  const y = String(Number(d.slice(0, 4)) + years).padStart(4, '0');
  return d.slice(5) === '02-29' && laatsteDag(`${y}-02-01`).endsWith('28') ? `${y}-02-28` : `${y}${d.slice(4)}`;
}
/** An end date, when given, is on or after its begin date (an end without a begin fails, as in the XSLT). */
const nietVoor = (e: string | undefined, b: string | undefined): boolean => e === undefined || (b !== undefined && e >= b);
/** Inclusive periods, an absent end being open: do they share a day? */
const overlapt = (b1: string, e1: string | undefined, b2: string, e2: string | undefined): boolean => (e1 === undefined || e1 >= b2) && (e2 === undefined || e2 >= b1);
/** Einddatum absent or after 2020-12-31: the 2021 rules for Omvang apply (CD080, CS338 …). */
const na2020 = (eind: string | undefined): boolean => eind === undefined || eind > '2020-12-31';

// ---- products (ToegewezenProduct, AangevraagdProduct, TeWijzigenProduct, NieuwProduct) ---------

const PRODUCTEN = ['ToegewezenProduct', 'AangevraagdProduct', 'TeWijzigenProduct', 'NieuwProduct'];
const begin = (p: IjwNode): string => txt(p, 'Ingangsdatum') ?? txt(p, 'ToewijzingIngangsdatum') ?? txt(p, 'GewensteIngangsdatum') ?? '';
const eind = (p: IjwNode): string | undefined => txt(p, 'Einddatum') ?? txt(p, 'ToewijzingEinddatum');

/** "Hetzelfde product" (TR302/TR386/TR410): no product clashes with all, else same category and, when both have one, the same code. */
function zelfdeProduct(a: IjwNode, b: IjwNode): boolean {
  const [ca, cb] = [txt(a, 'Product.Categorie'), txt(b, 'Product.Categorie')];
  if (ca === undefined || cb === undefined) return true;
  const [xa, xb] = [txt(a, 'Product.Code'), txt(b, 'Product.Code')];
  return ca === cb && (xa === undefined || xb === undefined || xa === xb);
}
/** No two products in the list are the same product with overlapping periods. */
function geenStapeling(list: readonly IjwNode[]): boolean {
  return list.every((p, i) => list.slice(0, i).every((q) => !(zelfdeProduct(p, q) && overlapt(begin(p), eind(p), begin(q), eind(q)))));
}
/** Omvang without a product code (aspecifiek/generiek) only for periods ending before 2021 (CD080/CD095/CD096). */
const omvangAlleenMetCode = (c: RegelContext, klasse: string): boolean =>
  each(c, [klasse], (p) => !filled(p, 'Omvang') || !na2020(eind(p)) || filled(p, 'Product.Code'));
/** Eenheid 14/16/83/84 only per week, per month or in total (CS338/CS343). */
const frequentiePerEenheid = (c: RegelContext, klassen: string[]): boolean =>
  each(c, klassen, (p) => !within(p, 'Omvang.Eenheid', ['14', '16', '83', '84']) || !na2020(eind(p)) || within(p, 'Omvang.Frequentie', ['2', '4', '6']));

/** Logical keys per class (TR101, §2.12); siblings must differ in at least one key element. */
const SLEUTELS: Record<string, string[]> = {
  Client: ['Bsn'],
  Relatie: ['Nummer'],
  Contact: ['Soort'],
  ToegewezenProduct: ['ToewijzingNummer'],
  StartProduct: ['ToewijzingNummer', 'Product.Categorie', 'Product.Code', 'Begindatum'],
  StopProduct: ['ToewijzingNummer', 'Product.Categorie', 'Product.Code', 'Begindatum', 'RedenBeeindiging', 'Einddatum'],
  AangevraagdProduct: ['ReferentieAanbieder'],
  OngewijzigdProduct: ['ToewijzingNummer'],
  TeWijzigenProduct: ['ToewijzingNummer'],
  NieuwProduct: ['Product.Categorie', 'Product.Code', 'GewensteIngangsdatum'],
  Prestatie: ['ProductReferentie.ReferentieNummer', 'ProductReferentie.VorigReferentieNummer'],
};
const uniek = (keys: string[]): boolean => new Set(keys).size === keys.length;

/** A prestatie's amount with its sign: debit positive, credit negative. */
const metTeken = (p: IjwNode): number => (txt(p, 'IngediendBedrag.DebetCredit') === 'C' ? -1 : 1) * num(p, 'IngediendBedrag.Bedrag');
const VERWIJZER_MET_AGB = ['02', '03', '04', '05'];

/**
 * Level 2: the in-message conditions and constraints (CD/CS/TR rules the XSLT checks), keyed by
 * their official codes. A rule returns false when the message breaks it; any failure rejects the
 * whole message with 0001 on the header, and the failed codes are kept on the message.
 * Semantics follow the official XSLT (TR-CD-CS regels JW 3.2, XSLTVersie 2.10.5).
 */
export const NIVEAU2: Record<string, Niveau2Regel> = {
  /** CD005: Adres has a LandCode exactly when it has a Postcode. */
  CD005: (c) => each(c, ['Adres'], (a) => filled(a, 'Postcode') === filled(a, 'LandCode')),
  /** CD007: Communicatie has a Taal exactly when Vorm is 1 (tolk taal). */
  CD007: (c) => each(c, ['Communicatie'], (k) => filled(k, 'Taal') === (txt(k, 'Vorm') === '1')),
  /** CD009: a Contact has a Periode only when Soort is 04 (tijdelijk verblijf). */
  CD009: (c) => each(c, ['Contact'], (k) => !filled(k, 'Periode') || txt(k, 'Soort') === '04'),
  /** CD025: an Adres with LandCode NL has a Huisnummer. */
  CD025: (c) => each(c, ['Adres'], (a) => txt(a, 'LandCode') !== 'NL' || filled(a, 'Huis.Huisnummer')),
  /** CD034: a Contact of Soort 01 (BRP) or 03 (verblijf) has an address with a Postcode. */
  CD034: (c) => each(c, ['Contact'], (k) => !within(k, 'Soort', ['01', '03']) || filled(k, 'Adres.Postcode')),
  /** CD041: a product with a Code (specifiek) has an Omvang. */
  CD041: (c) => each(c, ['ToegewezenProduct', 'AangevraagdProduct', 'NieuwProduct'], (p) => !filled(p, 'Product.Code') || filled(p, 'Omvang')),
  /** CD043: BeschikkingIngangsdatum is filled exactly when BeschikkingNummer is (JW315). */
  CD043: (c) => each(c, ['AangevraagdProduct'], (p) => filled(p, 'BeschikkingNummer') === filled(p, 'BeschikkingIngangsdatum')),
  /** CD060: VorigReferentieNummer is filled exactly when the prestatie is a credit (JW323). */
  CD060: (c) => each(c, ['Prestatie'], (p) => filled(p, 'ProductReferentie.VorigReferentieNummer') === (txt(p, 'IngediendBedrag.DebetCredit') === 'C')),
  /** CD066: Verwijzer type 02–05 with a ZorgverlenerCode has no Naam. */
  CD066: (c) => each(c, ['Verwijzer'], (v) => !within(v, 'Type', VERWIJZER_MET_AGB) || !filled(v, 'ZorgverlenerCode') || !filled(v, 'Naam')),
  /** CD067: Verwijzer type 02–05 without a ZorgverlenerCode has a Naam. */
  CD067: (c) => each(c, ['Verwijzer'], (v) => !within(v, 'Type', VERWIJZER_MET_AGB) || filled(v, 'ZorgverlenerCode') || filled(v, 'Naam')),
  /** CD068: Verwijzer of another type than 02–05 has no ZorgverlenerCode. */
  CD068: (c) => each(c, ['Verwijzer'], (v) => within(v, 'Type', VERWIJZER_MET_AGB) || !filled(v, 'ZorgverlenerCode')),
  /** CD075: a product with a Budget has an Einddatum. */
  CD075: (c) => each(c, PRODUCTEN, (p) => !filled(p, 'Budget') || eind(p) !== undefined),
  /** CD076: a product with Frequentie 2 (per week) has an Einddatum. */
  CD076: (c) => each(c, PRODUCTEN, (p) => txt(p, 'Omvang.Frequentie') !== '2' || eind(p) !== undefined),
  /** CD077: a product with a Budget has no Omvang. */
  CD077: (c) => each(c, PRODUCTEN, (p) => !filled(p, 'Budget') || !filled(p, 'Omvang')),
  /** CD078: a product with an Omvang has no Budget. */
  CD078: (c) => each(c, PRODUCTEN, (p) => !filled(p, 'Omvang') || !filled(p, 'Budget')),
  /** CD079: a product without a Budget names a Product (generiek needs a Budget). */
  CD079: (c) => each(c, ['ToegewezenProduct', 'AangevraagdProduct', 'NieuwProduct'], (p) => filled(p, 'Budget') || filled(p, 'Product')),
  /** CD080: a ToegewezenProduct without a Code has no Omvang (Einddatum after 2020 or open). */
  CD080: (c) => omvangAlleenMetCode(c, 'ToegewezenProduct'),
  /** CD085: VerzoekAntwoord 1 (afgewezen) gives a RedenAfwijzingVerzoek. */
  CD085: (c) => each(c, ['Antwoord'], (a) => txt(a, 'VerzoekAntwoord') !== '1' || filled(a, 'RedenAfwijzingVerzoek')),
  /** CD086: VerzoekAntwoord 2 (in onderzoek) gives no RedenAfwijzingVerzoek. */
  CD086: (c) => each(c, ['Antwoord'], (a) => txt(a, 'VerzoekAntwoord') !== '2' || !filled(a, 'RedenAfwijzingVerzoek')),
  /** CD087: ProductTarief is filled exactly when Eenheid is not 83 (euro's). */
  CD087: (c) => each(c, ['Prestatie'], (p) => filled(p, 'ProductTarief') === (txt(p, 'Eenheid') !== '83')),
  /** CD095: an AangevraagdProduct without a Code has no Omvang (ToewijzingEinddatum after 2020 or open). */
  CD095: (c) => omvangAlleenMetCode(c, 'AangevraagdProduct'),
  /** CD096: a NieuwProduct without a Code has no Omvang (Einddatum after 2020 or open). */
  CD096: (c) => omvangAlleenMetCode(c, 'NieuwProduct'),
  /** CS002: every Bsn passes the 11-proef. */
  CS002: (c) => each(c, ['Client'], (n) => n.Bsn === undefined || isValidBsn(txt(n, 'Bsn') ?? '')),
  /** CS003: an end date is on or after the begin date of its period (products, contact periods). */
  CS003: (c) =>
    each(c, PRODUCTEN, (p) => nietVoor(eind(p), begin(p))) && each(c, ['Contact'], (k) => nietVoor(txt(k, 'Periode.Einddatum'), txt(k, 'Periode.Begindatum'))),
  /** CS050: NaamGebruik is 1–4 with a Partnernaam, otherwise 1 or 6. */
  CS050: (c) => each(c, ['Naam'], (n) => !filled(n, 'NaamGebruik') || within(n, 'NaamGebruik', filled(n, 'Partnernaam') ? ['1', '2', '3', '4'] : ['1', '6'])),
  /** CS058: StatusAanlevering of a start or stop is 1 (eerste aanlevering) or 3 (verwijderen). */
  CS058: (c) => each(c, ['StartProduct', 'StopProduct'], (p) => within(p, 'StatusAanlevering', ['1', '3'])),
  /** CS089: with LandCode NL the Postcode is a Dutch one (1234AB). */
  CS089: (c) => each(c, ['Adres'], (a) => txt(a, 'LandCode') !== 'NL' || /^[1-9][0-9]{3}[a-zA-Z]{2}$/.test(txt(a, 'Postcode') ?? '')),
  /** CS100: declaratie and product periods begin on or after 2021-01-01. */
  CS100: (c) => each(c, ['DeclaratiePeriode', 'ProductPeriode'], (p) => (txt(p, 'Begindatum') ?? '') >= '2021-01-01'),
  /** CS139: Geboortedatum agrees with DatumGebruik (1: day unknown, 2: day and month, 3: all unknown). */
  CS139: (c) =>
    each(c, ['Geboortedatum'], (g) => {
      const [d, gebruik] = [txt(g, 'Datum') ?? '', txt(g, 'DatumGebruik')];
      return gebruik === '3' ? d === '1900-01-01' : gebruik === '2' ? d.endsWith('-01-01') : gebruik === '1' ? d.endsWith('-01') : true;
    }),
  /** CS318: the client's NaamGebruik is not 6 (niet-natuurlijk persoon) (JW301). */
  CS318: (c) => txt(c.message.bericht, 'Client.Naam.NaamGebruik') !== '6',
  /** CS325: an amount of zero carries D (debet). */
  CS325: (c) =>
    each(c, ['IngediendBedrag'], (b) => num(b, 'Bedrag') !== 0 || txt(b, 'DebetCredit') === 'D') &&
    each(c, ['TotaalIngediendBedrag'], (b) => num(b, 'TotaalBedrag') !== 0 || txt(b, 'DebetCredit') === 'D'),
  /** CS335: RedenWijziging 13 (verwijderd) only with Einddatum equal to Ingangsdatum. */
  CS335: (c) => each(c, ['ToegewezenProduct'], (p) => txt(p, 'RedenWijziging') !== '13' || txt(p, 'Einddatum') === txt(p, 'Ingangsdatum')),
  /** CS336: RedenWijziging 01 (administratieve correctie, vervallen) is not used. */
  CS336: (c) => each(c, ['ToegewezenProduct'], (p) => txt(p, 'RedenWijziging') !== '01'),
  /** CS337: a ProductPeriode lies within one calendar month. */
  CS337: (c) => each(c, ['ProductPeriode'], (p) => txt(p, 'Begindatum')?.slice(0, 7) === txt(p, 'Einddatum')?.slice(0, 7)),
  /** CS338: Eenheid 14/16/83/84 goes with Frequentie 2, 4 or 6 (toewijzing, VOW). */
  CS338: (c) => frequentiePerEenheid(c, ['ToegewezenProduct', 'TeWijzigenProduct', 'NieuwProduct']),
  /** CS339: with Eenheid 83 (euro's) IngediendBedrag equals GeleverdVolume. */
  CS339: (c) => each(c, ['Prestatie'], (p) => txt(p, 'Eenheid') !== '83' || num(p, 'GeleverdVolume') === num(p, 'IngediendBedrag.Bedrag')),
  /** CS340: the DeclaratiePeriode is exactly one calendar month. */
  CS340: (c) => each(c, ['DeclaratiePeriode'], (p) => (txt(p, 'Begindatum') ?? '').endsWith('-01') && txt(p, 'Einddatum') === laatsteDag(txt(p, 'Begindatum') ?? '')),
  /** CS343: Eenheid 14/16/83/84 goes with Frequentie 2, 4 or 6 (VOT). */
  CS343: (c) => frequentiePerEenheid(c, ['AangevraagdProduct']),
  /** TR002: a Geboortedatum lies at most 120 years before the Dagtekening, unless it is unknown. */
  TR002: (c) =>
    each(c, ['Geboortedatum'], (g) => (txt(g, 'DatumGebruik') === '3' && txt(g, 'Datum') === '1900-01-01') || plusJaren(txt(g, 'Datum') ?? '', 120) >= dagtekening(c)),
  /** TR006: a Contact has a Telefoon, or a Huis and a Postcode. */
  TR006: (c) => each(c, ['Contact'], (k) => filled(k, 'Telefoon') || (filled(k, 'Adres.Huis') && filled(k, 'Adres.Postcode'))),
  /** TR018: a stop's Einddatum is on or after its Begindatum. */
  TR018: (c) => each(c, ['StopProduct'], (p) => (txt(p, 'Einddatum') ?? '') >= (txt(p, 'Begindatum') ?? '')),
  /** TR061: the JW301 client has an address of Soort 01, 02 or 03. */
  TR061: (c) => each(c, ['Contactgegevens'], (g) => [get(g, 'Contact')].flat().some((k) => isNode(k) && within(k, 'Soort', ['01', '02', '03']))),
  /** TR101: no two sibling classes share their logical key (§2.12). */
  TR101: (c) =>
    Object.entries(SLEUTELS).every(([klasse, sleutel]) =>
      // A lone class has no sibling to share its key with (most groups: one client, one prestatie).
      (index(c).groepen.get(klasse) ?? []).every(
        (groep) =>
          groep.length < 2 ||
          uniek(sleutel.length === 1 ? groep.map((x) => txt(x, sleutel[0]) ?? '\u0000') : groep.map((x) => sleutel.map((k) => txt(x, k) ?? '\u0000').join('\u0001'))),
      ),
    ),
  /** TR134: birth dates, Toewijzingsdatum, start Begindatum, stop Einddatum and claimed periods' Begindatum are not after the Dagtekening. */
  TR134: (c) => {
    const dag = dagtekening(c);
    const nietNa = (d: string | undefined) => d === undefined || d <= dag;
    return (
      each(c, ['Geboortedatum'], (g) => nietNa(txt(g, 'Datum'))) &&
      each(c, ['ToegewezenProduct'], (p) => nietNa(txt(p, 'Toewijzingsdatum'))) &&
      each(c, ['StartProduct'], (p) => nietNa(txt(p, 'Begindatum'))) &&
      each(c, ['StopProduct'], (p) => nietNa(txt(p, 'Einddatum'))) &&
      each(c, ['DeclaratiePeriode', 'ProductPeriode'], (p) => nietNa(txt(p, 'Begindatum')))
    );
  },
  /** TR137: declaratie and product periods end on or after their begin and not after the Dagtekening. */
  TR137: (c) => {
    const dag = dagtekening(c);
    return each(c, ['DeclaratiePeriode', 'ProductPeriode'], (p) => (txt(p, 'Einddatum') ?? '') >= (txt(p, 'Begindatum') ?? '') && (txt(p, 'Einddatum') ?? '') <= dag);
  },
  /** TR302: a product occurs more than once in a JW301 only with non-overlapping periods (deleted ones aside). */
  TR302: (c) =>
    geenStapeling(els(c, 'ToegewezenProduct').filter((p) => !(within(p, 'RedenWijziging', ['01', '13']) && filled(p, 'Einddatum') && txt(p, 'Einddatum') === txt(p, 'Ingangsdatum')))),
  /** TR315: a VorigReferentieNummer occurs only once in the declaratie. */
  TR315: (c) => {
    const vorige: string[] = [];
    for (const r of els(c, 'ProductReferentie')) {
      const v = txt(r, 'VorigReferentieNummer');
      if (v !== undefined) vorige.push(v);
    }
    return uniek(vorige);
  },
  /** TR316: no prestatie is credited in the message that holds its debit. */
  TR316: (c) => {
    const refs = els(c, 'ProductReferentie');
    const nummers = new Set<string | undefined>();
    for (const r of refs) nummers.add(txt(r, 'ReferentieNummer'));
    return refs.every((r) => !nummers.has(txt(r, 'VorigReferentieNummer')));
  },
  /** TR335: a ProductPeriode ends at most 5 years before the DeclaratieDagtekening. */
  TR335: (c) =>
    each(c, ['Declaratie'], (d) => {
      const grens = plusJaren(txt(d, 'DeclaratieDagtekening') ?? '', -5);
      return each(c, ['ProductPeriode'], (p) => (txt(p, 'Einddatum') ?? '') >= grens);
    }),
  /** TR352: a VOW holds at least one OngewijzigdProduct or TeWijzigenProduct. */
  TR352: (c) => each(c, ['Verzoek'], (v) => filled(v, 'OngewijzigdeProducten') || filled(v, 'TeWijzigenProducten')),
  /** TR353: a VOW holds at least one TeWijzigenProduct or NieuwProduct. */
  TR353: (c) => each(c, ['Verzoek'], (v) => filled(v, 'TeWijzigenProducten') || filled(v, 'NieuweProducten')),
  /** TR358: TotaalIngediendBedrag (with its DebetCredit) is the sum of the debit minus the credit prestaties. */
  TR358: (c) =>
    each(c, ['Declaratie'], (d) => {
      const som = els(c, 'Prestatie').reduce((s, p) => s + metTeken(p), 0);
      return (txt(d, 'TotaalIngediendBedrag.DebetCredit') === 'C' ? -1 : 1) * num(d, 'TotaalIngediendBedrag.TotaalBedrag') === som;
    }),
  /** TR377: RedenAfwijzingVerzoek 8 (woonplaatsbeginsel) comes with a Woonplaatsbeginsel. */
  TR377: (c) => each(c, ['Antwoord'], (a) => txt(a, 'RedenAfwijzingVerzoek') !== '8' || filled(a, 'Woonplaatsbeginsel')),
  /** TR380: a NieuwProduct's GewensteIngangsdatum is after the Dagtekening. */
  TR380: (c) => each(c, ['NieuwProduct'], (p) => (txt(p, 'GewensteIngangsdatum') ?? '') > dagtekening(c)),
  /** TR383: every AangevraagdProduct has its own ReferentieAanbieder. */
  TR383: (c) => uniek(els(c, 'AangevraagdProduct').map((p) => (txt(p, 'ReferentieAanbieder') ?? '').trim())),
  /** TR386: a product occurs more than once in a VOT only with non-overlapping periods. */
  TR386: (c) => geenStapeling(els(c, 'AangevraagdProduct')),
  /** TR409: a Woonplaatsbeginsel only with RedenAfwijzingVerzoek 8. */
  TR409: (c) => each(c, ['Antwoord'], (a) => !filled(a, 'Woonplaatsbeginsel') || txt(a, 'RedenAfwijzingVerzoek') === '8'),
  /** TR410: a product occurs more than once as NieuwProduct only with non-overlapping periods. */
  TR410: (c) => geenStapeling(els(c, 'NieuwProduct')),
  /** TR416: one debit per ToewijzingNummer, ProductPeriode, ProductCategorie and ProductCode in a client's prestaties. */
  TR416: (c) =>
    (index(c).groepen.get('Prestatie') ?? []).every((groep) =>
      groep.length < 2 ||
      uniek(
        groep
          .filter((p) => txt(p, 'IngediendBedrag.DebetCredit') === 'D')
          .map((p) => ['ToewijzingNummer', 'ProductPeriode.Begindatum', 'ProductPeriode.Einddatum', 'ProductCategorie', 'ProductCode'].map((k) => txt(p, k)).join('\u0001')),
      ),
    ),
};
