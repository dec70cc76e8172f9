import { pastInPlaats } from './toewijzing.service';

describe('pastInPlaats (IV093 with OP257/IV066): which TeWijzigenProduct keeps its ToewijzingNummer', () => {
  const week = { volume: 3, eenheid: '04', frequentie: '2' };
  const totaal = { volume: 40, eenheid: '04', frequentie: '6' };
  const geen = { volume: null, eenheid: null, frequentie: null };

  it('the same Omvang (only Einddatum or Budget change) fits', () => {
    expect(pastInPlaats(week, week)).toBe(true);
    expect(pastInPlaats(geen, geen)).toBe(true);
  });

  it('a new Volume fits only for a total within the validity (Frequentie 6)', () => {
    expect(pastInPlaats(totaal, { ...totaal, volume: 60 })).toBe(true);
    expect(pastInPlaats(week, { ...week, volume: 5 })).toBe(false);
  });

  it('another Eenheid or Frequentie, or an Omvang added or dropped, does not fit', () => {
    expect(pastInPlaats(week, { ...week, eenheid: '01' })).toBe(false);
    expect(pastInPlaats(week, { ...week, frequentie: '4' })).toBe(false);
    expect(pastInPlaats(totaal, { ...totaal, frequentie: '2' })).toBe(false);
    expect(pastInPlaats(geen, week)).toBe(false);
    expect(pastInPlaats(week, geen)).toBe(false);
  });
});
