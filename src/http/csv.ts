/**
 * The one table writer of every export. A column declares its kind, so its formatting cannot be
 * forgotten; the same columns write CSV (here) and XLSX (`xlsx.ts`).
 *
 * ```ts
 * const kolommen = tabel<Rij>(
 *   kolom.tekst('factuurnummer', (r) => r.factuurnummer),
 *   kolom.codeNaam('gemeente_code', 'gemeente_naam', (r) => r.gemeente_code, (r) => r.gemeente_naam),
 *   kolom.datum('maand', (r) => r.maand),
 *   kolom.bedrag('toegekend_euro', (r) => r.toegekend_centen),
 * );
 * res.type(CSV_TYPE).send(schrijfCsv(kolommen, rijen));
 * ```
 *
 * What a Dutch Excel and LibreOffice read right on opening: UTF-8 with a byte order mark (else
 * Excel reads ë as Ã«), `;` between cells (the Dutch list separator), CRLF, amounts in euros with a
 * decimal comma and two decimals and no thousands separator (`-1234,50`), other numbers with a
 * decimal comma (`17,5`), dates as ISO `yyyy-mm-dd` (the one notation both read as a date in every
 * locale; `dd-mm-jjjj` is swapped in an English one), and headers in snake_case Dutch.
 */

/** A value as it comes from the database: pg gives bigint and numeric as text. */
type Getal = number | string | null | undefined;

interface KolomBasis<R, T> {
  /** Header: snake_case Dutch (`gemeente_naam`, `toegekend_euro`). */
  readonly kop: string;
  readonly waarde: (r: R) => T;
}

/** A column of text (also codes, numbers that are identifiers: invoice numbers, AGB codes). */
export interface TekstKolom<R> extends KolomBasis<R, string | null | undefined> { readonly soort: 'tekst' }
/** An amount: the value is in eurocents (an integer), written in euros. */
export interface BedragKolom<R> extends KolomBasis<R, Getal> { readonly soort: 'bedrag' }
/** A calendar day: `YYYY-MM-DD` (or a Date, read as UTC). */
export interface DatumKolom<R> extends KolomBasis<R, string | Date | null | undefined> { readonly soort: 'datum' }
/** A count or measure (clients, days, volume): written with a decimal comma. */
export interface AantalKolom<R> extends KolomBasis<R, Getal> { readonly soort: 'aantal' }

export type Kolom<R> = TekstKolom<R> | BedragKolom<R> | DatumKolom<R> | AantalKolom<R>;
export type KolomSoort = Kolom<unknown>['soort'];

const KOP = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The column constructors; `codeNaam` gives two columns: a code and, after it, its name. */
export const kolom = {
  tekst: <R>(kop: string, waarde: (r: R) => string | null | undefined): Kolom<R> => ({ soort: 'tekst', kop, waarde }),
  bedrag: <R>(kop: string, centen: (r: R) => Getal): Kolom<R> => ({ soort: 'bedrag', kop, waarde: centen }),
  datum: <R>(kop: string, waarde: (r: R) => string | Date | null | undefined): Kolom<R> => ({ soort: 'datum', kop, waarde }),
  aantal: <R>(kop: string, waarde: (r: R) => Getal): Kolom<R> => ({ soort: 'aantal', kop, waarde }),
  codeNaam: <R>(codeKop: string, naamKop: string, code: (r: R) => string | null | undefined, naam: (r: R) => string | null | undefined): Kolom<R>[] => [
    { soort: 'tekst', kop: codeKop, waarde: code },
    { soort: 'tekst', kop: naamKop, waarde: naam },
  ],
};

/** The columns of one table, in order; refuses a header not in snake_case or named twice. */
export function tabel<R>(...kolommen: (Kolom<R> | Kolom<R>[])[]): Kolom<R>[] {
  const lijst = kolommen.flat();
  const gezien = new Set<string>();
  for (const k of lijst) {
    if (!KOP.test(k.kop)) throw new Error(`Kolomkop ${k.kop} is geen snake_case`);
    if (gezien.has(k.kop)) throw new Error(`Kolomkop ${k.kop} staat er twee keer`);
    gezien.add(k.kop);
  }
  return lijst;
}

/** Eurocents as a number of cents, or null; refuses what is not a whole number of cents. */
export function centenVan(v: Getal): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`Bedrag ${String(v)} is geen geheel aantal centen`);
  return n;
}

/** A number, or null. */
export function getalVan(v: Getal): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw new Error(`${String(v)} is geen getal`);
  return n;
}

/** A calendar day as `YYYY-MM-DD`, or null. */
export function datumVan(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`${String(v)} is geen datum`);
  return s;
}

/** Eurocents in euros, decimal comma, two decimals, no thousands separator: 76400 → `764,00`, -5 → `-0,05`. */
export function euro(centen: number): string {
  const abs = Math.abs(centen);
  return `${centen < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A number with a decimal comma: 17.5 → `17,5`. */
export function decimaal(n: number): string {
  return String(n).replace('.', ',');
}

/** Text a spreadsheet would read as a formula (or as a cell-splitting control character). */
const FORMULE = /^[=+\-@\t\r]/;

/**
 * One text cell: text that would start a formula gets a leading single quote (OWASP "CSV
 * injection"), so `=HYPERLINK(...)` reaches the spreadsheet as text. Quoted (RFC 4180) when it
 * holds ; " CR or LF.
 */
export function csvTekst(v: string | null | undefined): string {
  let s = v ?? '';
  if (FORMULE.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One cell by its column's kind. Numbers are written by the hub itself, so never neutralised: a credit of -1234,00 must add up. */
export function csvCel<R>(k: Kolom<R>, r: R): string {
  switch (k.soort) {
    case 'tekst':
      return csvTekst(k.waarde(r));
    case 'bedrag': {
      const c = centenVan(k.waarde(r));
      return c === null ? '' : euro(c);
    }
    case 'aantal': {
      const n = getalVan(k.waarde(r));
      return n === null ? '' : decimaal(n);
    }
    case 'datum':
      return datumVan(k.waarde(r)) ?? '';
  }
}

/** Content type of every CSV export. */
export const CSV_TYPE = 'text/csv; charset=utf-8';

const BOM = '\uFEFF';

/** The CSV file: byte order mark, header line, a line per row, `;` and CRLF. */
export function schrijfCsv<R>(kolommen: readonly Kolom<R>[], rijen: Iterable<R>): string {
  const regels = [kolommen.map((k) => csvTekst(k.kop)).join(';')];
  for (const r of rijen) regels.push(kolommen.map((k) => csvCel(k, r)).join(';'));
  return BOM + regels.join('\r\n') + '\r\n';
}
