/**
 * The rules of live budgets, as pure functions (README "Live budgets"):
 * - toegekend: granted prestaties (credits negative) whose ProductPeriode begins in the year;
 * - verplicht: per allocation not deleted, its estimate (`geraamd_centen`) spread evenly over the
 *   days of its period (open-ended: until its contract's end), for the days in the year after the
 *   last granted ProductPeriode of that allocation (from its start when none): allocated, not yet
 *   claimed;
 * - prognose: toegekend + verplicht, the year's end when every allocation is claimed as
 *   estimated and nothing new is allocated;
 * - a threshold (percent of the ceiling) is reached when toegekend × 100 ≥ threshold × ceiling;
 *   alerts fire on toegekend (what the ceiling policy 9369 counts), not on the forecast.
 */

/** A share of the ceiling in percent with one decimal; null without a ceiling to divide by. */
export function percentage(deel: number, plafond: number): number | null {
  if (plafond <= 0) return null;
  return Math.round((deel * 1000) / plafond) / 10;
}

/** The thresholds `toegekend` has reached under `plafond`, ascending (a ceiling of 0 is reached by anything granted). */
export function bereikteDrempels(toegekend: number, plafond: number, drempels: readonly number[]): number[] {
  const bereikt = (d: number) => (plafond <= 0 ? toegekend > 0 : toegekend * 100 >= d * plafond);
  return [...drempels].sort((a, b) => a - b).filter(bereikt);
}

/** Thresholds as a contract manager gives them: whole percentages 1–100, one to five, returned ascending without repeats; else the reason. */
export function leesDrempels(drempels: readonly number[]): number[] | string {
  const uniek = [...new Set(drempels)].sort((a, b) => a - b);
  if (uniek.length < 1 || uniek.length > 5) return 'Geef één tot vijf drempels op';
  if (uniek.some((d) => !Number.isInteger(d) || d < 1 || d > 100)) return 'Een drempel is een heel percentage van 1 tot en met 100';
  return uniek;
}
