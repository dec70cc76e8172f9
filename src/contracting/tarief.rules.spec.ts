import { dagErvoor, effectiefE5, indexeer, overlapt, tariefOpDatum } from './tarief.rules';

describe('tariff rules', () => {
  const versies = [
    { id: 'a', geldigVanaf: '2025-01-01', geldigTot: '2025-12-31' },
    { id: 'b', geldigVanaf: '2026-01-01', geldigTot: null },
  ];

  it('picks exactly one version at the boundaries', () => {
    expect(tariefOpDatum(versies, '2024-12-31')).toBeUndefined();
    expect(tariefOpDatum(versies, '2025-01-01')?.id).toBe('a');
    expect(tariefOpDatum(versies, '2025-12-31')?.id).toBe('a');
    expect(tariefOpDatum(versies, '2026-01-01')?.id).toBe('b');
    expect(tariefOpDatum(versies, '2099-06-30')?.id).toBe('b');
  });

  it('detects overlap including shared boundary days and open ends', () => {
    expect(overlapt({ vanaf: '2025-01-01', tot: '2025-12-31' }, { vanaf: '2025-12-31', tot: null })).toBe(true);
    expect(overlapt({ vanaf: '2025-01-01', tot: '2025-12-31' }, { vanaf: '2026-01-01', tot: null })).toBe(false);
    expect(overlapt({ vanaf: '2025-01-01', tot: null }, { vanaf: '2030-01-01', tot: '2030-02-01' })).toBe(true);
  });

  it('computes the Jeugd formula in integers', () => {
    // 0.9 × 4.1 + 0.1 × 2.3 = 3.92 %
    expect(effectiefE5({ methode: 'jeugdformule', ova: 4.1, ppc: 2.3, gewichtOva: 90, gewichtPpc: 10 })).toBe(392_000);
    expect(effectiefE5({ methode: 'percentage', percentage: 3.2 })).toBe(320_000);
    expect(effectiefE5({ methode: 'percentage', percentage: -1.5 })).toBe(-150_000);
  });

  it('rounds indexed amounts to cents, half away from zero', () => {
    expect(indexeer(10000, 392_000)).toBe(10392);
    expect(indexeer(9550, 392_000)).toBe(9924); // 9924.36
    expect(indexeer(12345, 320_000)).toBe(12740); // 12740.04
    expect(indexeer(50, 100_000)).toBe(51); // 50.5 -> 51
    expect(indexeer(150, -100_000)).toBe(149); // 148.5 -> 149
    expect(indexeer(0, 500_000)).toBe(0);
  });

  it('gives the day before across month and leap-year boundaries', () => {
    expect(dagErvoor('2026-01-01')).toBe('2025-12-31');
    expect(dagErvoor('2024-03-01')).toBe('2024-02-29');
  });
});
