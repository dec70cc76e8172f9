import { bereikteDrempels, leesDrempels, percentage } from './budget.rules';

describe('budget rules', () => {
  it('a share of the ceiling in percent with one decimal', () => {
    expect(percentage(70_000, 100_000)).toBe(70);
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(5, 0)).toBeNull();
  });

  it('a threshold is reached at exactly its share, not a cent before', () => {
    expect(bereikteDrempels(69_999, 100_000, [90, 70])).toEqual([]);
    expect(bereikteDrempels(70_000, 100_000, [90, 70])).toEqual([70]);
    expect(bereikteDrempels(95_000, 100_000, [90, 70])).toEqual([70, 90]);
    expect(bereikteDrempels(1, 0, [70])).toEqual([70]);
    expect(bereikteDrempels(0, 0, [70])).toEqual([]);
  });

  it('thresholds are whole percentages 1–100, one to five, sorted without repeats', () => {
    expect(leesDrempels([90, 50, 90])).toEqual([50, 90]);
    expect(typeof leesDrempels([])).toBe('string');
    expect(typeof leesDrempels([0])).toBe('string');
    expect(typeof leesDrempels([101])).toBe('string');
    expect(typeof leesDrempels([70.5])).toBe('string');
    expect(typeof leesDrempels([10, 20, 30, 40, 50, 60])).toBe('string');
  });
});
