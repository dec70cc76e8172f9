import { kwartaalVan, uitstroomGroep, verplicht } from './rapportage.rules';

describe('kwartaalVan', () => {
  it('gives the days of each quarter and its year', () => {
    expect(kwartaalVan(2026, 1)).toEqual({ jaar: 2026, kwartaal: 1, van: '2026-01-01', tot: '2026-03-31', jaarVan: '2026-01-01', jaarTot: '2026-12-31' });
    expect(kwartaalVan(2028, 1).tot).toBe('2028-03-31');
    expect(kwartaalVan(2026, 2)).toMatchObject({ van: '2026-04-01', tot: '2026-06-30' });
    expect(kwartaalVan(2026, 3)).toMatchObject({ van: '2026-07-01', tot: '2026-09-30' });
    expect(kwartaalVan(2026, 4)).toMatchObject({ van: '2026-10-01', tot: '2026-12-31' });
  });

  it('refuses a fifth quarter or an odd year', () => {
    expect(() => kwartaalVan(2026, 5)).toThrow('Kwartaal');
    expect(() => kwartaalVan(2026, 0)).toThrow('Kwartaal');
    expect(() => kwartaalVan(1999, 1)).toThrow('Jaar');
    expect(() => kwartaalVan(2026.5, 1)).toThrow('Jaar');
  });
});

describe('uitstroomGroep', () => {
  it('31 is planned, 32–35 drop-out, 02 and 36–39 other; 20 (temporary) is no outflow', () => {
    expect(uitstroomGroep('31')).toBe('volgensPlan');
    for (const r of ['32', '33', '34', '35']) expect(uitstroomGroep(r)).toBe('voortijdig');
    for (const r of ['02', '36', '37', '38', '39']) expect(uitstroomGroep(r)).toBe('overig');
    expect(uitstroomGroep('20')).toBeNull();
    expect(uitstroomGroep(null)).toBeNull();
  });
});

describe('verplicht', () => {
  const q3 = kwartaalVan(2026, 3);
  it('spreads the estimate over the days and counts those after the quarter up to 31 December', () => {
    // 184 days, 92 of them in October–December.
    expect(verplicht(773_550, '2026-07-01', '2026-12-31', q3)).toBe(386_775);
    // 181 days into 2027; 92 in October–December 2026: 702,000 × 92 / 181 = 356,817.68.
    expect(verplicht(702_000, '2026-09-01', '2027-02-28', q3)).toBe(356_818);
    // Wholly after the quarter, within the year.
    expect(verplicht(343_800, '2026-10-15', '2026-12-31', q3)).toBe(343_800);
  });

  it('is nothing for a toewijzing ending in or before the quarter, or without an end', () => {
    expect(verplicht(257_850, '2026-08-01', '2026-09-30', q3)).toBe(0);
    expect(verplicht(100_000, '2026-01-01', '2026-03-31', q3)).toBe(0);
    expect(verplicht(100_000, '2026-01-01', null, q3)).toBe(0);
  });
});
