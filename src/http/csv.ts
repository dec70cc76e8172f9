/** A cell as read from the database or a report: text, a number, or nothing. */
export type CsvCel = string | number | null | undefined;

/** Text a spreadsheet would read as a formula (or as a cell-splitting control character). */
const FORMULE = /^[=+\-@\t\r]/;
/** A plain decimal number, negative or not: written as is in a numeric column. */
const GETAL = /^-?\d+(\.\d+)?$/;

/**
 * One cell: numbers in a numeric column stay numbers (a credit of -1234 must add up); any other
 * text that would start a formula gets a leading single quote (OWASP "CSV injection"), so
 * `=HYPERLINK(...)` reaches the spreadsheet as text. Quoted when it holds ; " CR or LF.
 */
export function csvCel(v: CsvCel, numeriek = false): string {
  let s = v === null || v === undefined ? '' : String(v);
  const getal = numeriek && (typeof v === 'number' ? Number.isFinite(v) : GETAL.test(s));
  if (!getal && FORMULE.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The one CSV writer of every export: semicolon-separated (Dutch spreadsheets), a header line,
 * CRLF line ends. `getallen` names the numeric columns; every other column is text.
 */
export function toCsv(rows: Record<string, CsvCel>[], kolommen: readonly string[], getallen: ReadonlySet<string>): string {
  const regels = rows.map((r) => kolommen.map((k) => csvCel(r[k], getallen.has(k))).join(';'));
  return [kolommen.map((k) => csvCel(k)).join(';'), ...regels].join('\r\n') + '\r\n';
}
