/**
 * The claim rules of iJw 3.2 (ijw-3.2.md §4.6) as pure functions: what one prestatie may claim
 * against its toewijzing and contract. The database work (finding the toewijzing, the tariff,
 * earlier prestaties) is in declaratie.verwerking.ts; these functions only judge.
 */

const DAG = 86_400_000;
/** Parsed dates: a claim judges the same few dates thousands of times. Bounded, so no input can grow it. */
const geparst = new Map<string, number>();
const ms = (d: string): number => {
  let t = geparst.get(d);
  if (t === undefined) {
    t = Date.parse(`${d}T00:00:00Z`);
    if (geparst.size >= 4096) geparst.clear();
    geparst.set(d, t);
  }
  return t;
};
const datum = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Days from `van` to `tot`, both included. */
export function dagen(van: string, tot: string): number {
  return Math.round((ms(tot) - ms(van)) / DAG) + 1;
}

export function eersteVanMaand(d: string): string {
  return `${d.slice(0, 7)}-01`;
}

export function laatsteVanMaand(d: string): string {
  const maand = d.slice(0, 7);
  let l = laatsteDagen.get(maand);
  if (l === undefined) {
    l = datum(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0));
    if (laatsteDagen.size >= 4096) laatsteDagen.clear();
    laatsteDagen.set(maand, l);
  }
  return l;
}
/** The last day per month (YYYY-MM), as ms() caches parsed dates. */
const laatsteDagen = new Map<string, string>();

/** ISO weekday: 1 Monday … 7 Sunday. */
function weekdag(d: string): number {
  // Day 0 of the epoch (1970-01-01) was a Thursday (4); getUTCDay without a Date object.
  const zondag0 = (((Math.floor(ms(d) / DAG) + 4) % 7) + 7) % 7;
  return ((zondag0 + 6) % 7) + 1;
}

/** The number of (possibly partial) ISO calendar weeks that touch [van, tot] (inspanning, IV076). */
export function wekenGeraakt(van: string, tot: string): number {
  const maandagVan = ms(van) - (weekdag(van) - 1) * DAG;
  const maandagTot = ms(tot) - (weekdag(tot) - 1) * DAG;
  return Math.round((maandagTot - maandagVan) / (7 * DAG)) + 1;
}

/** Sundays in [van, tot] (output, IV077). */
export function zondagen(van: string, tot: string): number {
  const eersteZondag = ms(van) + ((7 - weekdag(van)) % 7) * DAG;
  if (eersteZondag > ms(tot)) return 0;
  return Math.floor((ms(tot) - eersteZondag) / (7 * DAG)) + 1;
}

/** The last Sunday on or before `d`. */
function zondagVoor(d: string): string {
  return datum(ms(d) - (weekdag(d) % 7) * DAG);
}

/** Calendar months touched by [van, tot]. */
export function maandenGeraakt(van: string, tot: string): number {
  return (Number(tot.slice(0, 4)) - Number(van.slice(0, 4))) * 12 + Number(tot.slice(5, 7)) - Number(van.slice(5, 7)) + 1;
}

/** What a prestatie is judged against: the toewijzing's Omvang/Budget and the contracted variant. */
export interface Toegewezen {
  ingangsdatum: string;
  einddatum: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  budget: number | null;
  variant: string;
}

/**
 * The factor that turns the toewijzing's volume into the prestatie's unit: minutes may be
 * claimed against hours (TR341); otherwise the units must be equal (undefined: they do not fit).
 */
export function eenheidFactor(toegewezen: string, geclaimd: string): number | undefined {
  if (toegewezen === geclaimd) return 1;
  if (toegewezen === '04' && geclaimd === '01') return 60;
  return undefined;
}

/**
 * TR321: the most one prestatie over `periode` may claim, in the toewijzing's unit; undefined
 * when the toewijzing has no Omvang (then only a Budget or nothing limits it).
 */
export function maxPerPrestatie(t: Toegewezen, begin: string, eind: string): number | undefined {
  if (t.volume === null) return undefined;
  switch (t.frequentie ?? '') {
    case '1':
      return dagen(begin, eind) * t.volume;
    case '2': {
      if (t.variant !== 'outputgericht') return wekenGeraakt(begin, eind) * t.volume;
      // Output: Sundays × weekly volume, plus the broken last week in the period that holds the
      // toewijzing's last Sunday when it does not end on a Sunday (IV077).
      let weken = zondagen(begin, eind);
      if (t.einddatum && weekdag(t.einddatum) !== 7) {
        const laatste = zondagVoor(t.einddatum);
        const houder = laatste < t.ingangsdatum ? t.einddatum : laatste;
        if (houder >= begin && houder <= eind) weken += 1;
      }
      return weken * t.volume;
    }
    default:
      // Per month (4): one prestatie lies within one month; in total (6): the whole volume.
      return t.volume;
  }
}

/** TR322: the most all prestaties of the toewijzing together may claim; undefined when open-ended. */
export function maxTotaal(t: Toegewezen): number | undefined {
  if (t.volume === null) return undefined;
  if (t.frequentie === '6') return t.volume;
  if (!t.einddatum) return undefined;
  switch (t.frequentie ?? '') {
    case '1':
      return dagen(t.ingangsdatum, t.einddatum) * t.volume;
    case '2':
      return t.variant === 'outputgericht'
        ? (zondagen(t.ingangsdatum, t.einddatum) + (weekdag(t.einddatum) === 7 ? 0 : 1)) * t.volume
        : wekenGeraakt(t.ingangsdatum, t.einddatum) * t.volume;
    case '4':
      return maandenGeraakt(t.ingangsdatum, t.einddatum) * t.volume;
    default:
      return undefined;
  }
}

/**
 * TR307/TR308/TR387/TR388: the codes for a ProductPeriode against the toewijzing. It begins on
 * the 1st unless the toewijzing begins later that month (then on its Ingangsdatum), and ends on
 * the month's last day unless the toewijzing ends earlier (then on its Einddatum).
 */
export function periodeCodes(t: { ingangsdatum: string; einddatum: string | null }, begin: string, eind: string): string[] {
  const codes: string[] = [];
  if (begin < t.ingangsdatum) codes.push('9307');
  if (t.einddatum !== null && eind > t.einddatum) codes.push('9308');
  const verwachtBegin = t.ingangsdatum > eersteVanMaand(begin) ? t.ingangsdatum : eersteVanMaand(begin);
  if (!codes.includes('9307') && begin !== verwachtBegin) codes.push('9387');
  const verwachtEind = t.einddatum !== null && t.einddatum < laatsteVanMaand(eind) ? t.einddatum : laatsteVanMaand(eind);
  if (!codes.includes('9308') && eind !== verwachtEind) codes.push('9388');
  return codes;
}

/** Half-up rounding to whole eurocents (IV081). */
export function rondAf(centen: number): number {
  return Math.floor(centen + 0.5);
}

/**
 * TR346 (9346) and TR418 (0611): the amount against volume × tariff and the tariff against the
 * contract. Minutes claimed against an hourly contract tariff are priced at
 * round(hourly × minutes / 60); the per-minute tariff in the message is then only informative.
 * `contractTarief` undefined: nothing contracted for this product in this period.
 */
export function bedragCodes(
  p: { eenheid: string; volume: number; tarief: number | null; bedrag: number },
  contract: { eenheid: string; tarief: number | undefined },
): string[] {
  if (p.eenheid === '83') return [];
  if (contract.tarief === undefined) return ['0611'];
  if (p.eenheid === '01' && contract.eenheid === '04') return p.bedrag === rondAf((contract.tarief * p.volume) / 60) ? [] : ['0611'];
  const codes: string[] = [];
  if (p.tarief === null || p.bedrag !== p.volume * p.tarief) codes.push('9346');
  if (p.tarief !== contract.tarief) codes.push('0611');
  return codes;
}

/** The next calendar month's first day. */
export function volgendeMaand(d: string): string {
  return datum(ms(laatsteVanMaand(d)) + DAG);
}

/**
 * TR318 (8214): a DeclaratiePeriode follows the previous one. The same month again is a
 * correction (OP284); a later month may skip months only when no care was delivered in them:
 * a prestatie of this claim in a skipped month shows that care was delivered.
 */
export function periodeVolgt(vorige: string | undefined, huidige: string, productMaanden: string[]): boolean {
  if (!vorige) return true;
  if (huidige < vorige) return false;
  if (huidige === vorige || huidige === volgendeMaand(vorige)) return true;
  return !productMaanden.some((m) => m > vorige && m < huidige);
}
