/** Window of the waiting-time statistics when the caller names none: care started in the last 365 days. */
export const VENSTER_DAGEN = 365;

/** The date `dagen` calendar days before `datum` (YYYY-MM-DD). */
export function dagenTerug(datum: string, dagen: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - dagen);
  return d.toISOString().slice(0, 10);
}

/** Whether a 90th percentile is within the norm; unknown without a norm or without data. */
export function binnenNorm(p90: number | null, normDagen: number | null): boolean | null {
  if (p90 === null || normDagen === null) return null;
  return p90 <= normDagen;
}

/** What the access-team ranking needs of a provider. */
export interface Kandidaat {
  naam: string;
  heeftCapaciteit: boolean;
  binnenNorm: boolean | null;
  p90Dagen: number | null;
}

/**
 * Best first: open with capacity, then within the norm (unknown after within, before over),
 * then the lowest 90th percentile (none known last), then by name.
 */
export function rangschik<T extends Kandidaat>(lijst: readonly T[]): T[] {
  const norm = (b: boolean | null) => (b === true ? 0 : b === null ? 1 : 2);
  return [...lijst].sort(
    (a, b) =>
      Number(b.heeftCapaciteit) - Number(a.heeftCapaciteit) ||
      norm(a.binnenNorm) - norm(b.binnenNorm) ||
      (a.p90Dagen ?? Number.POSITIVE_INFINITY) - (b.p90Dagen ?? Number.POSITIVE_INFINITY) ||
      a.naam.localeCompare(b.naam, 'nl'),
  );
}
