import { zetKlok, nu } from '../src/common/klok';
import { bezorgBericht } from '../src/messaging/processing/bezorging';
import { bezorgkanalen } from '../src/modules';
import { verstuurOpen } from '../src/vecozo/vecozo.uitwisseling';
import { VspClient } from '../src/vecozo/vsp.client';
import { randomBytes } from 'node:crypto';
import { GgkSimulator } from '../sim/ggk/simulator';
import { startVecozoSimulator, type VecozoSimulator } from '../sim/vecozo/simulator';
import { AGB } from './fixtures/regions';
import { testBsn, jw315Xml } from './helpers/berichten';
import { KLOK, KLOK_ENV, pinKlok } from './helpers/klok';
import { bouw, opruimen, startWorkerProces, stop as stopProces, type Proces } from './helpers/processen';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { wachtTot } from './helpers/wacht';

pinKlok();

/**
 * Freeze windows (verzendstop) through GraphQL, against the GGk simulator and the VECOZO
 * simulator: during a window what is due waits ("later te versturen"), uses up no attempt and
 * gets no GGk envelope; after it (withdrawn, or over by the hub's clock) it leaves in its original
 * order, each message once, with tijdstipBericht rising in sending order.
 */
const TOKEN = 'ggk-digikoppeling-token-voor-de-tests-0123456789';
let hub: HubTestEnvironment;
let ggk: GgkSimulator;
let vecozo: VecozoSimulator;
let client: VspClient;
let volg = 0;

const ALFA = { organisatie: AGB.alfa, applicatie: 'Alfa Zorgsoftware' };
const BOSCH = { organisatie: '0796', applicatie: 'GGk' };

beforeAll(async () => {
  ggk = await new GgkSimulator({ hubToken: TOKEN }).start();
  vecozo = await startVecozoSimulator();
  hub = await createHubTestEnvironment('verzendstop', {
    env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk.url, GGK_TIMEOUT_MS: '2000' },
    // Many short retries: a delivery failing before a window still has attempts left when the window starts.
    worker: { pogingen: { attempts: 14, backoffMs: 20 } },
  });
  ggk.hubUrl = `${hub.api.url}/ggk/OntvangAsynchroon`;
  client = new VspClient({ url: vecozo.url, timeoutMs: 5000 });
});

afterAll(async () => {
  await hub?.close();
  await ggk?.stop();
  await vecozo?.stop();
});

const KONDIG_AAN = `mutation($input: VerzendstopInput!) { kondigVerzendstopAan(input: $input) { id kanaal regioCode van tot reden } }`;
const TREK_IN = `mutation($id: ID!) { trekVerzendstopIn(id: $id) { id ingetrokkenOp } }`;

async function kondigAan(token: string, input: Record<string, unknown>): Promise<string> {
  const r = await hub.api.gql<{ kondigVerzendstopAan: { id: string } }>(token, KONDIG_AAN, { input });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.kondigVerzendstopAan.id;
}

async function trekIn(token: string, id: string): Promise<void> {
  const r = await hub.api.gql(token, TREK_IN, { id });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}

/** A window from an hour ago until tomorrow, by the hub's clock. */
const lopend = (kanaal: string, extra: Record<string, unknown> = {}) => ({
  van: new Date(nu().getTime() - 3600_000).toISOString(),
  tot: new Date(nu().getTime() + 24 * 3600_000).toISOString(),
  kanaal,
  reden: 'Releasewissel iJw 3.2',
  ...extra,
});

const jw315 = (bsn: string): string => jw315Xml({ bsn, identificatie: `VS${++volg}`, referentie: `VSR${volg}` });

const tijd = () => `2400${String(++volg).padStart(13, '0')}`;

/** A JW315 from alfa through the GGk (a Di01); its JW316 is the hub's message to deliver back through the GGk. Returns the JW316's id. */
async function vraagViaGgk(bsn: string): Promise<string> {
  const e = ggk.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(bsn), tijdstipBericht: tijd() });
  const [a] = await ggk.lever('Di01', e.xml);
  expect(a.http).toBe(200);
  const [heen] = await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
  return wachtTot(`the JW316 on ${e.referentienummer}`, async () => (await hub.rijen<{ id: string }>(`SELECT id FROM bericht WHERE heen_id = $1`, [heen.bericht_id]))[0]?.id);
}

type Uitgaand = {
  id: string;
  status: string;
  vastgehouden: boolean;
  ronde: number;
  envelop: string | null;
};
const uitgaand = async (id: string): Promise<Uitgaand> =>
  (
    await hub.rijen<Uitgaand>(
      `SELECT b.id, b.status, o.vastgehouden_op IS NOT NULL AS vastgehouden, o.ronde,
              (SELECT e.tijdstip_bericht FROM ggk_envelop e WHERE e.bericht_id = b.id AND e.richting = 'uit' AND e.status <> 'vervangen') AS envelop
         FROM bericht b JOIN outbox o ON o.bericht_id = b.id AND o.soort = 'bezorg' WHERE b.id = $1 ORDER BY o.id DESC LIMIT 1`,
      [id],
    )
  )[0];

const laterTeVersturen = async (token: string, id: string) => {
  const r = await hub.api.gql<{ bericht: { status: string; laterTeVersturen: boolean } }>(token, `query($id: ID!) { bericht(id: $id) { status laterTeVersturen } }`, { id });
  expect(r.errors).toBeUndefined();
  return r.data!.bericht;
};

/** The REST read of one message, as its provider reads it. */
const rest = async (id: string) => (await (await fetch(`${hub.api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${hub.tokens.alfa}` } })).json()) as { status: string; laterTeVersturen?: boolean };

/** What the GGk received for these messages, in the order it received them. */
const aangekomen = async (ids: string[]) => {
  const ref = new Map((await hub.rijen<{ bericht_id: string; referentienummer: string }>(`SELECT bericht_id, referentienummer FROM ggk_envelop WHERE richting = 'uit' AND bericht_id = ANY($1::uuid[])`, [ids])).map((r) => [r.referentienummer, r.bericht_id]));
  return ggk.ontvangen.filter((o) => ref.has(o.referentienummer)).map((o) => ({ id: ref.get(o.referentienummer)!, tijdstip: o.tijdstipBericht, ref: o.referentienummer }));
};

describe('declaring a freeze window', () => {
  it('only an administrator declares, lists and withdraws; one of a region only for its region; all of it audited', async () => {
    for (const t of [hub.tokens.regio, hub.tokens.bosch, hub.tokens.alfa]) {
      const r = await hub.api.gql(t, KONDIG_AAN, { input: lopend('ggk') });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await hub.api.gql(t, `{ verzendstops { id } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const gro = await hub.api.token({ rol: 'beheerder', regio: 'GRO' });
    expect((await hub.api.gql(gro, KONDIG_AAN, { input: lopend('ggk', { regioCode: 'NOB', van: '2031-01-01T00:00:00Z', tot: '2031-01-02T00:00:00Z' }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const eigen = await kondigAan(gro, lopend('alle', { van: '2031-01-01T00:00:00Z', tot: '2031-01-02T00:00:00Z' }));
    const landelijk = await kondigAan(hub.tokens.beheerder, lopend('vecozo', { van: '2031-02-01T00:00:00Z', tot: '2031-02-02T00:00:00Z' }));
    // Not its window to withdraw: another region's administrator does not find the hub-wide one.
    expect((await hub.api.gql(gro, TREK_IN, { id: landelijk })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const v = await hub.api.gql<{ verzendstops: { id: string; regioCode: string | null }[] }>(gro, `{ verzendstops { id regioCode } }`);
    expect(v.data!.verzendstops.map((x) => x.id).sort()).toEqual([eigen, landelijk].sort());
    expect(v.data!.verzendstops.find((x) => x.id === eigen)!.regioCode).toBe('GRO');
    // An end before its begin, a window already over.
    const r = await hub.api.gql(hub.tokens.beheerder, KONDIG_AAN, { input: lopend('ggk', { van: '2031-01-02T00:00:00Z', tot: '2031-01-01T00:00:00Z' }) });
    expect(r.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const voorbij = await hub.api.gql(hub.tokens.beheerder, KONDIG_AAN, { input: lopend('ggk', { van: '2020-01-01T00:00:00Z', tot: '2020-01-02T00:00:00Z' }) });
    expect(voorbij.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    await trekIn(gro, eigen);
    await trekIn(hub.tokens.beheerder, landelijk);
    expect((await hub.api.gql(hub.tokens.beheerder, TREK_IN, { id: landelijk })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const actueel = await hub.api.gql<{ verzendstops: unknown[] }>(hub.tokens.beheerder, `{ verzendstops(actueel: true) { id } }`);
    expect(actueel.data!.verzendstops).toEqual([]);
    const audit = await hub.rijen<{ actie: string; n: number }>(
      `SELECT actie, count(*)::int AS n FROM audit_log WHERE entiteit = 'verzendstop' AND entiteit_id = ANY($1::text[]) GROUP BY actie ORDER BY actie`,
      [[eigen, landelijk]],
    );
    expect(audit).toEqual([
      { actie: 'verzendstop.aangekondigd', n: 2 },
      { actie: 'verzendstop.ingetrokken', n: 2 },
    ]);
  });
});

describe('the GGk during and after a window', () => {
  it('a delivery under way when the window starts stops without using up its attempts and leaves after it with the same envelope', async () => {
    // The GGk fails until further notice: the hub's JW316 is being retried when the window starts.
    ggk.storingen.http5xx = 1_000_000;
    const id = await vraagViaGgk(testBsn(1));
    await wachtTot('a first failed attempt', async () => (await uitgaand(id)).envelop !== null && ggk.pogingen.length > 0);
    const envelop = (await uitgaand(id)).envelop;
    const stop = await kondigAan(hub.tokens.beheerder, lopend('ggk'));
    // Its next retry finds the channel frozen: the row goes back, held, as a new round.
    await wachtTot('the job handed its row back', async () => {
      const u = await uitgaand(id);
      return u.ronde === 1 && u.vastgehouden && u.status === 'klaar';
    });
    const gezien = ggk.pogingen.length;
    expect(await laterTeVersturen(hub.tokens.alfa, id)).toEqual({ status: 'klaar', laterTeVersturen: true });
    // A stale job of the earlier round (a worker killed after it handed the row back) does nothing.
    expect(await bezorgBericht(hub.ds, hub.sleutels, id, undefined, bezorgkanalen({ cfg: hub.api.cfg, ds: hub.ds }), 0)).toEqual({ status: 'klaar' });
    expect((await uitgaand(id)).ronde).toBe(1);
    expect(ggk.pogingen.length).toBe(gezien);

    ggk.storingen.http5xx = 0;
    await trekIn(hub.tokens.beheerder, stop);
    await wachtTot('delivered after the window', async () => (await uitgaand(id)).status === 'afgeleverd');
    const [aan] = await aangekomen([id]);
    expect(aan.tijdstip).toBe(envelop);
    expect(ggk.ontvangen.filter((o) => o.referentienummer === aan.ref)).toHaveLength(1);
    expect(await laterTeVersturen(hub.tokens.alfa, id)).toEqual({ status: 'afgeleverd', laterTeVersturen: false });
  });

  it('messages written during a window wait, later te versturen, without an envelope; after it they arrive in their original order, once, tijdstipBericht rising', async () => {
    const stop = await kondigAan(hub.tokens.beheerder, lopend('ggk'));
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await vraagViaGgk(testBsn(10 + i)));
    for (const id of ids) await wachtTot(`message ${id} held`, async () => (await uitgaand(id)).vastgehouden);
    for (const id of ids) {
      expect(await uitgaand(id)).toMatchObject({ status: 'klaar', envelop: null });
      expect(await laterTeVersturen(hub.tokens.alfa, id)).toEqual({ status: 'klaar', laterTeVersturen: true });
      expect(await rest(id)).toMatchObject({ status: 'klaar', laterTeVersturen: true });
    }
    expect(await aangekomen(ids)).toEqual([]);
    // The order they were written in: their delivery rows' order.
    const volgorde = (await hub.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM outbox WHERE soort = 'bezorg' AND bericht_id = ANY($1::uuid[]) ORDER BY id`, [ids])).map((r) => r.bericht_id);

    await trekIn(hub.tokens.beheerder, stop);
    await wachtTot('all delivered', async () => (await Promise.all(ids.map(uitgaand))).every((u) => u.status === 'afgeleverd'));
    const aan = await aangekomen(ids);
    expect(aan.map((a) => a.id)).toEqual(volgorde);
    expect(await rest(ids[0])).toMatchObject({ status: 'afgeleverd', laterTeVersturen: false });
    for (let i = 1; i < aan.length; i++) expect(aan[i].tijdstip > aan[i - 1].tijdstip).toBe(true);
    // Each once: one envelope each, one attempt each.
    for (const a of aan) expect(ggk.pogingen.filter((p) => p.xml.includes(a.ref))).toHaveLength(1);
    expect(await hub.rijen(`SELECT 1 FROM outbox WHERE bericht_id = ANY($1::uuid[]) AND afgehandeld_op IS NULL`, [ids])).toEqual([]);
  });

  it('a window of another channel or another region holds nothing of these', async () => {
    const vecozoStop = await kondigAan(hub.tokens.beheerder, lopend('vecozo'));
    const gro = await hub.api.token({ rol: 'beheerder', regio: 'GRO' });
    const groStop = await kondigAan(gro, lopend('ggk'));
    const id = await vraagViaGgk(testBsn(30));
    await wachtTot('delivered', async () => (await uitgaand(id)).status === 'afgeleverd');
    expect((await uitgaand(id)).vastgehouden).toBe(false);
    await trekIn(hub.tokens.beheerder, vecozoStop);
    await trekIn(gro, groStop);
  });
});

describe('VECOZO during and after a window', () => {
  const STEL_OP = `mutation($input: VecozoBerichtInput!) { stelVecozoBerichtOp(input: $input) { id traceerId } }`;
  const stelOp = async (): Promise<{ id: string; traceerId: string }> => {
    const input = {
      soort: 'JW315',
      jw315: {
        gemeente: '0796',
        identificatie: `VZS${++volg}`,
        bsn: testBsn(700 + volg),
        geboortedatum: '2015-03-01',
        geslacht: '2',
        achternaam: 'Smit',
        producten: [{ referentieAanbieder: `VZR${volg}`, categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', verwijzerType: '02', verwijzerNaam: 'Huisarts' }],
      },
    };
    const r = await hub.api.gql<{ stelVecozoBerichtOp: { id: string; traceerId: string } }>(hub.tokens.alfa, STEL_OP, { input });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.stelVecozoBerichtOp;
  };
  const lees = async (id: string) => {
    const r = await hub.api.gql<{ node: { status: string; pogingen: number; laterTeVersturen: boolean } }>(hub.tokens.alfa, `query($id: ID!) { node(id: $id) { ... on VecozoBericht { status pogingen laterTeVersturen } } }`, { id });
    expect(r.errors).toBeUndefined();
    return r.data!.node;
  };

  it('nothing is pushed while the window lasts, no attempt is used; once the hub’s clock passes its end they are pushed in order, once', async () => {
    const zet = await hub.api.gql(hub.tokens.alfa, `mutation($agb: String!) { zetVecozoPortaal(aanbiederAgb: $agb, aan: true) { actief } }`, { agb: AGB.alfa });
    expect(zet.errors).toBeUndefined();
    // A window of one hour from now, by the hub's clock.
    await kondigAan(hub.tokens.beheerder, { ...lopend('alle'), tot: new Date(nu().getTime() + 3600_000).toISOString() });
    const berichten = [await stelOp(), await stelOp(), await stelOp()];
    // A whole push round during the window claims nothing.
    expect(await verstuurOpen(hub.ds, hub.sleutels, client)).toEqual({ aangenomen: 0, geweigerd: 0, opnieuw: 0 });
    for (const b of berichten) expect(await lees(b.id)).toEqual({ status: 'te_versturen', pogingen: 0, laterTeVersturen: true });
    expect(vecozo.verzoeken.filter((v) => v.api === 'push')).toHaveLength(0);

    // Two hours later: the window is over, nothing was restarted.
    zetKlok(new Date(Date.parse(KLOK) + 2 * 3600_000).toISOString());
    try {
      expect(await verstuurOpen(hub.ds, hub.sleutels, client)).toEqual({ aangenomen: 3, geweigerd: 0, opnieuw: 0 });
      expect([...vecozo.ontvangen.keys()]).toEqual(berichten.map((b) => b.traceerId));
      for (const b of berichten) expect(await lees(b.id)).toEqual({ status: 'verstuurd', pogingen: 1, laterTeVersturen: false });
      expect(vecozo.verzoeken.filter((v) => v.api === 'push')).toHaveLength(3);
    } finally {
      zetKlok(KLOK);
    }
  });
});

describe('a worker killed while it releases what a window held', () => {
  // Its own hub (database, api) and GGk simulator; the worker is a compiled process, killed with SIGKILL.
  let hub2: HubTestEnvironment;
  let ggk2: GgkSimulator;
  let build: string | undefined;
  let env: Record<string, string>;
  const workers: Proces[] = [];

  beforeAll(async () => {
    build = bouw();
    ggk2 = await new GgkSimulator({ hubToken: TOKEN }).start();
    hub2 = await createHubTestEnvironment('verzendstop_proces', { env: { GGK: 'on', GGK_TOKEN: TOKEN, GGK_URL: ggk2.url } });
    ggk2.hubUrl = `${hub2.api.url}/ggk/OntvangAsynchroon`;
    env = {
      ...KLOK_ENV,
      DATABASE_URL: hub2.db.appUrl,
      DATABASE_OWNER_URL: hub2.db.ownerUrl,
      QUEUE_PREFIX: `verzendstop-${randomBytes(4).toString('hex')}`,
      WORKER_QUEUES: 'berichten',
      OUTBOX_POLL_MS: '20',
      OUTBOX_STALE_MS: '3000',
      // The killed worker's job comes back once its lock expires: short here.
      QUEUE_LOCK_MS: '3000',
      JWT_SECRET: 'verzendstop-test-secret-0123456789-abcdef',
      HUB_ENCRYPTION_KEYS: hub2.api.cfg.HUB_ENCRYPTION_KEYS ?? '',
      HUB_BSN_HASH_KEY: hub2.api.cfg.HUB_BSN_HASH_KEY ?? '',
      GGK_URL: ggk2.url,
    };
    workers.push(await startWorkerProces(build, env));
  }, 300_000);

  afterAll(async () => {
    for (const w of workers) await stopProces(w);
    await hub2?.close();
    await ggk2?.stop();
    opruimen(build);
  }, 60_000);

  it('loses nothing and sends nothing twice: every held message arrives once, in order, tijdstipBericht rising', async () => {
    const r = await hub2.api.gql<{ kondigVerzendstopAan: { id: string } }>(hub2.tokens.beheerder, KONDIG_AAN, { input: lopend('ggk') });
    expect(r.errors).toBeUndefined();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const e = ggk2.envelop({ actie: 'Di01', zender: ALFA, ontvanger: BOSCH, functie: 'JW315', xml: jw315(testBsn(40 + i)), tijdstipBericht: tijd() });
      expect((await ggk2.lever('Di01', e.xml))[0].http).toBe(200);
      const [heen] = await hub2.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM ggk_envelop WHERE referentienummer = $1`, [e.referentienummer]);
      ids.push(await wachtTot('its JW316', async () => (await hub2.rijen<{ id: string }>(`SELECT id FROM bericht WHERE heen_id = $1`, [heen.bericht_id]))[0]?.id));
    }
    const vastgehouden = async () => (await hub2.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE bericht_id = ANY($1::uuid[]) AND vastgehouden_op IS NOT NULL`, [ids]))[0].n;
    await wachtTot('all twelve held', async () => (await vastgehouden()) === ids.length);
    expect(ggk2.ontvangen.filter((o) => o.actie === 'Du01')).toHaveLength(0);
    const volgorde = (await hub2.rijen<{ bericht_id: string }>(`SELECT bericht_id FROM outbox WHERE soort = 'bezorg' AND bericht_id = ANY($1::uuid[]) ORDER BY id`, [ids])).map((x) => x.bericht_id);

    // The window withdrawn; the worker killed once the release is under way, another started.
    const w = await hub2.api.gql(hub2.tokens.beheerder, TREK_IN, { id: r.data!.kondigVerzendstopAan.id });
    expect(w.errors).toBeUndefined();
    await wachtTot('the release under way', () => ggk2.ontvangen.filter((o) => o.actie === 'Du01').length >= 3);
    workers[0].child.kill('SIGKILL');
    await workers[0].exit;
    workers.push(await startWorkerProces(build!, env));

    const statussen = async () => hub2.rijen<{ status: string }>(`SELECT status FROM bericht WHERE id = ANY($1::uuid[])`, [ids]);
    await wachtTot('all delivered', async () => (await statussen()).every((s) => s.status === 'afgeleverd'), 120_000);
    const ref = new Map((await hub2.rijen<{ bericht_id: string; referentienummer: string }>(`SELECT bericht_id, referentienummer FROM ggk_envelop WHERE richting = 'uit' AND status <> 'vervangen' AND bericht_id = ANY($1::uuid[])`, [ids])).map((x) => [x.referentienummer, x.bericht_id]));
    expect(ref.size).toBe(ids.length);
    // What the GGk stored (a resend of the same envelope after the kill is recognised there, and stored once).
    const aan = ggk2.ontvangen.filter((o) => ref.has(o.referentienummer));
    expect(aan.map((o) => ref.get(o.referentienummer))).toEqual(volgorde);
    for (let i = 1; i < aan.length; i++) expect(aan[i].tijdstipBericht > aan[i - 1].tijdstipBericht).toBe(true);
    expect(await hub2.rijen(`SELECT 1 FROM outbox WHERE bericht_id = ANY($1::uuid[]) AND afgehandeld_op IS NULL`, [ids])).toEqual([]);
  }, 180_000);
});
