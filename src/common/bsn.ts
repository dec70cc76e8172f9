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
