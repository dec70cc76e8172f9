import { contractvoorwaarden, heeftVerdenking, type Verdenking, type VoorwaardeContract } from './contractvoorwaarde';

const K: VoorwaardeContract = {
  id: 'k1',
  nummer: 'C-1',
  perceel: 'Ambulant',
  begindatum: '2026-10-01',
  einddatum: '2027-12-31',
  artikel_looptijd: 'Art. 2',
  artikel_perceel: 'Art. 3',
  artikel_tarief: 'Art. 6',
  artikel_plafond: 'Art. 8',
};
const basis: Verdenking = {
  codes: [],
  contractId: 'k1',
  gecontracteerd: true,
  tariefGevonden: true,
  aspecifiek: false,
  eenheidVanContract: false,
  begin: '2026-10-01',
  eind: '2026-10-31',
  geclaimdTarief: 9550,
  contractTarief: 9550,
  minutenTegenUren: false,
};
const soorten = (v: Partial<Verdenking>, k: VoorwaardeContract | undefined = K) => contractvoorwaarden({ ...basis, ...v }, k).map((x) => [x.soort, x.code, x.artikel]);

describe('contractvoorwaarden', () => {
  it('names the tariff, the period, the lot and the unit behind 0611, 9340 and 9341', () => {
    expect(soorten({ codes: ['0611'], geclaimdTarief: 9999 })).toEqual([['tarief', '0611', 'Art. 6']]);
    expect(soorten({ codes: ['0611'], tariefGevonden: false, contractTarief: null, begin: '2026-09-01' })).toEqual([['looptijd', '0611', 'Art. 2']]);
    expect(soorten({ codes: ['0611'], tariefGevonden: false, contractTarief: null })).toEqual([['tarief', '0611', 'Art. 6']]);
    expect(soorten({ codes: ['0611'], gecontracteerd: false, tariefGevonden: false })).toEqual([['perceel', '0611', 'Art. 3']]);
    expect(soorten({ codes: ['9340'], aspecifiek: true, gecontracteerd: false })).toEqual([['perceel', '9340', 'Art. 3']]);
    expect(soorten({ codes: ['9341'], eenheidVanContract: true })).toEqual([['eenheid', '9341', 'Art. 6']]);
  });

  it('names the ceiling for a rejection and for a flag, not the toewijzing\'s own conditions', () => {
    expect(soorten({ plafond: { afgewezen: true, jaar: '2026', bedrag: 100 } })).toEqual([['plafond', '9369', 'Art. 8']]);
    expect(soorten({ plafond: { afgewezen: false, jaar: '2026', bedrag: 100 } })).toEqual([['plafond', null, 'Art. 8']]);
    // TR369 (the toewijzing's Budget), TR340 against a specific toewijzing, TR341 against the toewijzing's unit, volumes: none.
    for (const codes of [['9369'], ['9340'], ['9341'], ['9321', '9322'], ['9307']]) {
      expect(heeftVerdenking({ ...basis, codes })).toBe(false);
      expect(soorten({ codes })).toEqual([]);
    }
  });

  it('minutes against an hourly tariff: the amount, not the informative tariff, is what differs', () => {
    const [v] = contractvoorwaarden({ ...basis, codes: ['0611'], geclaimdTarief: 160, minutenTegenUren: true }, K);
    expect(v.omschrijving).toBe('Het bedrag wijkt af van volume × contracttarief (€ 95,50)');
  });

  it('without a known contract it still says what is wrong, naming no contract', () => {
    expect(contractvoorwaarden({ ...basis, codes: ['0611'], gecontracteerd: false, contractId: null }, undefined)).toEqual([
      { soort: 'perceel', code: '0611', contractId: null, contractNummer: null, perceel: null, artikel: null, omschrijving: expect.stringContaining('niet gecontracteerd') },
    ]);
  });
});
