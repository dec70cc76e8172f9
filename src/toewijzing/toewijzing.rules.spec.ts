import { HubError } from '../common/hub-error';
import { checkVorm, isVerwijderd, raming, stapeling, type Vorm } from './toewijzing.rules';

const basis: Vorm = { productCode: '45A04', ingangsdatum: '2026-01-01', einddatum: '2026-06-30', volume: 2, eenheid: '04', frequentie: '2', budget: null };

const code = (v: Partial<Vorm>): string | undefined => {
  try {
    checkVorm({ ...basis, ...v });
    return undefined;
  } catch (e) {
    return e instanceof HubError ? `${e.code}:${String(e.details?.veld)}` : 'crash';
  }
};

describe('checkVorm', () => {
  it('accepts the shapes of the standard', () => {
    expect(code({})).toBeUndefined();
    expect(code({ productCode: null, volume: null, eenheid: null, frequentie: null })).toBeUndefined();
    expect(code({ productCode: null, volume: null, eenheid: null, frequentie: null, budget: 150000 })).toBeUndefined();
    expect(code({ frequentie: '6', einddatum: null })).toBeUndefined();
    expect(code({ eenheid: '83', volume: 50000, frequentie: '4' })).toBeUndefined();
  });

  it.each([
    ['end before start', { einddatum: '2025-12-31' }, 'INVALID_SHAPE:einddatum'],
    ['half an Omvang', { frequentie: null }, 'INVALID_SHAPE:volume'],
    ['Omvang and Budget', { budget: 100 }, 'INVALID_SHAPE:budget'],
    ['specifiek without Omvang', { volume: null, eenheid: null, frequentie: null }, 'INVALID_SHAPE:volume'],
    ['aspecifiek with Omvang', { productCode: null }, 'INVALID_SHAPE:volume'],
    ['Budget without Einddatum', { productCode: null, volume: null, eenheid: null, frequentie: null, budget: 1, einddatum: null }, 'INVALID_SHAPE:einddatum'],
    ['unknown unit', { eenheid: '99' }, 'INVALID_SHAPE:eenheid'],
    ['etmaal per dag (CS338)', { eenheid: '14', frequentie: '1' }, 'INVALID_SHAPE:frequentie'],
    ["euro's per dag (CS343)", { eenheid: '83', frequentie: '1' }, 'INVALID_SHAPE:frequentie'],
    ['per week without Einddatum (CD076)', { einddatum: null }, 'INVALID_SHAPE:einddatum'],
    ['volume zero', { volume: 0 }, 'INVALID_SHAPE:volume'],
  ])('refuses %s', (_l, v, expected) => {
    expect(code(v)).toBe(expected);
  });
});

describe('raming', () => {
  it('prices weeks, months, days and totals, and minutes at an hourly tariff', () => {
    // 2026-01-01 … 2026-01-28 is 28 days = 4 weeks; 2 hours a week at € 80.
    expect(raming({ ...basis, einddatum: '2026-01-28' }, 8000, '04', '2026-12-31')).toBe(4 * 2 * 8000);
    expect(raming({ ...basis, frequentie: '4', einddatum: '2026-03-15' }, 8000, '04', '2026-12-31')).toBe(3 * 2 * 8000);
    expect(raming({ ...basis, frequentie: '1', einddatum: '2026-01-10' }, 8000, '04', '2026-12-31')).toBe(10 * 2 * 8000);
    expect(raming({ ...basis, frequentie: '6', einddatum: null }, 8000, '04', '2026-12-31')).toBe(2 * 8000);
    expect(raming({ ...basis, eenheid: '01', volume: 90, frequentie: '6' }, 8000, '04', '2026-12-31')).toBe(12000);
    expect(raming({ ...basis, volume: null, budget: 123456 }, 8000, '04', '2026-12-31')).toBe(123456);
    // Open-ended monthly: until the contract's end.
    expect(raming({ ...basis, frequentie: '4', einddatum: null }, 100, '04', '2026-12-31')).toBe(12 * 2 * 100);
  });
});

describe('stapeling (OP259)', () => {
  const lopend = [{ nummer: 7, productCategorie: '45', productCode: '45A04', ingangsdatum: '2026-01-01', einddatum: '2026-06-30' }];
  it('finds the same product in an overlapping period', () => {
    expect(stapeling({ productCategorie: '45', productCode: '45A04', ingangsdatum: '2026-06-30', einddatum: null }, lopend)).toBe(7);
    expect(stapeling({ productCategorie: '45', productCode: null, ingangsdatum: '2026-03-01', einddatum: '2026-03-31' }, lopend)).toBe(7);
  });
  it('allows another product or a later period', () => {
    expect(stapeling({ productCategorie: '45', productCode: '45A05', ingangsdatum: '2026-03-01', einddatum: null }, lopend)).toBeUndefined();
    expect(stapeling({ productCategorie: '45', productCode: '45A04', ingangsdatum: '2026-07-01', einddatum: null }, lopend)).toBeUndefined();
    expect(stapeling({ productCategorie: '43', productCode: '45A04', ingangsdatum: '2026-03-01', einddatum: null }, lopend)).toBeUndefined();
  });
});

it('isVerwijderd: reden 13 with Einddatum = Ingangsdatum', () => {
  expect(isVerwijderd({ redenWijziging: '13', ingangsdatum: '2026-01-01', einddatum: '2026-01-01' })).toBe(true);
  expect(isVerwijderd({ redenWijziging: '13', ingangsdatum: '2026-01-01', einddatum: '2026-02-01' })).toBe(false);
  expect(isVerwijderd({ redenWijziging: '05', ingangsdatum: '2026-01-01', einddatum: '2026-01-01' })).toBe(false);
});
