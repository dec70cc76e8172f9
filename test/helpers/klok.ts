import { resetKlok, vandaag, zetKlok } from '../../src/common/klok';

/**
 * The moment integration tests live at, whatever the real date: a Monday inside every fixture
 * contract (test/fixtures/regions.ts: 2025-01-01 … 2027-12-31) and after the October and
 * November 2026 periods the tests claim and deliver in.
 */
export const KLOK = '2026-11-30T10:00:00+01:00';
export const VANDAAG = '2026-11-30';

/**
 * Pins the hub's clock for this test file (at once, so module-level fixtures see it) and resets
 * it after the file. Processes a test starts get the same moment through HUB_KLOK.
 */
export function pinKlok(moment: string = KLOK): string {
  zetKlok(moment);
  afterAll(() => resetKlok());
  return vandaag();
}

/** Environment for a process a test starts: the same pinned clock (HUB_KLOK needs NODE_ENV=test). */
export const KLOK_ENV = { NODE_ENV: 'test', HUB_KLOK: KLOK } as const;

/** `datum` plus `n` calendar days (negative: back). */
export function plusDagen(datum: string, n: number): string {
  const d = new Date(`${datum}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
