import type { Writable } from 'node:stream';
import { stream } from 'exceljs';
import { centenVan, datumVan, getalVan, type Kolom, type KolomSoort } from './csv';

/** Content type of an XLSX workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Number formats per column kind (format codes are locale-neutral; Excel shows them in the reader's locale). */
export const XLSX_FORMAAT: Record<KolomSoort, string | undefined> = {
  tekst: undefined,
  bedrag: '"€" #,##0.00;"€" -#,##0.00',
  datum: 'yyyy-mm-dd',
  aantal: undefined,
};

type Cel = string | number | Date | null;

/** One sheet: its name, headers, kinds and rows of cell values (typed, not text). */
export interface Blad {
  naam: string;
  koppen: string[];
  soorten: KolomSoort[];
  rijen: Cel[][];
}

/** The cell value of a column: a number for amounts (euros) and counts, a Date (UTC midnight) for a day, text otherwise. */
function cel<R>(k: Kolom<R>, r: R): Cel {
  switch (k.soort) {
    case 'tekst':
      return k.waarde(r) ?? null;
    case 'bedrag': {
      const c = centenVan(k.waarde(r));
      return c === null ? null : c / 100;
    }
    case 'aantal':
      return getalVan(k.waarde(r));
    case 'datum': {
      const d = datumVan(k.waarde(r));
      return d === null ? null : new Date(`${d}T00:00:00Z`);
    }
  }
}

/** A sheet of `rijen` by the same columns as the CSV export. Sheet names: at most 31 characters. */
export function blad<R>(naam: string, kolommen: readonly Kolom<R>[], rijen: readonly R[]): Blad {
  return { naam: naam.slice(0, 31), koppen: kolommen.map((k) => k.kop), soorten: kolommen.map((k) => k.soort), rijen: rijen.map((r) => kolommen.map((k) => cel(k, r))) };
}

/** Width in characters: the longest header or value (of the first rows), within 8 and 60. */
function breedte(b: Blad, i: number): number {
  let max = b.koppen[i].length;
  for (const r of b.rijen.slice(0, 1000)) {
    const v = r[i];
    const n = v === null ? 0 : v instanceof Date ? 10 : b.soorten[i] === 'bedrag' ? String(Math.trunc(Number(v))).length + 6 : String(v).length;
    if (n > max) max = n;
  }
  return Math.min(60, Math.max(8, max + 2));
}

/**
 * Streams a workbook to `uit`, one sheet per table: a bold, frozen header row, columns sized to
 * their content, amounts as numbers with a euro format, days as date cells. Written with the
 * streaming writer: each row is committed (and zipped) as it is added, so memory holds the rows
 * given, not the workbook. Ends `uit`.
 */
export async function schrijfXlsx(uit: Writable, bladen: readonly Blad[]): Promise<void> {
  const wb = new stream.xlsx.WorkbookWriter({ stream: uit, useStyles: true, useSharedStrings: false });
  wb.creator = 'jeugdzorg-hub';
  for (const b of bladen) {
    const ws = wb.addWorksheet(b.naam, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = b.koppen.map((kop, i) => {
      const numFmt = XLSX_FORMAAT[b.soorten[i]];
      return { header: kop, key: kop, width: breedte(b, i), ...(numFmt ? { style: { numFmt } } : {}) };
    });
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of b.rijen) ws.addRow(r).commit();
    ws.commit();
  }
  await wb.commit();
}
