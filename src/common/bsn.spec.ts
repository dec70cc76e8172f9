import { generateTestBsn, isValidBsn } from './bsn';

describe('BSN 11-proef', () => {
  it('accepts valid and refuses invalid numbers', () => {
    expect(isValidBsn('999900006')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456788')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('1234567890')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });
  it('generates valid, distinct test numbers in the 9999 range', () => {
    const all = Array.from({ length: 200 }, (_, i) => generateTestBsn(i));
    for (const b of all) {
      expect(b).toMatch(/^9999/);
      expect(isValidBsn(b)).toBe(true);
    }
    expect(new Set(all).size).toBeGreaterThan(150);
  });
});
