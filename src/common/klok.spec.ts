import { leesMoment, nu, resetKlok, tijdstip, vandaag, zetKlok } from './klok';

afterEach(() => resetKlok());

describe('klok', () => {
  it('follows the system clock until pinned', () => {
    const voor = Date.now();
    const t = nu().getTime();
    expect(t).toBeGreaterThanOrEqual(voor);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('gives the pinned day and time in the Netherlands, and runs on from there', () => {
    zetKlok('2026-11-15T23:30:00Z');
    expect(vandaag()).toBe('2026-11-16');
    expect(tijdstip().datum).toBe('2026-11-16');
    expect(tijdstip().tijd.slice(0, 4)).toBe('00:3');
    const t = nu().getTime();
    expect(t).toBeGreaterThanOrEqual(Date.parse('2026-11-15T23:30:00Z'));
    expect(t).toBeLessThan(Date.parse('2026-11-15T23:31:00Z'));
  });

  it('reads a bare date as that day in the Netherlands', () => {
    zetKlok('2027-01-01');
    expect(vandaag()).toBe('2027-01-01');
    zetKlok('2026-07-01T00:30:00+02:00');
    expect(vandaag()).toBe('2026-07-01');
  });

  it('refuses what is not an ISO moment with a zone', () => {
    expect(() => zetKlok('16-11-2026')).toThrow(/zetKlok/);
    expect(() => zetKlok('2026-11-16T10:00:00')).toThrow(/zetKlok/);
    expect(() => zetKlok('2026-13-45')).toThrow(/zetKlok/);
    expect(leesMoment('morgen')).toBeUndefined();
    expect(leesMoment('2026-02-30')).toBeUndefined();
  });

  it('goes back to the system clock on reset', () => {
    zetKlok('2030-01-01');
    resetKlok();
    expect(Math.abs(nu().getTime() - Date.now())).toBeLessThan(1000);
  });
});
