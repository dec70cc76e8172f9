import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { GgkSimulator, type SimPoort } from '../sim/ggk/simulator';
import { startVecozoSimulator, type Poort, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { TEST_SECRET, ruweId } from './helpers/api';
import { testBsn, wachtOpBericht, zaakJw301, jw315Xml } from './helpers/berichten';
import { KLOK_ENV, pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { bouw, opruimen, startWorkerProces, type Proces } from './helpers/processen';
import { wachtTot } from './helpers/wacht';

const dag = pinKlok();

/**
 * Killing a worker process (SIGKILL) at any point of a chain exchange loses and doubles nothing.
 * The point is exact, not timed: the simulator holds the worker's request at a gate (`houd`), the
 * test waits until the simulator says it holds it (and what it stored by then), kills the worker,
 * lets the held request go on (the simulator does nothing for a client that went away before it
 * acted), starts a new worker and waits until the exchange is done; then every message is at the
 * other side once and in the hub once.
 * - VECOZO push: killed before VECOZO stored it, and after (before the hub recorded the 204).
 * - VECOZO pull: killed while the payload is fetched (before the hub's commit), between the hub's
 *   commit and VECOZO's handling of the DELETE, and after VECOZO confirmed it (before the hub got
 *   the 202: the hub committed before it sent the DELETE, so there is nothing left to record).
 * - GGk: the Du01 delivery killed mid-request, before the GGk stored it and after.
 */
const TOKEN = 'ggk-digikoppeling-token-voor-keten-kill-0123456789';
const XSD_DIR = path.join(__dirname, '..', '..', 'shared', 'ijw-3.2', 'xsd');
let build: string | undefined;
let hub: HubTestEnvironment;
let ggk: GgkSimulator;
let vz: VecozoSimulator;
let env: Record<string, string>;
const workers: Proces[] = [];
let volg = 0;

beforeAll(async () => {
  build = bouw();
  ggk = await new GgkSimulator({ hubToken: TOKEN }).start();
  vz = await startVecozoSimulator();
  hub = await createHubTestEnvironment('keten-kill', { env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url } });
  ggk.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
  const cfg = hub.api.cfg;
  env = {
    ...KLOK_ENV,
    DATABASE_URL: hub.db.appUrl,
    DATABASE_OWNER_URL: hub.db.ownerUrl,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: cfg.REDIS_URL,
    QUEUE_PREFIX: `keten-kill-${randomBytes(4).toString('hex')}`,
    WORKER_QUEUES: 'berichten',
    JWT_SECRET: TEST_SECRET,
    HUB_ENCRYPTION_KEYS: cfg.HUB_ENCRYPTION_KEYS ?? '',
    HUB_BSN_HASH_KEY: cfg.HUB_BSN_HASH_KEY ?? '',
    IJW_XSD_DIR: XSD_DIR,
    OUTBOX_POLL_MS: '50',
    // What a killed worker held comes back after these: short here, 30 s by default.
    OUTBOX_STALE_MS: '2000',
    QUEUE_LOCK_MS: '3000',
    JOB_BACKOFF_MS: '100',
    GGK: 'on',
    GGK_TOKEN: TOKEN,
    GGK_URL: ggk.url,
    VECOZO_URL: vz.url,
    VECOZO_POLL_MS: '100',
  };
  const aan = await hub.api.gql(hub.tokens.alfa, `mutation { zetVecozoPortaal(aanbiederAgb: "${AGB.alfa}", aan: true) { actief } }`);
  expect(aan.errors).toBeUndefined();
}, 300_000);

afterAll(async () => {
  for (const w of workers) await kill(w);
  await hub?.close();
  await ggk?.stop();
  await vz?.stop();
  opruimen(build);
}, 60_000);

afterEach(async () => {
  // Each test ends with no worker running: the next starts its own.
  for (const w of workers) await kill(w);
  expect(vz.afwijkingen).toEqual([]);
});

async function kill(p: Proces): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exit;
}

async function worker(): Promise<Proces> {
  const w = await startWorkerProces(build!, env);
  workers.push(w);
  return w;
}

/** Waits until the gate holds a request, then SIGKILLs the worker and lets the request go on. */
async function killBij(w: Proces, poort: Poort | SimPoort, wat: string): Promise<void> {
  await wachtTot(() => `${wat} held by the simulator (worker output: ${w.out().slice(-500)})`, () => poort.bezet);
  await kill(w);
  // The simulator has seen the connection close before the held request goes on.
  await wachtTot(`${wat}: its connection closed at the simulator`, () => poort.klantWeg);
  poort.open();
}

const STEL_OP = `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id traceerId } }`;
async function stelOp(): Promise<{ id: string; traceerId: string }> {
  const n = ++volg;
  const r = await hub.api.gql<{ stelVecozoBerichtOp: { id: string; traceerId: string } }>(hub.tokens.alfa, STEL_OP, {
    input: {
      soort: 'JW315',
      jw315: {
        gemeente: '0796', identificatie: `KK${n}`, bsn: testBsn(800 + n), geboortedatum: '2015-03-01', geslacht: '2', achternaam: 'Smit',
        producten: [{ referentieAanbieder: `KKR${n}`, categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
      },
    },
  });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return { id: ruweId(r.data!.stelVecozoBerichtOp.id), traceerId: r.data!.stelVecozoBerichtOp.traceerId };
}

const pushesVan = (tid: string) => vz.verzoeken.filter((v) => v.api === 'push' && v.body.includes(tid)).length;
const inDeHub = async (tid: string) => (await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM vecozo_bericht WHERE traceer_id = $1`, [tid]))[0].n;
const pullVerzoeken = (pad: string, method = 'GET') => vz.verzoeken.filter((v) => v.api === 'pull' && v.method === method && v.pad === pad).length;

describe('VECOZO push', () => {
  it.each([
    ['before VECOZO stored it', 'voor', 1],
    ['after VECOZO stored it, before the hub recorded the 204', 'na', 2],
  ] as const)('a worker killed %s: pushed again by the next with the same traceerId; one message at VECOZO, one in the hub', async (_naam, punt, keer) => {
    const b = await stelOp();
    const poort = vz.houd('push', punt);
    const w1 = await worker();
    await wachtTot('the push held', () => poort.bezet);
    expect(vz.ontvangen.has(b.traceerId)).toBe(punt === 'na');
    await killBij(w1, poort, 'the push');
    const [rij] = await hub.rijen<{ status: string; geclaimd: boolean }>(`SELECT status, bezig_tot > now() AS geclaimd FROM vecozo_bericht WHERE id = $1`, [b.id]);
    // The dead worker's claim holds the message (60 s): the claim runs out, which the test does at once instead of waiting for it.
    expect(rij).toEqual({ status: 'te_versturen', geclaimd: true });
    await hub.rijen(`UPDATE vecozo_bericht SET bezig_tot = now() - interval '1 second' WHERE id = $1`, [b.id]);

    await worker();
    await wachtTot('pushed by the second worker', async () => (await hub.rijen<{ status: string }>(`SELECT status FROM vecozo_bericht WHERE id = $1`, [b.id]))[0].status === 'verstuurd');
    expect(pushesVan(b.traceerId)).toBe(2);
    expect(vz.ontvangen.get(b.traceerId)?.keer).toBe(keer);
    expect([...vz.ontvangen.values()].filter((o) => o.metadata.referentiegegevens.traceerId === b.traceerId)).toHaveLength(1);
    expect(await inDeHub(b.traceerId)).toBe(1);
  });
});

describe('VECOZO pull', () => {
  const jw301 = () => zaakJw301({ bsn: testBsn(850 + ++volg), nummer: 9500 + volg, identificatie: `KKP${volg}`, dagtekening: dag });

  it('a worker killed while it fetches the payload (before its commit): the next takes it in once and confirms it', async () => {
    const tid = vz.lever({ payload: jw301() });
    const poort = vz.houd('payload', 'voor');
    const w1 = await worker();
    await killBij(w1, poort, 'the payload request');
    expect(await inDeHub(tid)).toBe(0);
    expect(vz.wachtend()).toEqual([tid]);
    await worker();
    await wachtTot('taken in and confirmed', () => vz.wachtend().length === 0);
    expect(await inDeHub(tid)).toBe(1);
    expect(pullVerzoeken(`/berichten/${tid}/payload`)).toBe(2);
    expect(pullVerzoeken(`/berichten/${tid}`, 'DELETE')).toBe(1);
  });

  it('a worker killed between its commit and the DELETE: the next finds it stored and only confirms it', async () => {
    const tid = vz.lever({ payload: jw301() });
    const poort = vz.houd('delete', 'voor');
    const w1 = await worker();
    await wachtTot('the DELETE held', () => poort.bezet);
    // The hub committed before it sent the DELETE.
    expect(await inDeHub(tid)).toBe(1);
    await killBij(w1, poort, 'the DELETE');
    // VECOZO did nothing for the client that went away: still listed.
    expect(vz.wachtend()).toEqual([tid]);
    await worker();
    await wachtTot('confirmed by the second worker', () => vz.wachtend().length === 0);
    expect(await inDeHub(tid)).toBe(1);
    // Recognised by its traceerId: not fetched again.
    expect(pullVerzoeken(`/berichten/${tid}/payload`)).toBe(1);
    expect(pullVerzoeken(`/berichten/${tid}`, 'DELETE')).toBe(2);
  });

  it('a worker killed after VECOZO confirmed the DELETE, before it got the 202: nothing left to do, stored once', async () => {
    const tid = vz.lever({ payload: jw301() });
    const poort = vz.houd('delete', 'na');
    const w1 = await worker();
    await wachtTot('the DELETE held', () => poort.bezet);
    expect(vz.wachtend()).toEqual([]);
    await killBij(w1, poort, 'the DELETE');
    const lijsten = pullVerzoeken('/berichten?limit=250');
    await worker();
    await wachtTot('a pull by the second worker', () => pullVerzoeken('/berichten?limit=250') > lijsten);
    expect(await inDeHub(tid)).toBe(1);
    expect(pullVerzoeken(`/berichten/${tid}/payload`)).toBe(1);
    expect(pullVerzoeken(`/berichten/${tid}`, 'DELETE')).toBe(1);
  });
});

describe('GGk delivery', () => {
  const ALFA = { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' };
  const BOSCH = { organisatie: '0796', applicatie: 'GGk' };
  const jw315 = (bsn: string): string => jw315Xml({ bsn, identificatie: `KKG${++volg}`, referentie: `KKGR${volg}` });

  it.each([
    ['before the GGk stored it', 'voorOpslag', ['verbroken', 200]],
    ['after the GGk stored it, before the hub recorded the Bv03', 'naOpslag', [200, 200]],
  ] as const)('the worker killed mid-request %s: the next sends the same envelope; at the GGk once, afgeleverd once in the hub', async (_naam, punt, verwacht) => {
    const poort = ggk.houd(punt);
    const w1 = await worker();
    const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(870 + volg)) });
    expect((await ggk.lever('Di01', e.xml))[0].http).toBe(200);
    await wachtTot(() => `the Du01 held (worker output: ${w1.out().slice(-500)})`, () => poort.bezet);
    expect(ggk.ontvangen.filter((o) => o.crossRefnummer === e.referentienummer)).toHaveLength(punt === 'naOpslag' ? 1 : 0);
    await killBij(w1, poort, 'the Du01');

    await worker();
    const du01 = await wachtTot('the Du01 at the GGk', () => ggk.ontvangen.find((o) => o.crossRefnummer === e.referentienummer));
    const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
    const retouren = await hub.rijen<{ id: string }>(`SELECT id FROM bericht WHERE heen_id = $1`, [heen.bericht_id]);
    expect(retouren).toHaveLength(1);
    await wachtOpBericht(hub.api.url, hub.tokens.alfa, retouren[0].id, (s) => s.status === 'afgeleverd');
    const pogingen = ggk.pogingen.filter((p) => p.xml.includes(du01.referentienummer));
    // The held one, then the next worker's (a second job for the same row, from the outbox's sweep, would be answered the same).
    expect(pogingen.slice(0, 2).map((p) => p.http)).toEqual(verwacht);
    expect(pogingen.slice(1).every((p) => p.http === 200)).toBe(true);
    expect(new Set(pogingen.map((p) => p.xml)).size).toBe(1);
    expect(ggk.ontvangen.filter((o) => o.crossRefnummer === e.referentienummer)).toHaveLength(1);
    const uit = await hub.rijen<{ status: string }>(`SELECT status FROM ggk_envelop WHERE richting = 'uit' AND bericht_id = $1`, [retouren[0].id]);
    expect(uit).toEqual([{ status: 'verzonden' }]);
  });
});
