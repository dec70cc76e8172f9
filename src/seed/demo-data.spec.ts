import { EENHEDEN, FREQUENTIES, PRODUCTCATEGORIEEN, checkProduct } from '../catalogue/product.rules';
import { DEMO } from './demo-data';

describe('demo data', () => {
  const regios = DEMO.regios;

  it('has the two regions with real-looking codes', () => {
    expect(regios.map((r) => r.code)).toEqual(['RIOZ', 'RIGG']);
    const rioz = regios[0];
    // The 16 municipalities of 2020, merged into 11 from 2022.
    expect(rioz.gemeenten.filter((g) => g.geldigVanaf <= '2020-01-01' && (!g.geldigTot || g.geldigTot >= '2020-01-01'))).toHaveLength(16);
    expect(rioz.gemeenten.filter((g) => !g.geldigTot)).toHaveLength(11);
    const agbs = regios.flatMap((r) => r.aanbieders.map((a) => a.agb));
    expect(new Set(agbs).size).toBe(agbs.length);
    expect(agbs.length).toBeGreaterThanOrEqual(24);
  });

  it.each(DEMO.regios.map((r) => [r.code, r] as const))('%s is internally consistent', (_code, r) => {
    const cbs = r.gemeenten.map((g) => g.code);
    expect(new Set(cbs).size).toBe(cbs.length);
    for (const g of r.gemeenten) {
      expect(g.code).toMatch(/^[0-9]{4}$/);
      expect(g.inwoners).toBeGreaterThan(0);
      if (g.geldigTot) expect(g.geldigTot >= g.geldigVanaf).toBe(true);
    }
    for (const a of r.aanbieders) {
      expect(a.agb).toMatch(/^[0-9]{8}$/);
      expect(a.kvk).toMatch(/^[0-9]{8}$/);
    }
    const codes = r.producten.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of r.producten) {
      expect(() => checkProduct(p)).not.toThrow();
      expect(Object.keys(PRODUCTCATEGORIEEN)).toContain(p.categorie);
      expect(Object.keys(EENHEDEN)).toContain(p.eenheid);
    }
    for (const a of r.arrangementen) {
      for (const o of a.onderdelen) {
        expect(codes).toContain(o.productCode);
        expect(Object.keys(FREQUENTIES)).toContain(o.frequentie);
        expect(o.volume).toBeGreaterThan(0);
      }
    }
    const nummers = r.contracten.map((c) => c.nummer);
    expect(new Set(nummers).size).toBe(nummers.length);
    const current = r.gemeenten.filter((g) => !g.geldigTot).map((g) => g.code);
    for (const c of r.contracten) {
      expect(r.aanbieders.map((a) => a.agb)).toContain(c.aanbiederAgb);
      expect(c.begindatum < c.einddatum).toBe(true);
      for (const g of c.gemeenten) expect(current).toContain(g);
      for (const p of c.producten) {
        expect(codes).toContain(p.productCode);
        expect(Number.isInteger(p.tariefCenten) && p.tariefCenten > 0).toBe(true);
      }
      if (c.hoofdcontractNummer) {
        const hoofd = r.contracten.find((x) => x.nummer === c.hoofdcontractNummer);
        expect(hoofd).toBeDefined();
        expect(hoofd!.aanbiederAgb).not.toBe(c.aanbiederAgb);
      }
    }
  });

  it('RIOZ carries the 2020 budget frame and the 80/20 split of heavy care', () => {
    const lijnen = Object.fromEntries(regios[0].budgetlijnen.map((b) => [b.naam, b.bedragCenten]));
    expect(lijnen['Jeugdzorgplus']).toBe(438_747_000);
    expect(lijnen['Zware zorg gegarandeerd (80 %)'] * 20).toBe(lijnen['Zware zorg gereserveerd (20 %)'] * 80);
    expect(regios[0].contracten.some((c) => c.procedure === 'openhouse')).toBe(true);
    expect(regios[0].contracten.some((c) => c.hoofdcontractNummer)).toBe(true);
    expect(new Set(regios[0].producten.map((p) => p.uitvoeringsvariant))).toEqual(new Set(['inspanningsgericht', 'outputgericht', 'taakgericht']));
  });
});
