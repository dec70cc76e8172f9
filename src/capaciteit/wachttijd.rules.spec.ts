import { binnenNorm, dagenTerug, rangschik, wachtdagen, type Kandidaat } from './wachttijd.rules';

const k = (naam: string, heeftCapaciteit: boolean, binnen: boolean | null, p90: number | null): Kandidaat => ({ naam, heeftCapaciteit, binnenNorm: binnen, p90Dagen: p90 });

describe('rangschik', () => {
  it('puts capacity first, then within the norm, then the lowest p90', () => {
    const lijst = [k('a', false, true, 5), k('b', true, false, 90), k('c', true, true, 40), k('d', true, true, 20), k('e', true, null, null), k('f', true, null, 10)];
    expect(rangschik(lijst).map((x) => x.naam)).toEqual(['d', 'c', 'f', 'e', 'b', 'a']);
  });

  it('unknown p90 goes after every known one; ties by name', () => {
    expect(rangschik([k('z', true, null, null), k('y', true, null, null), k('x', true, null, 3)]).map((x) => x.naam)).toEqual(['x', 'y', 'z']);
  });
});

describe('binnenNorm', () => {
  it('compares the p90 to the norm, unknown without either', () => {
    expect(binnenNorm(63, 63)).toBe(true);
    expect(binnenNorm(63.5, 63)).toBe(false);
    expect(binnenNorm(null, 63)).toBeNull();
    expect(binnenNorm(10, null)).toBeNull();
  });
});

describe('dagenTerug', () => {
  it('counts calendar days across months and leap years', () => {
    expect(dagenTerug('2028-03-01', 1)).toBe('2028-02-29');
    expect(dagenTerug('2026-11-30', 365)).toBe('2025-11-30');
  });
});

describe('wachtdagen', () => {
  it('counts calendar days from the begin of the wait to the start', () => {
    expect(wachtdagen('2026-10-01', '2026-10-18')).toBe(17);
    expect(wachtdagen('2026-10-25', '2026-10-26')).toBe(1); // across the end of summer time
    expect(wachtdagen('2026-11-02', '2026-11-02')).toBe(0);
  });

  it('a backdated allocation (start 2 Nov, allocated 6 Dec) waited 0 days, not -34', () => {
    expect(wachtdagen('2026-12-06', '2026-11-02')).toBe(0);
  });

  it('unknown when either day is', () => {
    expect(wachtdagen(null, '2026-11-02')).toBeNull();
    expect(wachtdagen('2026-11-02', null)).toBeNull();
  });
});
