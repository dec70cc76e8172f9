import { isValidBsn } from '../common/bsn';
import { DEMO } from './demo-data';
import { berichtVan, planVerkeer, type Tarieven } from './verkeer';

/** The demo's tariffs of `tariefJaar` from the demo data alone (the runner reads them from the database). */
function tarieven(): Tarieven {
  const t: Tarieven = new Map();
  for (const r of DEMO.regios) for (const c of r.contracten) for (const p of c.producten) t.set(`${c.aanbiederAgb}/${r.code}/${p.productCode}`, [{ vanaf: `${DEMO.tariefJaar}-01-01`, tot: null, centen: p.tariefCenten }]);
  return t;
}
const OPTIES = { seed: 7, vandaag: '2026-11-18', clientenPerRegio: 40, eersteDag: '2026-01-01' };
const berichten = (seed: number) => {
  const plan = planVerkeer(DEMO.regios, { ...OPTIES, seed });
  const t = tarieven();
  return plan.gebeurtenissen.map((g, i) => berichtVan(g, i + 1, t)?.xml ?? '');
};

describe('demo traffic plan', () => {
  it('is deterministic: the same seed and day give the same messages, another seed others', () => {
    const a = berichten(7);
    expect(a.length).toBeGreaterThan(150);
    expect(berichten(7)).toEqual(a);
    expect(berichten(8)).not.toEqual(a);
  });

  it('keeps request before allocation before start before stop, and nothing after today', () => {
    const plan = planVerkeer(DEMO.regios, OPTIES);
    expect(plan.maanden).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    for (const c of plan.clienten) {
      expect(isValidBsn(c.bsn)).toBe(true);
      expect(c.bsn.startsWith('9999')).toBe(true);
      if (c.aangevraagd) expect(c.aangevraagd < c.toegewezen).toBe(true);
      expect(c.gestart >= c.toegewezen).toBe(true);
      // A client's messages are never on one day (the day's round is judged as one batch).
      expect(c.startGemeld > c.toegewezen).toBe(true);
      expect(c.einde > c.gestart).toBe(true);
      if (c.gestopt) {
        expect(c.gestopt.datum > c.gestart && c.gestopt.datum <= c.einde).toBe(true);
        expect(c.gestopt.gemeld > c.startGemeld && c.gestopt.gemeld <= OPTIES.vandaag).toBe(true);
      }
    }
    expect(new Set(plan.clienten.map((c) => c.bsn)).size).toBe(plan.clienten.length);
    expect(plan.gebeurtenissen.every((g) => g.dag >= plan.van && g.dag <= OPTIES.vandaag)).toBe(true);
    // Claims: whole months before today's, each prestatie within its month.
    const claims = plan.gebeurtenissen.flatMap((g) => (g.soort === 'JW323' ? [g.declaratie] : []));
    expect(claims.length).toBeGreaterThan(20);
    for (const d of claims) for (const p of d.prestaties) expect(p.begin.slice(0, 7) === d.periode && p.eind.slice(0, 7) === d.periode && p.volume > 0).toBe(true);
    expect(plan.lumpsumStarts.length).toBe(5);
  });
});
