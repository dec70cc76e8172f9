import { PRODUCTCATEGORIEEN } from '../catalogue/product.rules';
import type { GepubliceerdAantal, OpenCel, Periode, RuweCel } from './openbaar.types';

/** Fewer clients than this in a cell are published as `<10` (CBS practice for small counts). */
export const DREMPEL = 10;

/** Months the feed covers, before the current one. */
export const MAANDEN = 12;

/**
 * The 12 whole calendar months before the month of `vandaag` (YYYY-MM-DD): on 2026-11-30,
 * 2025-11-01 … 2026-10-31. Whole months, not a window moving daily, so two days' feeds cannot be
 * subtracted to isolate the clients who started on one day.
 */
export function periode(vandaag: string, maanden = MAANDEN): Periode {
  const [j, m] = vandaag.split('-').map(Number);
  const eerste = new Date(Date.UTC(j, m - 1, 1));
  const van = new Date(Date.UTC(j, m - 1 - maanden, 1));
  const tot = new Date(eerste.getTime() - 24 * 3600 * 1000);
  return { van: van.toISOString().slice(0, 10), tot: tot.toISOString().slice(0, 10) };
}

/** A count as published: from DREMPEL up as it is, else `<10`. */
export function publiceerAantal(n: number): GepubliceerdAantal {
  return n >= DREMPEL ? n : '<10';
}

/** A number of days rounded to whole days (a percentile interpolates), or null. */
const dagen = (v: number | null): number | null => (v === null ? null : Math.round(v));

/**
 * A computed cell as it may be published. Below DREMPEL clients the count is `<10` and every
 * figure is left out (a median of three is nearly one child's wait); request → allocation is left
 * out as well when fewer than DREMPEL of the cell's clients came with a request, and that smaller
 * count itself is never published (cell count minus it would give the direct allocations).
 * No minimum or maximum: each is one child's figure.
 */
export function publiceerCel(c: RuweCel): OpenCel {
  const genoeg = c.aantal >= DREMPEL;
  const aanmelding = genoeg && c.aantalMetAanmelding >= DREMPEL;
  return {
    regioCode: c.regioCode,
    regioNaam: c.regioNaam,
    productCategorie: c.productCategorie,
    productCategorieNaam: PRODUCTCATEGORIEEN[c.productCategorie] ?? c.productCategorie,
    aanbiederAgb: c.aanbiederAgb,
    aanbiederNaam: c.aanbiederNaam,
    aantalClienten: publiceerAantal(c.aantal),
    mediaanAanmeldingTotStart: genoeg ? dagen(c.mediaanAanmeldingTotStart) : null,
    p80AanmeldingTotStart: genoeg ? dagen(c.p80AanmeldingTotStart) : null,
    mediaanAanmeldingTotToewijzing: aanmelding ? dagen(c.mediaanAanmeldingTotToewijzing) : null,
    p80AanmeldingTotToewijzing: aanmelding ? dagen(c.p80AanmeldingTotToewijzing) : null,
    mediaanToewijzingTotStart: genoeg ? dagen(c.mediaanToewijzingTotStart) : null,
    p80ToewijzingTotStart: genoeg ? dagen(c.p80ToewijzingTotStart) : null,
  };
}
