/** Window of the waiting-time statistics when the caller names none: care started in the last 365 days. */
export const VENSTER_DAGEN = 365;

/** The date `dagen` calendar days before `datum` (YYYY-MM-DD). */
export function dagenTerug(datum: string, dagen: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - dagen);
  return d.toISOString().slice(0, 10);
}

const dagnummer = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * Days from `begin` to `eind` (calendar days, `YYYY-MM-DD`), never negative: care that started
 * on or before the day its wait began (a backdated allocation: start 2 Nov, allocated 6 Dec)
 * waited 0 days, and counts as 0 in the statistics. Unknown when either day is. The rule of every
 * waiting time (README.md); `dagenSql` in wachttijd.sql.ts is its SQL twin.
 */
export function wachtdagen(begin: string | null, eind: string | null): number | null {
  if (begin === null || eind === null) return null;
  return Math.max(0, dagnummer(eind) - dagnummer(begin));
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
