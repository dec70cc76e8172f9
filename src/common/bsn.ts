/** The Dutch 11-proef for a BSN (CS002): 9 digits, 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11), not all zeros. */
export function isValidBsn(s: string): boolean {
  if (!/^[0-9]{9}$/.test(s) || s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i]);
  sum -= Number(s[8]);
  return sum % 11 === 0;
}

/**
 * Deterministic valid BSNs for demo and test data in the 9999xxxxx range, which is not issued
 * to real persons (the government's test range). Searches forward from the seed.
 */
export function generateTestBsn(seed: number): string {
  for (let n = Math.abs(Math.trunc(seed)) * 10; ; n++) {
    const s = `9999${String(n % 100_000).padStart(5, '0')}`;
    if (isValidBsn(s)) return s;
  }
}

/**
 * Whether `s` lies in the test range the hub's sandbox regions accept: 9999xxxxx (the range the
 * hub's demo and test data are drawn from; see README, "Sandbox region").
 */
export function isTestBsn(s: string): boolean {
  return /^9999[0-9]{5}$/.test(s);
}

/**
 * Whether `s` looks like a real person's BSN: it passes the 11-proef and is not in the test range.
 * A number that fails the 11-proef is nobody's BSN: a sandbox lets it through, to be answered
 * with the retour code the standard gives it.
 */
export function lijktEchteBsn(s: string): boolean {
  return isValidBsn(s) && !isTestBsn(s);
}
