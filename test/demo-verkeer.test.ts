import { DEMO } from '../src/seed/demo-data';
import { genereerVerkeer, type VerkeerResultaat } from '../src/seed/verkeer';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

/**
 * The demo's year of traffic (src/seed/verkeer.ts) on the demo regions, a smaller volume,
 * through the real message path with the harness's worker running beside it: the quarterly
 * report of the pinned clock's quarter shows spend, clients in care and waiting times, no
 * negative figure, and budget lines that each carry their own categories' spend.
 */
const vandaag = pinKlok('2026-11-18T10:00:00+01:00');
let hub: HubTestEnvironment;
let r: VerkeerResultaat;
const voortgang: string[] = [];

beforeAll(async () => {
  hub = await createHubTestEnvironment('demoverkeer', { regios: DEMO, worker: true, poolSize: 8 });
  r = await genereerVerkeer(
    { ds: hub.ds, sleutels: hub.sleutels, handlers: hub.handlers, maxBytes: hub.api.cfg.IJW_MAX_BYTES, voortgang: (l) => voortgang.push(l) },
    DEMO.regios,
    { seed: 12, vandaag, clientenPerRegio: 30, eersteDag: '2026-01-01' },
  );
}, 900_000);

afterAll(async () => {
  await hub?.close();
});

const REGEL = `code budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten clientenInZorg instroom uitstroom
  uitstroomVolgensPlan uitstroomVoortijdig uitstroomOverig aantalGestart mediaanWachtdagen p90Wachtdagen aantalWachtend aantalWachtendBovenNorm`;
const RAPPORT = `query($j: Int!, $k: Int!) { kwartaalrapportage(jaar: $j, kwartaal: $k) { van tot regio { ${REGEL} } gemeenten { ${REGEL} } aanbieders { ${REGEL} }
  begrotingsposten { naam productcategorieen budgetCenten gerealiseerdCenten gerealiseerdJaarCenten verplichtCenten prognoseCenten ruimteCenten } signalen { soort } } }`;

type Rij = Record<string, number | string | null>;
interface Rapport {
  van: string;
  tot: string;
  regio: Rij;
  gemeenten: Rij[];
  aanbieders: Rij[];
  begrotingsposten: (Rij & { naam: string; productcategorieen: string[] })[];
}

async function rapport(regio: string): Promise<Rapport> {
  const token = await hub.api.token({ rol: 'regio', regio });
  const res = await hub.api.gql<{ kwartaalrapportage: Rapport }>(token, RAPPORT, { j: 2026, k: 4 });
  expect(res.errors).toBeUndefined();
  return res.data!.kwartaalrapportage;
}

/** Every number in the report's rows; `ruimte` of a provider without a budget is null. */
const getallen = (x: Rapport) => [x.regio, ...x.gemeenten, ...x.aanbieders, ...x.begrotingsposten].flatMap((rij) => Object.entries(rij).filter(([, v]) => typeof v === 'number') as [string, number][]);

describe('a year of demo traffic through the message path', () => {
  it('sends every message through the inbox and the worker judges them, reporting progress month by month', () => {
    expect(r.overgeslagen).toBe(false);
    expect(r.berichten).toBeGreaterThan(250);
    // Every message passes (a claim's JW325 with 8001: granted in full).
    expect(r.bevindingen).toEqual({});
    expect(r.zonderBevinding).toBe(r.berichten);
    expect(voortgang.filter((l) => /^verkeer maand \d+\/11/.test(l))).toHaveLength(11);
  });

  it.each(['RIOZ', 'RIGG'])('%s: the current quarter shows spend, clients in care and waiting times, nothing negative', async (regio) => {
    const x = await rapport(regio);
    expect(x).toMatchObject({ van: '2026-10-01', tot: '2026-12-31' });
    expect(x.regio.gerealiseerdCenten).toBeGreaterThan(0);
    expect(x.regio.clientenInZorg).toBeGreaterThan(5);
    expect(x.regio.aantalGestart).toBeGreaterThan(0);
    expect(x.regio.mediaanWachtdagen).toBeGreaterThan(0);
    expect(x.regio.p90Wachtdagen).toBeGreaterThanOrEqual(x.regio.mediaanWachtdagen as number);
    const negatief = getallen(x).filter(([, v]) => v < 0);
    expect(negatief).toEqual([]);
    // Budget lines: each charged with its own categories, so their spends differ.
    const posten = x.begrotingsposten;
    expect(posten.length).toBeGreaterThan(3);
    for (const p of posten) expect(p.productcategorieen.length).toBeGreaterThan(0);
    const bedragen = posten.map((p) => p.gerealiseerdJaarCenten as number);
    expect(bedragen.filter((b) => b > 0).length).toBeGreaterThan(1);
    expect(new Set(bedragen.filter((b) => b > 0)).size).toBe(bedragen.filter((b) => b > 0).length);
    expect(Math.max(...bedragen)).toBeLessThan(x.regio.gerealiseerdJaarCenten as number);
  });

  it('sets norms, a lumpsum with its advances and capacity', async () => {
    const [n] = await hub.rijen<{ normen: number; voorschotten: number; capaciteit: number; wachtend: number }>(
      `SELECT (SELECT count(*)::int FROM wachttijdnorm) AS normen, (SELECT count(*)::int FROM lumpsum_voorschot) AS voorschotten,
              (SELECT count(*)::int FROM capaciteit) AS capaciteit, (SELECT count(*)::int FROM bericht WHERE status = 'ontvangen') AS wachtend`,
    );
    expect(n.normen).toBeGreaterThanOrEqual(4);
    expect(n.voorschotten).toBeGreaterThan(0);
    expect(n.capaciteit).toBeGreaterThan(10);
    expect(n.wachtend).toBe(0);
  });

  it('a second run adds nothing', async () => {
    const voor = await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht`);
    const again = await genereerVerkeer({ ds: hub.ds, sleutels: hub.sleutels, handlers: hub.handlers, maxBytes: hub.api.cfg.IJW_MAX_BYTES }, DEMO.regios, { seed: 12, vandaag, clientenPerRegio: 30, eersteDag: '2026-01-01' });
    expect(again.overgeslagen).toBe(true);
    expect(await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM bericht`)).toEqual(voor);
  });
});
