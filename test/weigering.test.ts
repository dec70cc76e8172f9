import type { Client } from 'pg';
import { ruweId, type TestApi } from './helpers/api';
import { jw305Xml, stuurBericht, testBsn, wachtOpBericht, zaakJw301 } from './helpers/berichten';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * What the hub refuses goes nowhere: a municipality's message the hub refused is not sent, so the
 * provider it names never sees it; a message naming a party the hub does not serve is refused at
 * the door, with nothing stored and nobody answering on that party's behalf.
 */
let hub: HubTestEnvironment;
let api: TestApi;
let owner: Client;
const t: Record<string, string> = {};
const DAG = '2026-11-20';
let volg = 0;

beforeAll(async () => {
  hub = await createHubTestEnvironment('weigering', { poolSize: 6, worker: true });
  ({ api, owner } = hub);
  t.zaak = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.alfa = hub.tokens.alfa;
  t.amsterdam = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0363'] });
  t.onbekend = await api.token({ rol: 'aanbieder', agb: '71000099' });
});

afterAll(async () => {
  await hub?.close();
});

/** A JW301 of a municipality's own case system, for provider `agb` (alfa unless named). */
const jw301 = (o: { bsn: string; nummer: number; agb?: string; gemeente?: string }) => zaakJw301({ ...o, identificatie: `W${++volg}`, dagtekening: DAG });

const get = (token: string, pad: string) => fetch(`${api.url}/ijw/berichten/${pad}`, { headers: { authorization: `Bearer ${token}` } });
const klaar = (token: string, id: string) => wachtOpBericht(api.url, token, id, (s) => !['ontvangen', 'klaar'].includes(s.status));
const berichtRijen = async () => (await owner.query<{ n: number }>(`SELECT (SELECT count(*) FROM bericht) + (SELECT count(*) FROM outbox) AS n`)).rows[0].n;

describe('a refused message goes nowhere', () => {
  let aanvaard = '';
  let geweigerd = '';

  it('a JW301 the hub refused (TR332): its sender reads 9332 among the retour codes', async () => {
    aanvaard = await stuurBericht(api.url, t.zaak, jw301({ bsn: testBsn(100), nummer: 7001 }));
    expect((await klaar(t.zaak, aanvaard)).status).toBe('beschikbaar');
    geweigerd = await stuurBericht(api.url, t.zaak, jw301({ bsn: testBsn(101), nummer: 7001 }));
    await klaar(t.zaak, geweigerd);
    const r = await get(t.zaak, geweigerd);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: 'afgekeurd', retourcodes: ['9332'] });
    // Also where the back office lists messages by retour code.
    const g = await api.gql<{ berichten: { edges: { node: { id: string } }[] } }>(t.zaak, `{ berichten(filter: { retourcode: "9332" }) { edges { node { id } } } }`);
    expect(g.data?.berichten.edges.map((e) => ruweId(e.node.id))).toEqual([geweigerd]);
  });

  it('the provider it names does not see the refused JW301: not listed, 404 on the message and its XML', async () => {
    expect((await get(t.alfa, geweigerd)).status).toBe(404);
    expect((await get(t.alfa, `${geweigerd}/xml`)).status).toBe(404);
    const g = await api.gql<{ berichten: { edges: { node: { id: string } }[] }; bericht: { id: string } | null }>(
      t.alfa,
      `query($id: ID!) { berichten(filter: { type: "JW301", richting: "in" }) { edges { node { id } } } bericht(id: $id) { id } }`,
      { id: geweigerd },
    );
    expect(g.errors).toBeUndefined();
    // The forwarded one it does see.
    expect(g.data?.berichten.edges.map((e) => ruweId(e.node.id))).toEqual([aanvaard]);
    expect(g.data?.bericht).toBeNull();
    expect((await get(t.alfa, `${aanvaard}/xml`)).status).toBe(200);
    // The sender still reads its own message.
    expect((await get(t.zaak, `${geweigerd}/xml`)).status).toBe(200);
  });
});

describe('a party the hub does not serve is refused at the door', () => {
  const post = async (token: string, xml: string) => {
    const r = await fetch(`${api.url}/ijw/berichten`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' }, body: xml });
    return { status: r.status, body: (await r.json()) as { code?: string; partij?: string } };
  };

  const gevallen: [string, () => { token: string; xml: string }, { code: string; partij: string }][] = [
    ['a JW305 to a municipality the hub does not serve (0363)', () => ({ token: t.alfa, xml: jw305Xml({ identificatie: 'D1', bsn: testBsn(200), dagtekening: DAG, begindatum: DAG, change: (m) => ((m.bericht.Header as Record<string, unknown>).Ontvanger = '0363') }) }), { code: 'UNKNOWN_RECEIVER', partij: '0363' }],
    ['a JW301 to a provider the hub does not know', () => ({ token: t.zaak, xml: jw301({ bsn: testBsn(201), nummer: 7101, agb: '71000099' }) }), { code: 'UNKNOWN_RECEIVER', partij: '71000099' }],
    ['a JW305 from a provider the hub does not know', () => ({ token: t.onbekend, xml: jw305Xml({ identificatie: 'D2', bsn: testBsn(203), dagtekening: DAG, begindatum: DAG, change: (m) => ((m.bericht.Header as Record<string, unknown>).Afzender = '71000099') }) }), { code: 'UNKNOWN_SENDER', partij: '71000099' }],
  ];

  it('a municipality the hub does not serve cannot send at all: its token is refused (401) before the message is read', async () => {
    const voor = await berichtRijen();
    const r = await post(t.amsterdam, jw301({ bsn: testBsn(202), nummer: 7102, gemeente: '0363' }));
    expect(r.status).toBe(401);
    expect(await berichtRijen()).toBe(voor);
  });

  it.each(gevallen)('%s: 422 with its code, nothing stored, no retour', async (_l, bericht, verwacht) => {
    const voor = await berichtRijen();
    const { token, xml } = bericht();
    const r = await post(token, xml);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject(verwacht);
    // The same again: still refused (no replay of something stored).
    expect((await post(token, xml)).status).toBe(422);
    expect(await berichtRijen()).toBe(voor);
  });
});
