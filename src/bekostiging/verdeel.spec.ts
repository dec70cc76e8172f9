import { verdeel, voorschotSchema } from './verdeel';

const som = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('verdeel (largest remainder)', () => {
  it('splits exactly proportional amounts without rounding', () => {
    expect(verdeel(1000, [1, 3])).toEqual([250, 750]);
    expect(verdeel(0, [1, 2, 3])).toEqual([0, 0, 0]);
  });

  it('gives the cents left over to the largest remainders', () => {
    // 100 × 1/6 = 16.67, × 2/6 = 33.33, × 3/6 = 50: one cent left, to the first (.67).
    expect(verdeel(100, [1, 2, 3])).toEqual([17, 33, 50]);
    // 10 over 160000 : 95000 : 27000 → 5.67, 3.37, 0.96 → floors 5, 3, 0; two cents to .96 and .67.
    expect(verdeel(10, [160000, 95000, 27000])).toEqual([6, 3, 1]);
  });

  it('breaks ties by index: the lowest first, the same on every run', () => {
    expect(verdeel(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(verdeel(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(verdeel(5, [1, 1, 1, 1])).toEqual([2, 1, 1, 1]);
  });

  it('never loses a cent, also with odd amounts and large weights', () => {
    const gewichten = [160_000n * 1234n * 37n, 95_000n * 999n * 41n, 27_000n * 7n, 1n];
    for (const t of [1, 7, 123_456_789, 13_175_672_900, Number.MAX_SAFE_INTEGER]) {
      const d = verdeel(t, gewichten);
      expect(som(d)).toBe(t);
      d.forEach((c) => expect(Number.isSafeInteger(c)).toBe(true));
    }
  });

  it('stays within one cent of the exact quota', () => {
    const w = [3, 5, 7, 11, 13];
    const d = verdeel(987_654_321, w);
    const W = som(w);
    d.forEach((c, i) => expect(Math.abs(c - (987_654_321 * w[i]) / W)).toBeLessThan(1));
  });

  it('splits a negative amount (a claw-back) as the mirror of the positive one', () => {
    expect(verdeel(-100, [1, 2, 3])).toEqual([-17, -33, -50]);
    expect(som(verdeel(-123_457, [2, 2, 1]))).toBe(-123_457);
  });

  it('a zero weight gets nothing', () => {
    expect(verdeel(99, [0, 1, 0, 2])).toEqual([0, 33, 0, 66]);
  });

  it('refuses what cannot be split', () => {
    expect(() => verdeel(100, [0, 0])).toThrow(RangeError);
    expect(() => verdeel(100, [])).toThrow(RangeError);
    expect(() => verdeel(100, [1, -1])).toThrow(RangeError);
    expect(() => verdeel(10.5, [1])).toThrow(RangeError);
    expect(() => verdeel(10, [1.5])).toThrow(RangeError);
  });
});

describe('voorschotSchema (12 monthly advances per municipality)', () => {
  it('months, municipalities and the whole year add up exactly, cents included', () => {
    const budget = 123_456_789;
    const gewichten = [160_000, 95_000, 27_000];
    const m = voorschotSchema(budget, gewichten);
    expect(m).toHaveLength(12);
    const maanden = verdeel(budget, Array(12).fill(1) as number[]);
    m.forEach((rij, i) => expect(som(rij)).toBe(maanden[i]));
    expect(maanden[0]).toBe(10_288_066); // 123456789 / 12 = 10288065.75: nine months get the extra cent
    expect(maanden.filter((x) => x === 10_288_066)).toHaveLength(9);
    const jaarPerGemeente = gewichten.map((_, g) => som(m.map((rij) => rij[g])));
    expect(jaarPerGemeente).toEqual(verdeel(budget, gewichten));
    expect(som(jaarPerGemeente)).toBe(budget);
    m.flat().forEach((c) => expect(c).toBeGreaterThanOrEqual(0));
  });

  it('is deterministic and handles tiny budgets and explicit shares', () => {
    expect(voorschotSchema(5, [1, 1])).toEqual(voorschotSchema(5, [1, 1]));
    const m = voorschotSchema(5, [1, 1]);
    expect(som(m.flat())).toBe(5);
    expect(m.map(som)).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect([som(m.map((r) => r[0])), som(m.map((r) => r[1]))]).toEqual([3, 2]);
    expect(voorschotSchema(0, [1, 2]).flat().every((c) => c === 0)).toBe(true);
  });
});
