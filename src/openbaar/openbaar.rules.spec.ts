import { DREMPEL, periode, publiceerAantal, publiceerCel } from './openbaar.rules';
import type { RuweCel } from './openbaar.types';

const cel = (aantal: number, aantalMetAanmelding: number): RuweCel => ({
  regioCode: 'NOB',
  regioNaam: 'Noordoost',
  productCategorie: '45',
  aanbiederAgb: '71000001',
  aanbiederNaam: 'Alfa',
  aantal,
  aantalMetAanmelding,
  mediaanAanmeldingTotStart: 15,
  p80AanmeldingTotStart: 29.4,
  mediaanAanmeldingTotToewijzing: 11,
  p80AanmeldingTotToewijzing: 16.5,
  mediaanToewijzingTotStart: 4,
  p80ToewijzingTotStart: 14.6,
});

describe('periode', () => {
  it('is the twelve whole months before the current one', () => {
    expect(periode('2026-11-30')).toEqual({ van: '2025-11-01', tot: '2026-10-31' });
    expect(periode('2026-11-01')).toEqual({ van: '2025-11-01', tot: '2026-10-31' });
    expect(periode('2027-01-15')).toEqual({ van: '2026-01-01', tot: '2026-12-31' });
    expect(periode('2028-03-01')).toEqual({ van: '2027-03-01', tot: '2028-02-29' });
  });
});

describe('suppression', () => {
  it('shows 10 as 10 and 9 as <10', () => {
    expect(DREMPEL).toBe(10);
    expect(publiceerAantal(10)).toBe(10);
    expect(publiceerAantal(9)).toBe('<10');
    expect(publiceerAantal(1)).toBe('<10');
  });

  it('a cell of 9 keeps none of its figures', () => {
    const c = publiceerCel(cel(9, 9));
    expect(c.aantalClienten).toBe('<10');
    for (const v of [c.mediaanAanmeldingTotStart, c.p80AanmeldingTotStart, c.mediaanAanmeldingTotToewijzing, c.p80AanmeldingTotToewijzing, c.mediaanToewijzingTotStart, c.p80ToewijzingTotStart]) {
      expect(v).toBeNull();
    }
  });

  it('a cell of 10 keeps its figures in whole days; request → allocation only over 10 requests or more', () => {
    const c = publiceerCel(cel(12, 9));
    expect(c).toMatchObject({ aantalClienten: 12, mediaanAanmeldingTotStart: 15, p80AanmeldingTotStart: 29, mediaanToewijzingTotStart: 4, p80ToewijzingTotStart: 15 });
    expect(c.mediaanAanmeldingTotToewijzing).toBeNull();
    expect(c.p80AanmeldingTotToewijzing).toBeNull();
    expect(publiceerCel(cel(10, 10))).toMatchObject({ aantalClienten: 10, mediaanAanmeldingTotToewijzing: 11, p80AanmeldingTotToewijzing: 17 });
  });

  it('publishes no count of requests, no minimum or maximum', () => {
    expect(Object.keys(publiceerCel(cel(10, 10))).sort()).toEqual(
      [
        'aanbiederAgb',
        'aanbiederNaam',
        'aantalClienten',
        'mediaanAanmeldingTotStart',
        'mediaanAanmeldingTotToewijzing',
        'mediaanToewijzingTotStart',
        'p80AanmeldingTotStart',
        'p80AanmeldingTotToewijzing',
        'p80ToewijzingTotStart',
        'productCategorie',
        'productCategorieNaam',
        'regioCode',
        'regioNaam',
      ].sort(),
    );
  });
});
