import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { plusWerkdagen } from '../common/werkdagen';
import { prepared } from '../db/prepared';
import type { IjwMessage, IjwNode, IjwValue } from '../messaging/ijw/codec';
import type { Niveau3Context } from '../messaging/processing/rules';
import { isVerwijderd } from '../toewijzing/toewijzing.rules';
import { bedragCodes, eenheidFactor, maxPerPrestatie, maxTotaal, periodeCodes, periodeVolgt, eersteVanMaand, type Toegewezen } from './beoordeling';
import { contractvoorwaarden, heeftVerdenking, type Contractvoorwaarde, type Verdenking, type VoorwaardeContract } from './contractvoorwaarde';
import { DeclaratieStatus } from './declaratie.entity';
import { clientenVan } from './jw325';

/** A toewijzing a prestatie may refer to, with the client's keyed BSN hash. */
export interface TwRij {
  id: string;
  nummer: number;
  aanbieder_agb: string;
  contract_id: string | null;
  product_categorie: string;
  product_code: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
  reden_wijziging: string | null;
  bsn_hash: string;
}

/** A contracted product of the provider in a contract that covers the municipality. */
interface CpRij {
  contract_id: string;
  categorie: string;
  code: string;
  eenheid: string;
  uitvoeringsvariant: string;
  plafond_beleid: 'afwijzen' | 'signaleren';
  declaraties_aanhouden: boolean;
  /** The contract's period (its einddatum as ended early, if so): its tariffs hold only within it. */
  contract_begin: string;
  contract_eind: string;
  tarieven: { id: string; c: number; v: string; t: string | null }[];
}

/** An earlier prestatie of the provider. */
interface Eerder {
  referentie_nummer: string;
  vorig_referentie_nummer: string | null;
  debet_credit: string;
  toegekend: boolean;
  toewijzing_id: string | null;
  contract_id: string | null;
  tarief_id: string | null;
  contract_tarief_centen: number | null;
}

/** One prestatie as claimed. */
export interface Geclaimd {
  node: IjwNode;
  bsn: string;
  referentie: string;
  vorige: string | null;
  dc: 'D' | 'C';
  toewijzingNummer: number;
  categorie: string;
  code: string;
  begin: string;
  eind: string;
  volume: number;
  eenheid: string;
  tarief: number | null;
  bedrag: number;
}

/** What the judgement of one prestatie yields. */
export interface Uitkomst {
  p: Geclaimd;
  /** The client's keyed BSN hash. */
  clientHash: string;
  codes: string[];
  toewijzingId: string | null;
  contractId: string | null;
  tariefId: string | null;
  contractTarief: number | null;
  bovenPlafond: boolean;
  /** Granted amount with its sign (credit negative); 0 when rejected. */
  toegekend: number;
  /** The contract conditions behind its rejection or flag (empty when none). */
  voorwaarden: Contractvoorwaarde[];
}

const txt = (n: IjwNode, pad: string): string | undefined => {
  let v: IjwValue | undefined = n;
  for (const k of pad.split('.')) v = v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

/** A child of a complex element (undefined when absent or not complex): txt without the path string. */
const kind = (v: IjwValue | undefined, k: string): IjwValue | undefined => (v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined);
/** A simple element's text, as txt gives it. */
const tekst = (v: IjwValue | undefined): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);

/** The prestaties of a JW323 in a flat list: credits first, so a credit and its corrected debit may share a claim. */
export function geclaimd(jw323: IjwMessage): Geclaimd[] {
  const credits: Geclaimd[] = [];
  const debets: Geclaimd[] = [];
  for (const { client, prestaties } of clientenVan(jw323)) {
    const bsn = tekst(client.Bsn) ?? '';
    for (const n of prestaties) {
      const tarief = tekst(n.ProductTarief);
      const bedrag = n.IngediendBedrag;
      const referentie = n.ProductReferentie;
      const periode = n.ProductPeriode;
      const dc = tekst(kind(bedrag, 'DebetCredit')) === 'C' ? 'C' : 'D';
      (dc === 'C' ? credits : debets).push({
        node: n,
        bsn,
        referentie: tekst(kind(referentie, 'ReferentieNummer')) ?? '',
        vorige: tekst(kind(referentie, 'VorigReferentieNummer')) ?? null,
        dc,
        toewijzingNummer: Number(tekst(n.ToewijzingNummer)),
        categorie: tekst(n.ProductCategorie) ?? '',
        code: tekst(n.ProductCode) ?? '',
        begin: tekst(kind(periode, 'Begindatum')) ?? '',
        eind: tekst(kind(periode, 'Einddatum')) ?? '',
        volume: Number(tekst(n.GeleverdVolume)),
        eenheid: tekst(n.Eenheid) ?? '',
        tarief: tarief === undefined ? null : Number(tarief),
        bedrag: Number(tekst(kind(bedrag, 'Bedrag'))),
      });
    }
  }
  return credits.concat(debets);
}

/** Volume in a common base, so minutes and hours add up (TR341 allows minutes against hours). */
const basis = (volume: number, eenheid: string | null) => (eenheid === '04' ? volume * 60 : volume);
/** The key of a debit (TR389): as Array.join writes it (null and undefined as empty), without the array. */
const debetSleutel = (nummer: number, begin: string, eind: string, categorie: string, code: string) =>
  `${nummer ?? ''}\u0001${begin ?? ''}\u0001${eind ?? ''}\u0001${categorie ?? ''}\u0001${code ?? ''}`;

/**
 * The open debits a debit of this claim would duplicate (TR389): debit key → its ReferentieNummer.
 * A credit closes the debit it names; the index by reference makes that one lookup, not a scan.
 */
class OpenDebets {
  private readonly perSleutel = new Map<string, string>();
  private readonly sleutelsVan = new Map<string, string[]>();
  has(sleutel: string): boolean {
    return this.perSleutel.has(sleutel);
  }
  set(sleutel: string, referentie: string): void {
    this.perSleutel.set(sleutel, referentie);
    const l = this.sleutelsVan.get(referentie);
    if (l) l.push(sleutel);
    else this.sleutelsVan.set(referentie, [sleutel]);
  }
  /** Every key still open under this reference is closed. */
  sluit(referentie: string): void {
    for (const k of this.sleutelsVan.get(referentie) ?? []) if (this.perSleutel.get(k) === referentie) this.perSleutel.delete(k);
    this.sleutelsVan.delete(referentie);
  }
}

/**
 * Everything stored that the claim is judged against, read in a fixed number of statements and
 * indexed once: what the database returns about earlier prestaties is only what this claim's
 * prestaties can collide with.
 */
interface Stand {
  toewijzingen: Map<number, TwRij>;
  /** Contracted products by category/code. */
  perProduct: Map<string, CpRij[]>;
  boek: Set<string>;
  /** The owner of each ReferentieNummer this claim uses or names (a prestatie rejected 8021 never owns one). */
  eerder: Map<string, Eerder>;
  /** Accepted credits per debit reference. */
  gecrediteerd: Set<string>;
  perToewijzing: Map<string, { basis: number; centen: number }>;
  openDebet: OpenDebets;
  plafonds: Map<string, { bedrag: number; besteed: number }>;
}

async function leesStand(em: EntityManager, regio: string | null, gemeente: string, agb: string, claims: Geclaimd[]): Promise<Stand> {
  const nummers = [...new Set(claims.map((c) => c.toewijzingNummer))];
  const toewijzingen = await prepared<TwRij>(
    em,
    `SELECT t.id, t.nummer, t.aanbieder_agb, t.contract_id, t.product_categorie, t.product_code, to_char(t.ingangsdatum, 'YYYY-MM-DD') AS ingangsdatum,
            to_char(t.einddatum, 'YYYY-MM-DD') AS einddatum, t.volume, t.eenheid, t.frequentie, t.budget, t.reden_wijziging, c.bsn_hash
       FROM toewijzing t JOIN client c ON c.id = t.client_id
      WHERE t.gemeente_code = $1 AND t.nummer = ANY($2::int[])`,
    [gemeente, nummers],
  );
  const contractProducten = await prepared<CpRij>(
    em,
    `SELECT cp.contract_id, p.categorie, p.code, cp.eenheid, cp.uitvoeringsvariant, k.plafond_beleid, k.declaraties_aanhouden,
            to_char(k.begindatum, 'YYYY-MM-DD') AS contract_begin, to_char(k.einddatum, 'YYYY-MM-DD') AS contract_eind,
            coalesce(json_agg(json_build_object('id', tf.id, 'c', tf.bedrag_centen, 'v', tf.geldig_vanaf, 't', tf.geldig_tot)) FILTER (WHERE tf.id IS NOT NULL), '[]') AS tarieven
       FROM contract_product cp JOIN product p ON p.id = cp.product_id JOIN contract k ON k.id = cp.contract_id
       LEFT JOIN tarief tf ON tf.contract_product_id = cp.id
      WHERE cp.aanbieder_agb = $1 AND EXISTS (SELECT 1 FROM contract_gemeente g WHERE g.contract_id = cp.contract_id AND g.gemeente_code = $2)
      GROUP BY cp.id, p.id, k.id`,
    [agb, gemeente],
  );
  const boek = await prepared<{ categorie: string; code: string }>(em, 'SELECT categorie, code FROM product WHERE regio_code = $1', [regio ?? '']);
  const refSet = new Set<string>();
  for (const c of claims) {
    refSet.add(c.referentie);
    if (c.vorige) refSet.add(c.vorige);
  }
  const refs = [...refSet];
  // The owners of these references, through the unique index (its predicate is in the query).
  const eerder = await prepared<Eerder>(
    em,
    `SELECT referentie_nummer, vorig_referentie_nummer, debet_credit, toegekend, toewijzing_id, contract_id, tarief_id, contract_tarief_centen
       FROM prestatie WHERE aanbieder_agb = $1 AND referentie_nummer = ANY($2::text[]) AND NOT ('8021' = ANY (retourcodes))`,
    [agb, refs],
  );
  // The debits this claim's credits name that an accepted credit already cancelled (TR390).
  const genoemdSet = new Set<string>();
  for (const c of claims) if (c.dc === 'C' && c.vorige) genoemdSet.add(c.vorige);
  const genoemd = [...genoemdSet];
  const gecrediteerd = genoemd.length
    ? await prepared<{ vorig_referentie_nummer: string }>(
        em,
        `SELECT DISTINCT vorig_referentie_nummer FROM prestatie WHERE aanbieder_agb = $1 AND vorig_referentie_nummer = ANY($2::text[]) AND debet_credit = 'C' AND toegekend`,
        [agb, genoemd],
      )
    : [];
  const ids = toewijzingen.map((t) => t.id);
  // Only a toewijzing with an Omvang or a Budget has a total to keep (TR321, TR322, TR369).
  const begrensd = toewijzingen.filter((t) => t.volume !== null || t.budget !== null).map((t) => t.id);
  const totalen = begrensd.length
    ? await prepared<{ toewijzing_id: string; basis: string; centen: string }>(
        em,
        `SELECT toewijzing_id, sum(CASE WHEN debet_credit = 'D' THEN 1 ELSE -1 END * volume * CASE WHEN eenheid = '04' THEN 60 ELSE 1 END) AS basis,
                sum(toegekend_centen) AS centen
           FROM prestatie WHERE toewijzing_id = ANY($1::uuid[]) AND toegekend GROUP BY toewijzing_id`,
        [begrensd],
      )
    : [];
  // Open debits only where a debit of this claim has the same toewijzing, period and product (TR389).
  const debets = claims.filter((c) => c.dc === 'D');
  const open = debets.length
    ? await prepared<{ referentie_nummer: string; toewijzing_nummer: number; begin: string; eind: string; product_categorie: string; product_code: string }>(
        em,
        `SELECT d.referentie_nummer, d.toewijzing_nummer, to_char(d.periode_begin, 'YYYY-MM-DD') AS begin, to_char(d.periode_eind, 'YYYY-MM-DD') AS eind,
                d.product_categorie, d.product_code
           FROM prestatie d
          WHERE d.toewijzing_id = ANY($1::uuid[]) AND d.debet_credit = 'D' AND d.toegekend
            AND concat_ws(chr(1), d.toewijzing_nummer, to_char(d.periode_begin, 'YYYY-MM-DD'), to_char(d.periode_eind, 'YYYY-MM-DD'), d.product_categorie, d.product_code)
                IN (SELECT unnest($2::text[]))
            AND NOT EXISTS (SELECT 1 FROM prestatie c WHERE c.aanbieder_agb = d.aanbieder_agb AND c.vorig_referentie_nummer = d.referentie_nummer AND c.toegekend)`,
        // The keys as debetSleutel writes them: one array instead of five.
        [ids, [...new Set(debets.map((c) => debetSleutel(c.toewijzingNummer, c.begin, c.eind, c.categorie, c.code)))]],
      )
    : [];
  const contracten = [...new Set(contractProducten.map((c) => c.contract_id))];
  const plafonds = await prepared<{ contract_id: string; jaar: number; bedrag: string; besteed: string }>(
    em,
    `SELECT bp.contract_id, bp.jaar, bp.bedrag_centen AS bedrag,
            coalesce((SELECT sum(p.toegekend_centen) FROM prestatie p
                       WHERE p.contract_id = bp.contract_id AND p.periode_begin >= make_date(bp.jaar, 1, 1) AND p.periode_begin < make_date(bp.jaar + 1, 1, 1)), 0) AS besteed
       FROM budgetplafond bp WHERE bp.contract_id = ANY($1::uuid[])`,
    [contracten],
  );
  const perProduct = new Map<string, CpRij[]>();
  for (const c of contractProducten) {
    const k = `${c.categorie}/${c.code}`;
    const l = perProduct.get(k);
    if (l) l.push(c);
    else perProduct.set(k, [c]);
  }
  const openDebet = new OpenDebets();
  for (const o of open) openDebet.set(debetSleutel(o.toewijzing_nummer, o.begin, o.eind, o.product_categorie, o.product_code), o.referentie_nummer);
  return {
    toewijzingen: new Map(toewijzingen.map((t) => [t.nummer, t])),
    perProduct,
    boek: new Set(boek.map((b) => `${b.categorie}/${b.code}`)),
    eerder: new Map(eerder.map((e) => [e.referentie_nummer, e])),
    gecrediteerd: new Set(gecrediteerd.map((g) => g.vorig_referentie_nummer)),
    perToewijzing: new Map(totalen.map((t) => [t.toewijzing_id, { basis: Number(t.basis), centen: Number(t.centen) }])),
    openDebet,
    plafonds: new Map(plafonds.map((p) => [`${p.contract_id}/${p.jaar}`, { bedrag: Number(p.bedrag), besteed: Number(p.besteed) }])),
  };
}

/** Whether the whole ProductPeriode lies within the contract's period. */
const binnenContract = (cp: CpRij, p: Geclaimd) => p.begin >= cp.contract_begin && p.eind <= cp.contract_eind;

/**
 * The contracted product a prestatie is priced by: under the toewijzing's contract first, else a
 * covering contract whose period holds the ProductPeriode, else any covering contract.
 */
function contractProduct(s: Stand, tw: TwRij, p: Geclaimd): CpRij | undefined {
  const zelfde = s.perProduct.get(`${p.categorie}/${p.code}`) ?? [];
  return zelfde.find((c) => c.contract_id === tw.contract_id) ?? zelfde.find((c) => binnenContract(c, p)) ?? zelfde[0];
}

/**
 * The contract tariff of a prestatie: valid on its Begindatum, and only while the contract runs.
 * A tariff may be open-ended (geldig_tot empty), the contract is not: a ProductPeriode that is
 * not wholly within the contract's period (after its einddatum, also one ended early) has no
 * tariff, so TR418 gives 0611 and the condition named is the contract's `looptijd`.
 */
function tariefVan(cp: CpRij | undefined, p: Geclaimd): { id: string; c: number } | undefined {
  if (!cp || !binnenContract(cp, p)) return undefined;
  return cp.tarieven.find((t) => t.v <= p.begin && (t.t === null || t.t >= p.begin));
}

/** What one debit prestatie is judged with. */
interface Beoordeling {
  p: Geclaimd;
  tw: TwRij;
  cp: CpRij | undefined;
  tarief: { id: string; c: number } | undefined;
  declaratieEind: string;
  clientHash: string;
  stand: Stand;
  /** Accepted so far per toewijzing in this claim (volume base, cents). */
  lopend: Map<string, { basis: number; centen: number }>;
  /** The prestatie's debit key (debetSleutel), made once for TR389 and for recording it as open. */
  debetSleutel: string;
}

type Regel = (b: Beoordeling) => readonly string[];
/** No code: one shared empty list (the caller only reads what a rule returns). */
const GEEN_CODES: readonly string[] = [];
const als = (fout: boolean, code: string): readonly string[] => (fout ? [code] : GEEN_CODES);

/**
 * The prestatie rules that need a matched toewijzing (TR338 comes first), keyed by their
 * official codes (ijw-3.2.md §3, §4.6). The budget ceiling comes last, in the caller.
 */
export const PRESTATIE_REGELS: Record<string, Regel> = {
  /** TR384 → 9384: no claim on a deleted toewijzing (reden 13). */
  TR384: (b) => als(isVerwijderd({ redenWijziging: b.tw.reden_wijziging, ingangsdatum: b.tw.ingangsdatum, einddatum: b.tw.einddatum }), '9384'),
  /** TR304 → 8187: the Bsn is the toewijzing's client's. */
  TR304: (b) => als(b.tw.bsn_hash !== b.clientHash, '8187'),
  /** TR339 → 9339: the same category as the toewijzing. */
  TR339: (b) => als(b.p.categorie !== b.tw.product_categorie, '9339'),
  /** TR340 → 9340: the same code when the toewijzing has one; without one, a code contracted in that category (OP302). */
  TR340: (b) => als(b.tw.product_code !== null ? b.p.code !== b.tw.product_code : b.stand.boek.has(`${b.p.categorie}/${b.p.code}`) && !b.cp, '9340'),
  /** TR381 → S329: an aspecifiek claim's code is in the region's product book in its category. */
  TR381: (b) => als(b.tw.product_code === null && !b.stand.boek.has(`${b.p.categorie}/${b.p.code}`), 'S329'),
  /** TR341 → 9341: the unit of the toewijzing (or, aspecifiek, of the contract); minutes against hours. */
  TR341: (b) => {
    const eenheid = b.tw.eenheid ?? b.cp?.eenheid;
    return als(eenheid !== undefined && eenheidFactor(eenheid, b.p.eenheid) === undefined, '9341');
  },
  /** TR307/TR308/TR387/TR388 → 9307/9308/9387/9388: the ProductPeriode within the toewijzing and its month. */
  TR307: (b) => periodeCodes(b.tw, b.p.begin, b.p.eind),
  /** TR319 → 9319: within the current or an earlier DeclaratiePeriode. */
  TR319: (b) => als(b.p.eind > b.declaratieEind, '9319'),
  /** TR346 → 9346 and TR418 → 0611: amount = volume × tariff, and the tariff is the contract's. */
  TR346: (b) =>
    bedragCodes({ eenheid: b.p.eenheid, volume: b.p.volume, tarief: b.p.tarief, bedrag: b.p.bedrag }, { eenheid: b.cp?.eenheid ?? b.p.eenheid, tarief: b.tarief?.c }),
  /** TR321 → 9321 and TR322 → 9322: within the allocated volume per prestatie and in total. */
  TR321: (b) => {
    if (b.tw.volume === null || b.tw.eenheid === null) return GEEN_CODES;
    const factor = eenheidFactor(b.tw.eenheid, b.p.eenheid);
    if (factor === undefined) return GEEN_CODES;
    const t: Toegewezen = {
      ingangsdatum: b.tw.ingangsdatum,
      einddatum: b.tw.einddatum,
      volume: b.tw.volume,
      eenheid: b.tw.eenheid,
      frequentie: b.tw.frequentie,
      budget: b.tw.budget,
      variant: b.cp?.uitvoeringsvariant ?? 'inspanningsgericht',
    };
    const codes: string[] = [];
    const perPrestatie = maxPerPrestatie(t, b.p.begin, b.p.eind);
    if (perPrestatie !== undefined && b.p.volume > perPrestatie * factor) codes.push('9321');
    const totaal = maxTotaal(t);
    const al = (b.stand.perToewijzing.get(b.tw.id)?.basis ?? 0) + (b.lopend.get(b.tw.id)?.basis ?? 0);
    if (totaal !== undefined && al + basis(b.p.volume, b.p.eenheid) > basis(totaal, b.tw.eenheid)) codes.push('9322');
    return codes;
  },
  /** TR369 → 9369: with a Budget, all claims together fit it. */
  TR369: (b) => {
    if (b.tw.budget === null) return GEEN_CODES;
    const al = (b.stand.perToewijzing.get(b.tw.id)?.centen ?? 0) + (b.lopend.get(b.tw.id)?.centen ?? 0);
    return als(al + b.p.bedrag > b.tw.budget, '9369');
  },
  /** TR389 → 9389: no second debit for the same toewijzing, period and product without a credit between. */
  TR389: (b) => als(b.stand.openDebet.has(b.debetSleutel), '9389'),
};

const REGELS = Object.values(PRESTATIE_REGELS);

export interface DeclaratieOordeel {
  declaratieCodes: string[];
  uitkomsten: Uitkomst[];
  toegekend: number;
  aanhouden: boolean;
  /** The municipality judges claims in its own system: this judgement is for reference, its JW325 decides. */
  eigenSysteem: boolean;
  /** The toewijzingen the prestaties were judged against, by ToewijzingNummer (any provider's: see TR338). */
  toewijzingen: ReadonlyMap<number, TwRij>;
}

/**
 * Judges every prestatie of a JW323 whose header passed: the Declaratie first (TR333 unique
 * number, TR318 period sequence), then each prestatie against its toewijzing, contract, tariff
 * and what was claimed before, then the contract's budget ceiling.
 */
export async function beoordeel(c: Niveau3Context): Promise<DeclaratieOordeel> {
  const d = c.message.bericht.Declaratie as IjwNode;
  const agb = c.bericht.afzender;
  const periodeBegin = txt(d, 'DeclaratiePeriode.Begindatum') ?? '';
  const periodeEind = txt(d, 'DeclaratiePeriode.Einddatum') ?? '';
  const claims = geclaimd(c.message);
  // Claims of one provider are judged one at a time: cumulative volumes, second debits and the
  // budget ceiling depend on what was granted before.
  await prepared(c.em, `SELECT pg_advisory_xact_lock(hashtext('declaratie:' || $1::text))`, [agb]);
  const kop = await prepared<{ dubbel: number; vorige: string | null; eigen: boolean | null }>(
    c.em,
    `SELECT (SELECT count(*)::int FROM declaratie WHERE aanbieder_agb = $1 AND nummer = $2 AND status <> 'afgewezen') AS dubbel,
            (SELECT to_char(max(periode_begin), 'YYYY-MM-DD') FROM declaratie WHERE aanbieder_agb = $1 AND gemeente_code = $3 AND status <> 'afgewezen') AS vorige,
            (SELECT declaraties_eigen_systeem FROM gemeente WHERE code = $3 ORDER BY geldig_vanaf DESC LIMIT 1) AS eigen`,
    [agb, txt(d, 'DeclaratieNummer') ?? '', c.bericht.gemeenteCode],
  );
  const declaratieCodes: string[] = [];
  if (kop[0].dubbel > 0) declaratieCodes.push('9333');
  if (!periodeVolgt(kop[0].vorige ?? undefined, periodeBegin, claims.map((p) => eersteVanMaand(p.begin)))) declaratieCodes.push('8214');
  const eigenSysteem = kop[0].eigen === true;
  if (declaratieCodes.length) return { declaratieCodes, uitkomsten: [], toegekend: 0, aanhouden: eigenSysteem, eigenSysteem, toewijzingen: new Map() };

  const stand = await leesStand(c.em, c.bericht.regioCode, c.bericht.gemeenteCode, agb, claims);
  const hashes = new Map<string, string>();
  const hashVan = (bsn: string): string => {
    const h = hashes.get(bsn) ?? c.sleutels.bsnHash(bsn);
    hashes.set(bsn, h);
    return h;
  };
  const gebruikt = new Set<string>();
  const lopend = new Map<string, { basis: number; centen: number }>();
  const plafondLopend = new Map<string, number>();
  const uitkomsten: Uitkomst[] = [];
  /** Prestaties whose outcome may come from a contract condition: their contracts are read once, after the loop. */
  const verdacht: [Uitkomst, Verdenking][] = [];
  let aanhouden = false;
  for (const p of claims) {
    const u: Uitkomst = {
      p,
      clientHash: hashVan(p.bsn),
      codes: [],
      toewijzingId: null,
      contractId: null,
      tariefId: null,
      contractTarief: null,
      bovenPlafond: false,
      toegekend: 0,
      voorwaarden: [],
    };
    uitkomsten.push(u);
    if (stand.eerder.has(p.referentie) || gebruikt.has(p.referentie)) u.codes.push('8021');
    gebruikt.add(p.referentie);
    if (p.dc === 'C') {
      // A credit is an exact copy of an accepted debit (IV085); it is only refused when that debit
      // is unknown (TR323) or already credited (TR390).
      const debet = p.vorige ? stand.eerder.get(p.vorige) : undefined;
      if (!debet || debet.debet_credit !== 'D' || !debet.toegekend) u.codes.push('8017');
      else if (stand.gecrediteerd.has(p.vorige as string)) u.codes.push('9390');
      if (debet) Object.assign(u, { toewijzingId: debet.toewijzing_id, contractId: debet.contract_id, tariefId: debet.tarief_id, contractTarief: debet.contract_tarief_centen });
      if (!u.codes.length) {
        u.toegekend = -p.bedrag;
        stand.gecrediteerd.add(p.vorige as string);
        stand.openDebet.sluit(p.vorige as string);
        if (u.toewijzingId) {
          const l = lopend.get(u.toewijzingId) ?? { basis: 0, centen: 0 };
          lopend.set(u.toewijzingId, { basis: l.basis - basis(p.volume, p.eenheid), centen: l.centen - p.bedrag });
        }
        if (u.contractId) plafondLopend.set(`${u.contractId}/${p.begin.slice(0, 4)}`, (plafondLopend.get(`${u.contractId}/${p.begin.slice(0, 4)}`) ?? 0) - p.bedrag);
      }
      continue;
    }
    const tw = stand.toewijzingen.get(p.toewijzingNummer);
    if (!tw || tw.aanbieder_agb !== agb) {
      // TR338 → 9338: not linked to a toewijzing of this provider; nothing else can be judged.
      u.codes.push('9338');
      continue;
    }
    const cp = contractProduct(stand, tw, p);
    const tarief = tariefVan(cp, p);
    u.toewijzingId = tw.id;
    u.contractId = cp?.contract_id ?? tw.contract_id;
    u.tariefId = tarief?.id ?? null;
    u.contractTarief = tarief?.c ?? null;
    const sleutelDebet = debetSleutel(p.toewijzingNummer, p.begin, p.eind, p.categorie, p.code);
    const b: Beoordeling = { p, tw, cp, tarief, declaratieEind: periodeEind, clientHash: u.clientHash, stand, lopend, debetSleutel: sleutelDebet };
    for (const regel of REGELS) for (const code of regel(b)) if (!u.codes.includes(code)) u.codes.push(code);
    if (cp?.declaraties_aanhouden) aanhouden = true;
    // Made only for a prestatie whose outcome may come from a contract condition (most have none).
    const verdenking = (): Verdenking => ({
      codes: u.codes,
      contractId: u.contractId,
      gecontracteerd: cp !== undefined,
      tariefGevonden: tarief !== undefined,
      aspecifiek: tw.product_code === null,
      eenheidVanContract: tw.eenheid === null && cp !== undefined,
      begin: p.begin,
      eind: p.eind,
      geclaimdTarief: p.tarief,
      contractTarief: tarief?.c ?? null,
      minutenTegenUren: p.eenheid === '01' && cp?.eenheid === '04',
    });
    if (u.codes.length) {
      const v = verdenking();
      if (heeftVerdenking(v)) verdacht.push([u, v]);
      continue;
    }
    // The region's budget ceiling for the contract and year: reject (9369) or grant with an alert.
    const sleutel = `${u.contractId}/${p.begin.slice(0, 4)}`;
    const plafond = stand.plafonds.get(sleutel);
    if (plafond && plafond.besteed + (plafondLopend.get(sleutel) ?? 0) + p.bedrag > plafond.bedrag) {
      const afgewezen = cp?.plafond_beleid !== 'signaleren';
      verdacht.push([u, { ...verdenking(), plafond: { afgewezen, jaar: p.begin.slice(0, 4), bedrag: plafond.bedrag } }]);
      if (!afgewezen) u.bovenPlafond = true;
      else {
        u.codes.push('9369');
        continue;
      }
    }
    u.toegekend = p.bedrag;
    plafondLopend.set(sleutel, (plafondLopend.get(sleutel) ?? 0) + p.bedrag);
    const l = lopend.get(tw.id) ?? { basis: 0, centen: 0 };
    lopend.set(tw.id, { basis: l.basis + basis(p.volume, p.eenheid), centen: l.centen + p.bedrag });
    stand.openDebet.set(sleutelDebet, p.referentie);
  }
  if (verdacht.length) {
    // One statement for the contracts of every such prestatie; none when nothing came from a contract.
    const ids = [...new Set(verdacht.flatMap(([, v]) => (v.contractId ? [v.contractId] : [])))];
    const contracten = new Map(
      (ids.length
        ? await prepared<VoorwaardeContract>(
            c.em,
            `SELECT id, nummer, perceel, to_char(begindatum, 'YYYY-MM-DD') AS begindatum, to_char(einddatum, 'YYYY-MM-DD') AS einddatum,
                    artikel_looptijd, artikel_perceel, artikel_tarief, artikel_plafond
               FROM contract WHERE id = ANY($1::uuid[])`,
            [ids],
          )
        : []
      ).map((k) => [k.id, k]),
    );
    for (const [u, v] of verdacht) u.voorwaarden = contractvoorwaarden(v, v.contractId ? contracten.get(v.contractId) : undefined);
  }
  return {
    declaratieCodes,
    uitkomsten,
    toegekend: uitkomsten.reduce((s, u) => s + u.toegekend, 0),
    aanhouden: aanhouden || eigenSysteem,
    eigenSysteem,
    toewijzingen: stand.toewijzingen,
  };
}

/**
 * Stores the claim and its judged prestaties (one statement for all prestaties). Returns the
 * declaratie's id. A claim rejected as a whole keeps no prestaties: it counts as not sent.
 */
export async function legDeclaratieVast(c: Niveau3Context, o: DeclaratieOordeel): Promise<{ id: string; status: DeclaratieStatus; aangehouden: boolean }> {
  const d = c.message.bericht.Declaratie as IjwNode;
  const status = o.declaratieCodes.length ? DeclaratieStatus.afgewezen : o.aanhouden ? DeclaratieStatus.aangehouden : DeclaratieStatus.beantwoord;
  const ingediend = (txt(d, 'TotaalIngediendBedrag.DebetCredit') === 'C' ? -1 : 1) * Number(txt(d, 'TotaalIngediendBedrag.TotaalBedrag'));
  const periodeBegin = txt(d, 'DeclaratiePeriode.Begindatum') ?? '';
  const id = randomUUID();
  const codes = o.declaratieCodes.length ? o.declaratieCodes : o.uitkomsten.some((u) => u.codes.length) ? ['0200'] : ['8001'];
  await prepared(
    c.em,
    `INSERT INTO declaratie (id, bericht_id, regio_code, gemeente_code, aanbieder_agb, nummer, periode_begin, periode_eind, ingediend_centen, toegekend_centen,
                             status, retourcodes, aangehouden, aanhoud_reden, uiterlijk)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      id,
      c.bericht.id,
      c.bericht.regioCode,
      c.bericht.gemeenteCode,
      c.bericht.afzender,
      txt(d, 'DeclaratieNummer'),
      periodeBegin,
      txt(d, 'DeclaratiePeriode.Einddatum'),
      ingediend,
      o.declaratieCodes.length ? 0 : o.toegekend,
      status,
      codes,
      o.aanhouden,
      o.eigenSysteem ? 'De gemeente beoordeelt declaraties in haar eigen systeem' : o.aanhouden ? 'Het contract laat declaraties eerst beoordelen' : null,
      // The JW325 is due within 10 working days (OP090x4).
      plusWerkdagen(c.vandaag, 10),
    ],
  );
  if (!o.uitkomsten.length) return { id, status, aangehouden: o.aanhouden };
  // One statement for all prestaties, the rows as one JSON parameter: JSON.stringify is native,
  // where 21 array parameters of 10,000 values each cost node three to five times as much to
  // write (measured), and PostgreSQL reads the JSON as fast as the arrays.
  const rijen = o.uitkomsten.map((u) => ({
    h: u.clientHash,
    r: u.p.referentie,
    v: u.p.vorige,
    dc: u.p.dc,
    tn: u.p.toewijzingNummer,
    tid: u.toewijzingId,
    cid: u.contractId,
    trid: u.tariefId,
    ct: u.contractTarief,
    cat: u.p.categorie,
    code: u.p.code,
    pb: u.p.begin,
    pe: u.p.eind,
    vol: u.p.volume,
    eh: u.p.eenheid,
    tar: u.p.tarief,
    ing: u.p.dc === 'C' ? -u.p.bedrag : u.p.bedrag,
    toe: u.toegekend,
    ok: u.codes.length === 0,
    codes: u.codes,
    bp: u.bovenPlafond,
    // Absent (the column's default, []) when no contract condition applies: the common case writes nothing more.
    ...(u.voorwaarden.length ? { cv: u.voorwaarden } : {}),
  }));
  await prepared(
    c.em,
    `INSERT INTO prestatie (declaratie_id, regio_code, gemeente_code, aanbieder_agb, declaratie_periode, client_hash, referentie_nummer, vorig_referentie_nummer,
                            debet_credit, toewijzing_nummer, toewijzing_id, contract_id, tarief_id, contract_tarief_centen, product_categorie, product_code,
                            periode_begin, periode_eind, volume, eenheid, tarief_centen, ingediend_centen, toegekend_centen, toegekend, retourcodes, boven_plafond, contractvoorwaarden)
     SELECT $1, $2, $3, $4, $5, u.h, u.r, u.v, u.dc, u.tn, u.tid, u.cid, u.trid, u.ct, u.cat, u.code, u.pb, u.pe, u.vol, u.eh, u.tar, u.ing, u.toe, u.ok, u.codes, u.bp,
            coalesce(u.cv, '[]')
       FROM json_to_recordset($6::json) AS u(h char(64), r text, v text, dc char(1), tn int, tid uuid, cid uuid, trid uuid, ct int, cat char(2), code text, pb date,
                                             pe date, vol int, eh char(2), tar int, ing bigint, toe bigint, ok boolean, codes text[], bp boolean, cv jsonb)`,
    [id, c.bericht.regioCode, c.bericht.gemeenteCode, c.bericht.afzender, periodeBegin, JSON.stringify(rijen)],
  );
  return { id, status, aangehouden: o.aanhouden };
}

/** Which of these ToewijzingNummers of a municipality have accepted debit prestaties not credited since. */
export async function metGeaccepteerdePrestaties(em: EntityManager, gemeente: string, nummers: number[]): Promise<number[]> {
  const r = await em.query<{ n: number }[]>(
    `SELECT DISTINCT d.toewijzing_nummer AS n FROM prestatie d
      WHERE d.gemeente_code = $1 AND d.toewijzing_nummer = ANY ($2::int[]) AND d.debet_credit = 'D' AND d.toegekend
        AND NOT EXISTS (SELECT 1 FROM prestatie c WHERE c.aanbieder_agb = d.aanbieder_agb AND c.vorig_referentie_nummer = d.referentie_nummer AND c.toegekend)`,
    [gemeente, nummers],
  );
  return r.map((x) => x.n);
}
