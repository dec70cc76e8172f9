import { herschrijf } from './sandbox.service';

describe('a row as its sandbox copy', () => {
  it('gets a new id, its references to copied rows mapped, its region and parties replaced, the rest kept', () => {
    const k = { ids: new Map([['c-1', 'c-2'], ['p-1', 'p-2']]), gemeenten: new Map([['0796', '9000']]), aanbieders: new Map([['71000001', '99000000']]) };
    const kopie = herschrijf(
      { id: 't-1', regio_code: 'NOB', contract_id: 'c-1', contract_product_id: 'p-1', indexatie_id: null, gemeente_code: '0796', aanbieder_agb: '71000001', bedrag_centen: 4200, perceel: 'Lichte zorg' },
      'SANDBOX-NOB',
      k,
    );
    expect(kopie).toEqual({ id: k.ids.get('t-1'), regio_code: 'SANDBOX-NOB', contract_id: 'c-2', contract_product_id: 'p-2', indexatie_id: null, gemeente_code: '9000', aanbieder_agb: '99000000', bedrag_centen: 4200, perceel: 'Lichte zorg' });
    expect(kopie.id).not.toBe('t-1');
  });
});
