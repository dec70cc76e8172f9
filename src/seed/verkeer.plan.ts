import { isValidBsn } from '../common/bsn';
import { wekenGeraakt } from '../declaratie/beoordeling';
import type { DemoRegio, DemoUitvoeringsvariant } from './demo-types';

/**
 * The demo's year of traffic as a plan: pure, deterministic (a seeded PRNG, a fixed "today"),
 * so the same seed and day give the same clients, the same dates and the same messages.
 * `verkeer.ts` turns the plan into iJw messages and sends them through the hub's inbox.
 *
 * A client's life: a provider's request (JW315, day `aangevraagd`; none for crisis care and
 * certified institutions, which allocate directly), the municipality's allocation (JW301 from its
 * case system, day `toegewezen`, later than the request), the start of care (JW305, on or after
 * the allocation, reported a day or two later), a stop (JW307) with a reason when the care ended,
 * and a claim (JW323) per provider, municipality and month for the care delivered in it.
 */

export interface VerkeerOpties {
  seed: number;
  /** The last day of the traffic (YYYY-MM-DD): nothing is sent after it. */
  vandaag: string;
  /** Clients with a toewijzing per region (plus about one in eight lumpsum clients). */
  clientenPerRegio: number;
  /** No traffic before this day (the first day with tariffs), even when the year reaches back further. */
  eersteDag?: string;
}

/** A product a provider is contracted for in a region (one per provider and product code). */
export interface Aanbod {
  regio: string;
  agb: string;
  contractNummer: string;
  categorie: string;
  code: string;
  eenheid: string;
  variant: DemoUitvoeringsvariant;
  gemeenten: string[];
  /** Last day of the contract: no toewijzing runs past it. */
  contractEinde: string;
}

export interface Omvang {
  volume: number;
  eenheid: string;
  /** WJ757: 1 per day, 2 per week, 6 in total. */
  frequentie: '1' | '2' | '6';
}

export interface PlanClient {
  /** Sequence number in the plan (all regions). */
  nr: number;
  regio: string;
  gemeente: string;
  aanbod: Aanbod;
  omvang: Omvang;
  bsn: string;
  geboortedatum: string;
  geslacht: '1' | '2';
  achternaam: string;
  voornaam: string;
  postcode: string;
  huisnummer: number;
  /** ToewijzingNummer, given by the municipality's case system. */
  nummer: number;
  /** The provider's ReferentieAanbieder of the request; null for a direct allocation. */
  referentie: string | null;
  aangevraagd: string | null;
  /** Toewijzingsdatum (also the Ingangsdatum); after `vandaag`: not allocated yet. */
  toegewezen: string;
  einde: string;
  /** Begindatum of care; after `vandaag`: still waiting. */
  gestart: string;
  startGemeld: string;
  /** Last day of care and its RedenBeeindiging; null while care goes on. */
  gestopt: { datum: string; reden: string; gemeld: string } | null;
}

/** A start of task-oriented care under a lumpsum: no toewijzing (IV096). */
export interface LumpsumStart {
  nr: number;
  regio: string;
  gemeente: string;
  aanbod: Aanbod;
  bsn: string;
  geboortedatum: string;
  geslacht: '1' | '2';
  achternaam: string;
  gestart: string;
  startGemeld: string;
}

export type Gebeurtenis =
  | { dag: string; soort: 'JW315' | 'JW301' | 'JW305' | 'JW307'; client: PlanClient }
  | { dag: string; soort: 'JW305-lumpsum'; start: LumpsumStart }
  | { dag: string; soort: 'JW323'; declaratie: PlanDeclaratie };

export interface PlanPrestatie {
  client: PlanClient;
  begin: string;
  eind: string;
  volume: number;
}

/** One claim: a provider's care of one month for one municipality. */
export interface PlanDeclaratie {
  regio: string;
  agb: string;
  gemeente: string;
  /** YYYY-MM. */
  periode: string;
  prestaties: PlanPrestatie[];
}

export interface VerkeerPlan {
  opties: VerkeerOpties;
  /** First day of the traffic: the first of the month eleven months before today's (not before `eersteDag`'s month). */
  van: string;
  /** The months of the traffic, YYYY-MM, oldest first (at most 12). */
  maanden: string[];
  clienten: PlanClient[];
  lumpsumStarts: LumpsumStart[];
  /** Everything to send, in the order to send it (by day, then as listed). */
  gebeurtenissen: Gebeurtenis[];
  /** Per region the contract that gets a lumpsum, if it has a task-oriented product. */
  lumpsum: Map<string, { contractNummer: string; agb: string; clienten: number }>;
}

/** mulberry32: a small, fast, well-spread 32-bit PRNG; the same seed gives the same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `datum` plus `n` calendar days. */
export function plusDagen(datum: string, n: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const dagenTussen = (van: string, tot: string) => Math.round((Date.parse(`${tot}T00:00:00Z`) - Date.parse(`${van}T00:00:00Z`)) / 86_400_000);
const laatsteVan = (maand: string) => {
  const [y, m] = maand.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** Valid BSNs (11-proef) from 999950000 up: the government's test range 9999xxxxx, never issued to a person. */
function* demoBsns(): Generator<string> {
  for (let n = 50_000; n < 100_000; n++) {
    const s = `9999${String(n).padStart(5, '0')}`;
    if (isValidBsn(s)) yield s;
  }
  throw new Error('demo BSN range exhausted');
}

/** How often a category is allocated, relative to ambulant care (a demo's rough mix). */
const GEWICHT: Record<string, number> = { '40': 1, '41': 2, '43': 1, '44': 1.5, '45': 6, '46': 0.6, '47': 0.8, '48': 1.2, '49': 0.4, '51': 1, '52': 1, '54': 2.5, '55': 0.3 };
/** Allocated without a request: crisis care and the certified institutions' decisions. */
const DIRECT = new Set(['46', '47', '48', '49']);
const ACHTERNAMEN = ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer'];
const VOORNAMEN = ['Noah', 'Emma', 'Liam', 'Julia', 'Luuk', 'Mila', 'Sem', 'Tess', 'Daan', 'Sophie', 'Finn', 'Zoë', 'Levi', 'Nora', 'Milan', 'Sara'];
const POSTCODE: Record<string, string> = { RIOZ: '52', RIGG: '97' };

/** The products of a region its clients can be allocated: one per provider and code, not task-oriented, not a budget product. */
export function aanbodVan(regio: DemoRegio): Aanbod[] {
  const producten = new Map(regio.producten.map((p) => [p.code, p]));
  const gezien = new Set<string>();
  const uit: Aanbod[] = [];
  for (const c of regio.contracten) {
    for (const cp of c.producten) {
      const p = producten.get(cp.productCode);
      if (!p || p.uitvoeringsvariant === 'taakgericht' || p.eenheid === '83' || (p.eenheid === '82' && p.uitvoeringsvariant !== 'outputgericht')) continue;
      if (!(p.categorie in GEWICHT) || gezien.has(`${c.aanbiederAgb}/${p.code}`)) continue;
      gezien.add(`${c.aanbiederAgb}/${p.code}`);
      uit.push({ regio: regio.code, agb: c.aanbiederAgb, contractNummer: c.nummer, categorie: p.categorie, code: p.code, eenheid: p.eenheid, variant: p.uitvoeringsvariant, gemeenten: c.gemeenten, contractEinde: c.einddatum });
    }
  }
  return uit;
}

/** The volume a toewijzing of this product gets, per its unit. */
function omvangVoor(a: Aanbod, r: () => number): Omvang {
  if (a.variant === 'outputgericht') return { volume: 1, eenheid: a.eenheid, frequentie: '6' };
  switch (a.eenheid) {
    case '14':
      // Eenheid 14 goes with a week, a month or a total (CS338): seven days a week.
      return { volume: 7, eenheid: '14', frequentie: '2' };
    case '16':
      return { volume: 2 + Math.floor(r() * 4), eenheid: '16', frequentie: '2' };
    case '01':
      return { volume: 60 + 30 * Math.floor(r() * 4), eenheid: '01', frequentie: '2' };
    default:
      return { volume: 1 + Math.floor(r() * 4), eenheid: a.eenheid, frequentie: '2' };
  }
}

function kies<T>(r: () => number, lijst: readonly T[], gewicht: (x: T) => number): T {
  const totaal = lijst.reduce((s, x) => s + gewicht(x), 0);
  let u = r() * totaal;
  for (const x of lijst) if ((u -= gewicht(x)) < 0) return x;
  return lijst[lijst.length - 1];
}

/** Days of wait from allocation to start: mostly 1–5 weeks, a long tail past the 9-week norm. */
const wachtNaToewijzing = (r: () => number) => Math.min(150, 2 + Math.floor(-Math.log(1 - r()) * 24));

/**
 * The plan of a year of traffic for the regions: `clientenPerRegio` clients each, requested on
 * days spread over the year up to `vandaag`, and claims for every whole month before today's.
 */
export function planVerkeer(regios: DemoRegio[], o: VerkeerOpties): VerkeerPlan {
  const r = prng(o.seed);
  const [jaar, maand] = o.vandaag.split('-').map(Number);
  const maanden = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(jaar, maand - 12 + i, 1)).toISOString().slice(0, 7)).filter(
    (m) => !o.eersteDag || `${m}-01` >= o.eersteDag.slice(0, 7) + '-01',
  );
  const van = `${maanden[0]}-01`;
  const venster = dagenTussen(van, o.vandaag);
  const bsns = demoBsns();
  const clienten: PlanClient[] = [];
  const lumpsumStarts: LumpsumStart[] = [];
  const lumpsum = new Map<string, { contractNummer: string; agb: string; clienten: number }>();
  let nr = 0;

  for (const regio of regios) {
    const aanbod = aanbodVan(regio);
    if (!aanbod.length) continue;
    const gemeenten = regio.gemeenten.filter((g) => !g.geldigTot || g.geldigTot >= van);
    for (let i = 0; i < o.clientenPerRegio; i++) {
      const gemeente = kies(r, gemeenten, (g) => g.inwoners).code;
      const keuze = aanbod.filter((a) => a.gemeenten.includes(gemeente));
      const a = kies(r, keuze, (x) => GEWICHT[x.categorie] / keuze.filter((y) => y.categorie === x.categorie).length);
      const direct = DIRECT.has(a.categorie) || r() < 0.15;
      // Requests over the whole year, the last ones a few days before today.
      const aangevraagd = plusDagen(van, Math.floor(r() * (venster - 2)));
      const toegewezen = a.categorie === '46' ? aangevraagd : plusDagen(aangevraagd, direct ? 0 : 1 + Math.floor(r() * 13));
      const wacht = a.categorie === '46' ? 0 : wachtNaToewijzing(r);
      const gestart = plusDagen(toegewezen, wacht);
      // A JW305 always follows the JW301's day, so the allocation is judged first.
      const startGemeld = plusDagen(gestart, Math.max(wacht === 0 ? 1 : 0, Math.floor(r() * 3)));
      const maandenZorg = a.variant === 'outputgericht' ? 6 : [3, 6, 6, 9, 12][Math.floor(r() * 5)];
      // The toewijzing runs from its allocation until the care's planned end.
      const einde = min(plusDagen(gestart, Math.round(maandenZorg * 30.4) - 1), a.contractEinde);
      let gestopt: PlanClient['gestopt'];
      const u = r();
      const voortijdig = plusDagen(gestart, 20 + Math.floor(r() * Math.max(1, dagenTussen(gestart, einde) - 20)));
      if (u < 0.18 && voortijdig < einde) gestopt = { datum: voortijdig, reden: ['32', '33', '34', '35'][Math.floor(r() * 4)], gemeld: '' };
      else if (u < 0.25 && voortijdig < einde) gestopt = { datum: voortijdig, reden: ['02', '36', '37', '38', '39'][Math.floor(r() * 5)], gemeld: '' };
      else gestopt = { datum: einde, reden: '31', gemeld: '' };
      gestopt.gemeld = plusDagen(gestopt.datum, Math.floor(r() * 4));
      if (gestopt.datum > o.vandaag) gestopt = null;
      else if (gestopt.gemeld > o.vandaag) gestopt.gemeld = o.vandaag;
      const geslacht = r() < 0.55 ? '1' : '2';
      nr += 1;
      clienten.push({
        nr,
        regio: regio.code,
        gemeente,
        aanbod: a,
        omvang: omvangVoor(a, r),
        bsn: bsns.next().value as string,
        geboortedatum: plusDagen(`${jaar - 17}-01-01`, Math.floor(r() * 16 * 365)),
        geslacht,
        achternaam: ACHTERNAMEN[Math.floor(r() * ACHTERNAMEN.length)],
        voornaam: VOORNAMEN[Math.floor(r() * VOORNAMEN.length)],
        postcode: `${POSTCODE[regio.code] ?? '10'}${String(10 + Math.floor(r() * 90))}${'ABCDEFGHJK'[Math.floor(r() * 10)]}${'LMNPRSTVWX'[Math.floor(r() * 10)]}`,
        huisnummer: 1 + Math.floor(r() * 180),
        nummer: 800_000 + nr,
        referentie: direct ? null : `DMV${nr}`,
        aangevraagd: direct ? null : aangevraagd,
        toegewezen,
        einde,
        gestart,
        startGemeld,
        gestopt: gestart > o.vandaag || startGemeld > o.vandaag ? null : gestopt,
      });
    }

    // The lumpsum: the region's task-oriented contract for light care, its clients starting over the year.
    const producten = new Map(regio.producten.map((p) => [p.code, p]));
    const lc = regio.contracten.find((c) => /lumpsum/i.test(c.perceel) && c.producten.some((cp) => producten.get(cp.productCode)?.uitvoeringsvariant === 'taakgericht'));
    if (lc) {
      const p = producten.get(lc.producten.find((cp) => producten.get(cp.productCode)?.uitvoeringsvariant === 'taakgericht')!.productCode)!;
      const a: Aanbod = { regio: regio.code, agb: lc.aanbiederAgb, contractNummer: lc.nummer, categorie: p.categorie, code: p.code, eenheid: p.eenheid, variant: 'taakgericht', gemeenten: lc.gemeenten, contractEinde: lc.einddatum };
      const n = Math.max(2, Math.round(o.clientenPerRegio / 8));
      lumpsum.set(regio.code, { contractNummer: lc.nummer, agb: lc.aanbiederAgb, clienten: n });
      for (let i = 0; i < n; i++) {
        const gemeente = kies(r, regio.gemeenten.filter((g) => lc.gemeenten.includes(g.code)), (g) => g.inwoners).code;
        const gestart = plusDagen(van, Math.floor(r() * (venster - 3)));
        nr += 1;
        lumpsumStarts.push({
          nr,
          regio: regio.code,
          gemeente,
          aanbod: a,
          bsn: bsns.next().value as string,
          geboortedatum: plusDagen(`${jaar - 17}-01-01`, Math.floor(r() * 16 * 365)),
          geslacht: r() < 0.55 ? '1' : '2',
          achternaam: ACHTERNAMEN[Math.floor(r() * ACHTERNAMEN.length)],
          gestart,
          startGemeld: plusDagen(gestart, 1 + Math.floor(r() * 2)),
        });
      }
    }
  }

  const gebeurtenissen: Gebeurtenis[] = [];
  for (const c of clienten) {
    if (c.aangevraagd) gebeurtenissen.push({ dag: c.aangevraagd, soort: 'JW315', client: c });
    if (c.toegewezen <= o.vandaag) gebeurtenissen.push({ dag: c.toegewezen, soort: 'JW301', client: c });
    if (c.startGemeld <= o.vandaag) gebeurtenissen.push({ dag: c.startGemeld, soort: 'JW305', client: c });
    if (c.gestopt) gebeurtenissen.push({ dag: c.gestopt.gemeld, soort: 'JW307', client: c });
  }
  for (const s of lumpsumStarts) if (s.startGemeld <= o.vandaag) gebeurtenissen.push({ dag: s.startGemeld, soort: 'JW305-lumpsum', start: s });

  // Claims: per provider, municipality and whole month, sent 3 to 7 days after the month.
  for (const m of maanden) {
    const begin = `${m}-01`;
    const eind = laatsteVan(m);
    const dag = plusDagen(eind, 3 + Math.floor(r() * 5));
    if (dag > o.vandaag) continue;
    const per = new Map<string, PlanDeclaratie>();
    for (const c of clienten) {
      if (c.startGemeld > o.vandaag || c.gestart > eind || c.startGemeld >= dag) continue;
      // The ProductPeriode follows the toewijzing (TR387/TR388: the whole month, or from its
      // Ingangsdatum, to its Einddatum); the volume is what was delivered between start and stop.
      const periodeVan = max(begin, c.toegewezen);
      const periodeTot = min(eind, c.einde);
      const vanaf = max(begin, c.gestart);
      const tot = min(periodeTot, c.gestopt?.datum ?? periodeTot);
      if (vanaf > tot || periodeVan > periodeTot) continue;
      // Output: the whole product once, in the month care started.
      if (c.omvang.frequentie === '6' && c.gestart < begin) continue;
      const volume = geleverd(c.omvang, vanaf, tot, r);
      if (volume <= 0) continue;
      const sleutel = `${c.aanbod.agb}/${c.gemeente}`;
      const d = per.get(sleutel) ?? { regio: c.regio, agb: c.aanbod.agb, gemeente: c.gemeente, periode: m, prestaties: [] };
      d.prestaties.push({ client: c, begin: periodeVan, eind: periodeTot, volume });
      per.set(sleutel, d);
    }
    for (const d of per.values()) gebeurtenissen.push({ dag, soort: 'JW323', declaratie: d });
  }

  const volgorde: Record<Gebeurtenis['soort'], number> = { JW301: 0, JW315: 1, JW305: 2, 'JW305-lumpsum': 2, JW307: 3, JW323: 4 };
  gebeurtenissen.sort((x, y) => (x.dag < y.dag ? -1 : x.dag > y.dag ? 1 : volgorde[x.soort] - volgorde[y.soort]));
  return { opties: o, van, maanden, clienten, lumpsumStarts, gebeurtenissen, lumpsum };
}

/** What a provider delivered over [van, tot]: at most what the toewijzing allows (TR321), mostly a bit less. */
function geleverd(o: Omvang, van: string, tot: string, r: () => number): number {
  const dagen = dagenTussen(van, tot) + 1;
  switch (o.frequentie) {
    case '1':
      return dagen * o.volume;
    case '6':
      return o.volume;
    case '2':
      // Residential care is every day; other care a little less than allocated.
      if (o.eenheid === '14') return dagen;
      return Math.min(wekenGeraakt(van, tot) * o.volume, Math.max(1, Math.round((dagen / 7) * o.volume * (0.75 + r() * 0.25))));
  }
}
