import { generateTestBsn, isTestBsn, isValidBsn, lijktEchteBsn } from './bsn';

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

describe('what a sandbox refuses', () => {
  it('a number that passes the 11-proef outside 9999xxxxx looks real; test-range and invalid numbers do not', () => {
    expect(lijktEchteBsn('111222333')).toBe(true);
    expect(isTestBsn('999900006')).toBe(true);
    expect(lijktEchteBsn('999900006')).toBe(false);
    // Not a BSN at all: the standard's retour code answers it, the sandbox does not refuse it.
    expect(lijktEchteBsn('123456788')).toBe(false);
    expect(lijktEchteBsn('99990000')).toBe(false);
    expect(isTestBsn('099990000')).toBe(false);
  });
});
