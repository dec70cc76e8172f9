import { feestdagen, isWerkdag, pasen, plusWeken, plusWerkdagen, verlopenVoor } from './werkdagen';

describe('werkdagen', () => {
  it('knows Easter', () => {
    expect(pasen(2024).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(pasen(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(pasen(2027).toISOString().slice(0, 10)).toBe('2027-03-28');
  });

  it('lists the holidays of the Algemene termijnenwet', () => {
    expect([...feestdagen(2026)].sort()).toEqual(['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26']);
    // 27 April 2025 is a Sunday: Koningsdag moves to Saturday the 26th.
    expect(feestdagen(2025).has('2025-04-26')).toBe(true);
  });

  it('skips weekends and holidays', () => {
    expect(isWerkdag('2026-11-24')).toBe(true);
    expect(isWerkdag('2026-11-28')).toBe(false);
    expect(isWerkdag('2026-12-25')).toBe(false);
    // Tuesday 24 Nov + 3 working days = Friday 27 Nov; + 5 = Tuesday 1 Dec.
    expect(plusWerkdagen('2026-11-24', 3)).toBe('2026-11-27');
    expect(plusWerkdagen('2026-11-24', 5)).toBe('2026-12-01');
    // Over Christmas: Wed 23 Dec + 3 = Tue 29 Dec (25, 26, 27 are not working days, 24 and 28 are).
    expect(plusWerkdagen('2026-12-23', 3)).toBe('2026-12-29');
    // Over Easter and Koningsdag 2026: Thu 2 Apr + 2 = Tue 7 Apr (Easter Monday 6 Apr).
    expect(plusWerkdagen('2026-04-02', 2)).toBe('2026-04-07');
    expect(plusWerkdagen('2026-04-24', 1)).toBe('2026-04-28');
    expect(plusWeken('2026-11-24', 8)).toBe('2027-01-19');
  });
});

it('verlopenVoor: what was received before this date is past its limit today', () => {
  // On Tuesday 1 Dec: received Tue 24 Nov is due Fri 27 Nov (overdue); Wed 25 Nov is due Mon 30 Nov
  // (overdue); Thu 26 Nov is due Tue 1 Dec (not yet).
  expect(verlopenVoor('2026-12-01', 3)).toBe('2026-11-26');
  for (const d of ['2026-11-20', '2026-11-25']) expect(plusWerkdagen(d, 3) < '2026-12-01').toBe(true);
  expect(plusWerkdagen('2026-11-26', 3) < '2026-12-01').toBe(false);
  // Over Christmas: on Tue 29 Dec, a message of Wed 23 Dec is due that very day.
  expect(verlopenVoor('2026-12-29', 3)).toBe('2026-12-23');
});
