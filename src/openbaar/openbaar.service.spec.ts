import { resetKlok, zetKlok } from '../common/klok';
import { OpenWachttijden, type CelLezer } from './openbaar.service';
import type { Periode, RuweCel } from './openbaar.types';

const CEL: RuweCel = {
  regioCode: 'NOB',
  regioNaam: 'Noordoost',
  productCategorie: '45',
  aanbiederAgb: '71000001',
  aanbiederNaam: 'Alfa',
  aantal: 9,
  aantalMetAanmelding: 9,
  mediaanAanmeldingTotStart: 15,
  p80AanmeldingTotStart: 29,
  mediaanAanmeldingTotToewijzing: 11,
  p80AanmeldingTotToewijzing: 16,
  mediaanToewijzingTotStart: 4,
  p80ToewijzingTotStart: 15,
};

/** A reader whose computations the test finishes (or fails) itself, counting them. */
function lezer() {
  const lopend: { periode: Periode; klaar: (c: RuweCel[]) => void; faal: (e: Error) => void }[] = [];
  const lees: CelLezer = (periode) => new Promise((klaar, faal) => lopend.push({ periode, klaar, faal }));
  return { lees, lopend };
}

/** Lets the awaiting callers run (no timers: only queued promise jobs). */
const beurt = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('OpenWachttijden: cache and single flight', () => {
  beforeEach(() => zetKlok('2026-11-30T10:00:00+01:00'));
  afterAll(() => resetKlok());

  it('requests during a computation share it; the feed is suppressed before it is kept', async () => {
    const l = lezer();
    const feed = new OpenWachttijden(l.lees, 900);
    const drie = Promise.all([feed.lees(), feed.lees(), feed.lees()]);
    await beurt();
    expect(l.lopend).toHaveLength(1);
    expect(l.lopend[0].periode).toEqual({ van: '2025-11-01', tot: '2026-10-31' });
    l.lopend[0].klaar([CEL]);
    const [a, b, c] = await drie;
    expect(a.feed).toBe(b.feed);
    expect(b.feed).toBe(c.feed);
    expect(a.resterendSeconden).toBe(900);
    expect(a.feed.cellen[0].aantalClienten).toBe('<10');
    expect(a.feed.cellen[0].mediaanAanmeldingTotStart).toBeNull();
  });

  it('keeps the feed until its time is up by the hub clock, then computes it once more', async () => {
    const l = lezer();
    const feed = new OpenWachttijden(l.lees, 900);
    const eerst = feed.lees();
    await beurt();
    l.lopend[0].klaar([CEL]);
    const gegenereerd = Date.parse((await eerst).feed.gegenereerdOp);
    zetKlok(new Date(gegenereerd + 890_000).toISOString());
    const binnen = await feed.lees();
    expect(l.lopend).toHaveLength(1);
    expect(binnen.resterendSeconden).toBe(10);
    zetKlok(new Date(gegenereerd + 900_001).toISOString());
    const na = feed.lees();
    await beurt();
    expect(l.lopend).toHaveLength(2);
    l.lopend[1].klaar([]);
    expect((await na).feed.cellen).toEqual([]);
  });

  it('keeps no failed computation: the waiting requests get the error, the next request tries again', async () => {
    const l = lezer();
    const feed = new OpenWachttijden(l.lees, 900);
    const twee = [feed.lees(), feed.lees()];
    await beurt();
    l.lopend[0].faal(new Error('database weg'));
    for (const p of twee) await expect(p).rejects.toThrow('database weg');
    const weer = feed.lees();
    await beurt();
    expect(l.lopend).toHaveLength(2);
    l.lopend[1].klaar([CEL]);
    expect((await weer).feed.cellen).toHaveLength(1);
  });

  it('a clock set back does not keep an old feed longer', async () => {
    const l = lezer();
    const feed = new OpenWachttijden(l.lees, 900);
    const eerst = feed.lees();
    await beurt();
    l.lopend[0].klaar([CEL]);
    await eerst;
    zetKlok('2026-11-29T10:00:00+01:00');
    void feed.lees();
    await beurt();
    expect(l.lopend).toHaveLength(2);
    l.lopend[1].klaar([]);
  });
});
