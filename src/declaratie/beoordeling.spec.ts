import { bedragCodes, dagen, maxPerPrestatie, maxTotaal, periodeCodes, periodeVolgt, wekenGeraakt, zondagen, type Toegewezen } from './beoordeling';

const tw = (o: Partial<Toegewezen>): Toegewezen => ({
  ingangsdatum: '2026-01-01',
  einddatum: '2026-12-31',
  volume: 4,
  eenheid: '04',
  frequentie: '2',
  budget: null,
  variant: 'inspanningsgericht',
  ...o,
});

describe('claim rules (ijw-3.2 §4.6)', () => {
  it('counts days, touched ISO weeks and Sundays', () => {
    expect(dagen('2026-03-01', '2026-03-31')).toBe(31);
    // March 2026: Sun 1 … Tue 31 touches the weeks of Feb 23, Mar 2, 9, 16, 23, 30.
    expect(wekenGeraakt('2026-03-01', '2026-03-31')).toBe(6);
    expect(zondagen('2026-03-01', '2026-03-31')).toBe(5);
    expect(zondagen('2026-03-02', '2026-03-07')).toBe(0);
  });

  it('TR321: per prestatie by frequency and variant', () => {
    expect(maxPerPrestatie(tw({}), '2026-03-01', '2026-03-31')).toBe(24);
    expect(maxPerPrestatie(tw({ variant: 'outputgericht' }), '2026-03-01', '2026-03-31')).toBe(20);
    // Output ending on a Wednesday: the period holding its last Sunday gets one more week.
    expect(maxPerPrestatie(tw({ variant: 'outputgericht', einddatum: '2026-03-18' }), '2026-03-01', '2026-03-18')).toBe(16);
    expect(maxPerPrestatie(tw({ frequentie: '1', volume: 2 }), '2026-02-01', '2026-02-28')).toBe(56);
    expect(maxPerPrestatie(tw({ frequentie: '4', volume: 10 }), '2026-02-01', '2026-02-28')).toBe(10);
    expect(maxPerPrestatie(tw({ volume: null }), '2026-02-01', '2026-02-28')).toBeUndefined();
  });

  it('TR322: over the whole toewijzing', () => {
    expect(maxTotaal(tw({ frequentie: '6', volume: 30, einddatum: null }))).toBe(30);
    expect(maxTotaal(tw({ frequentie: '4', volume: 10, einddatum: '2026-06-30' }))).toBe(60);
    expect(maxTotaal(tw({ einddatum: null }))).toBeUndefined();
  });

  it('TR307/TR308/TR387/TR388: the ProductPeriode against the toewijzing and the month', () => {
    const t = { ingangsdatum: '2026-03-10', einddatum: '2026-05-20' };
    expect(periodeCodes(t, '2026-03-10', '2026-03-31')).toEqual([]);
    expect(periodeCodes(t, '2026-03-01', '2026-03-31')).toEqual(['9307']);
    expect(periodeCodes(t, '2026-04-02', '2026-04-30')).toEqual(['9387']);
    expect(periodeCodes(t, '2026-04-01', '2026-04-29')).toEqual(['9388']);
    expect(periodeCodes(t, '2026-05-01', '2026-05-31')).toEqual(['9308']);
    expect(periodeCodes(t, '2026-05-01', '2026-05-20')).toEqual([]);
  });

  it('TR346/TR418: amount and tariff; minutes against an hourly tariff round half up', () => {
    expect(bedragCodes({ eenheid: '04', volume: 3, tarief: 8000, bedrag: 24000 }, { eenheid: '04', tarief: 8000 })).toEqual([]);
    expect(bedragCodes({ eenheid: '04', volume: 3, tarief: 8000, bedrag: 24001 }, { eenheid: '04', tarief: 8000 })).toEqual(['9346']);
    expect(bedragCodes({ eenheid: '04', volume: 3, tarief: 8100, bedrag: 24300 }, { eenheid: '04', tarief: 8000 })).toEqual(['0611']);
    // 7 minutes at € 80.05 an hour: 933.916… cents → 934.
    expect(bedragCodes({ eenheid: '01', volume: 7, tarief: 133, bedrag: 934 }, { eenheid: '04', tarief: 8005 })).toEqual([]);
    expect(bedragCodes({ eenheid: '01', volume: 7, tarief: 133, bedrag: 931 }, { eenheid: '04', tarief: 8005 })).toEqual(['0611']);
    expect(bedragCodes({ eenheid: '04', volume: 3, tarief: 8000, bedrag: 24000 }, { eenheid: '04', tarief: undefined })).toEqual(['0611']);
    expect(bedragCodes({ eenheid: '83', volume: 500, tarief: null, bedrag: 500 }, { eenheid: '83', tarief: undefined })).toEqual([]);
  });

  it('TR318: the declaration period follows the previous one', () => {
    expect(periodeVolgt(undefined, '2026-03-01', [])).toBe(true);
    expect(periodeVolgt('2026-02-01', '2026-03-01', ['2026-03-01'])).toBe(true);
    expect(periodeVolgt('2026-02-01', '2026-02-01', ['2026-02-01'])).toBe(true);
    expect(periodeVolgt('2026-02-01', '2026-01-01', ['2026-01-01'])).toBe(false);
    expect(periodeVolgt('2026-01-01', '2026-04-01', ['2026-04-01'])).toBe(true);
    expect(periodeVolgt('2026-01-01', '2026-04-01', ['2026-02-01', '2026-04-01'])).toBe(false);
  });
});
