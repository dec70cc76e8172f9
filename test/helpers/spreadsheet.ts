import { Readable } from 'node:stream';
import { Workbook, type CellValue, type Worksheet } from 'exceljs';

/** A cell as a Dutch spreadsheet reads it: a number, a date, text, or empty. */
export type NlCel = number | Date | string | null;

/** A CSV file as a Dutch Excel or LibreOffice opens it. */
export interface NlCsv {
  /** The file began with a UTF-8 byte order mark. */
  bom: boolean;
  koppen: string[];
  /** Per row, header → cell. */
  rijen: Record<string, NlCel>[];
}

/**
 * How Excel-nl reads a cell on opening a CSV: `.` is the thousands separator and `,` the
 * decimal one (so `764.00` becomes 76400 and `764,00` 764), an ISO day is a date, the rest text.
 */
export function nlCel(tekst: string): NlCel {
  if (tekst === '') return null;
  if (/^-?[\d.]+(,\d+)?$/.test(tekst) && /\d/.test(tekst)) return Number(tekst.replace(/\./g, '').replace(',', '.'));
  if (/^\d{4}-\d{2}-\d{2}$/.test(tekst)) return new Date(`${tekst}T00:00:00Z`);
  return tekst;
}

/** Reads a CSV export with exceljs's CSV reader configured like Dutch Excel: `;` between cells, decimal comma. */
export async function leesCsvNl(body: ArrayBuffer | Buffer): Promise<NlCsv> {
  const buf = Buffer.from(body as ArrayBuffer);
  const bom = buf.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  // Excel drops the mark on reading; fast-csv would keep it in the first header.
  const tekst = buf.subarray(bom ? 3 : 0).toString('utf8');
  const ws: Worksheet = await new Workbook().csv.read(Readable.from([tekst]), {
    parserOptions: { delimiter: ';', quote: '"', escape: '"' },
    map: (v: string) => nlCel(v),
  });
  const rijen: NlCel[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cellen: NlCel[] = [];
    for (let i = 1; i <= ws.columnCount; i++) cellen.push(alsNl(row.getCell(i).value));
    rijen.push(cellen);
  });
  const koppen = (rijen.shift() ?? []).map((k) => String(k ?? ''));
  return { bom, koppen, rijen: rijen.map((r) => Object.fromEntries(koppen.map((k, i) => [k, r[i] ?? null]))) };
}

function alsNl(v: CellValue): NlCel {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Date) return v;
  return JSON.stringify(v);
}

/** Reads an XLSX workbook back with exceljs. */
export async function leesXlsx(body: ArrayBuffer | Buffer): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(body as ArrayBuffer) as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as header → cell value, with each cell's number format. */
export function bladRijen(ws: Worksheet): { koppen: string[]; rijen: Record<string, { waarde: CellValue; formaat: string | undefined }>[] } {
  const koppen: string[] = [];
  ws.getRow(1).eachCell((c, i) => (koppen[i - 1] = c.text));
  const rijen: Record<string, { waarde: CellValue; formaat: string | undefined }>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    rijen.push(Object.fromEntries(koppen.map((k, i) => [k, { waarde: row.getCell(i + 1).value, formaat: row.getCell(i + 1).numFmt }])));
  });
  return { koppen, rijen };
}
