import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { parseMessage, writeMessage, type IjwNode } from '../src/messaging/ijw/codec';
import { bouwRetour } from '../src/messaging/processing/retour';
import { sampleMessage } from '../src/messaging/ijw/samples';
import { schrijfUitgaandBulk } from '../src/messaging/uitgaand';
import { ruweId, type TestApi } from './helpers/api';
import { stuurBericht, testBsn, wachtOpBericht, zaakJw301 } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';
import { pinKlok } from './helpers/klok';

/**
 * The mailbox (postbus): a receiver without a delivery endpoint lists what waits for it, fetches
 * each message and confirms receipt (VECOZO's pull); confirmed items leave the list and stay
 * readable by id. Over REST and GraphQL, for providers and municipalities, never another's.
 */
let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
const t: Record<string, string> = {};
const vandaag = pinKlok();

interface Item {
  id: string;
  type: string;
  afzender: string;
  ontvanger: string;
  identificatie: string;
  ontvangenOp: string;
  grootte: number;
  sha256: string;
  heenId: string | null;
}
interface Pagina {
  berichten: Item[];
  volgende: string | null;
}

beforeAll(async () => {
  hub = await createHubTestEnvironment('postbus', { poolSize: 8, worker: true });
  ({ ds, api } = hub);
  t.zaak = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
  t.alfa = hub.tokens.alfa;
  t.beta = hub.tokens.beta;
  t.gamma = hub.tokens.gamma;
});

afterAll(async () => {
  await hub?.close();
});

const http = (token: string | undefined, pad: string, method = 'GET') =>
  fetch(`${api.url}/ijw/postbus${pad}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
const lijst = async (token: string, query = ''): Promise<Pagina> => {
  const r = await http(token, query);
  expect(r.status).toBe(200);
  return (await r.json()) as Pagina;
};
const auditRijen = async (actie: string, id: string) =>
  Number((await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = $1 AND entiteit_id = $2`, [actie, id]))[0].n);
const status = async (id: string) => (await hub.rijen<{ status: string }>(`SELECT status FROM bericht WHERE id = $1`, [id]))[0].status;

describe('a provider pulls its mailbox over REST', () => {
  let id = '';
  const bsn = testBsn(1);

  it('a JW301 the municipality sends through the hub waits in the provider’s mailbox, metadata only', async () => {
    id = await stuurBericht(api.url, t.zaak, zaakJw301({ bsn, nummer: 7001, identificatie: 'PB1', dagtekening: vandaag }));
    expect((await wachtOpBericht(api.url, t.zaak, id, (s) => !['ontvangen', 'klaar'].includes(s.status))).status).toBe('beschikbaar');
    const p = await lijst(t.alfa);
    const item = p.berichten.find((b) => b.id === id);
    expect(item).toMatchObject({ type: 'JW301', afzender: '0796', ontvanger: AGB.alfa, identificatie: 'PB1', heenId: null });
    expect(item!.grootte).toBeGreaterThan(100);
    expect(item!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(p)).not.toContain(bsn);
    expect(p.volgende).toBeNull();
    // Oldest first.
    const tijden = p.berichten.map((b) => `${b.ontvangenOp} ${b.id}`);
    expect([...tijden].sort()).toEqual(tijden);
  });

  it('another provider neither sees it nor fetches nor confirms it: 404, as for an id that does not exist', async () => {
    expect((await lijst(t.beta)).berichten.map((b) => b.id)).not.toContain(id);
    expect((await http(t.beta, `/${id}`)).status).toBe(404);
    expect((await http(t.beta, `/${id}`, 'DELETE')).status).toBe(404);
    expect((await http(t.alfa, '/00000000-0000-4000-8000-000000000000', 'DELETE')).status).toBe(404);
    expect((await http(t.alfa, '/geen-uuid')).status).toBe(404);
    // The municipality that sent it does not receive it: it is no item of its mailbox.
    expect((await http(t.zaak, `/${id}`, 'DELETE')).status).toBe(404);
    expect(await status(id)).toBe('beschikbaar');
  });

  it('the provider fetches the XML, audited', async () => {
    const r = await http(t.alfa, `/${id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/xml/);
    expect(await r.text()).toContain(`<Bsn>${bsn}</Bsn>`);
    expect(await auditRijen('bericht.xml.gelezen', id)).toBe(1);
  });

  it('two confirmations at once: both 204, one transition; it leaves the list and stays readable by id', async () => {
    const [a, b] = await Promise.all([http(t.alfa, `/${id}`, 'DELETE'), http(t.alfa, `/${id}`, 'DELETE')]);
    expect([a.status, b.status]).toEqual([204, 204]);
    expect(await status(id)).toBe('opgehaald');
    expect(await auditRijen('bericht.opgehaald', id)).toBe(1);
    expect((await lijst(t.alfa)).berichten.map((x) => x.id)).not.toContain(id);
    // Again later: the same answer, nothing changes.
    expect((await http(t.alfa, `/${id}`, 'DELETE')).status).toBe(204);
    expect(await auditRijen('bericht.opgehaald', id)).toBe(1);
    const x = await http(t.alfa, `/${id}`);
    expect(x.status).toBe(200);
    expect(await x.text()).toContain(`<Bsn>${bsn}</Bsn>`);
    const g = await api.gql<{ bericht: { status: string; opgehaaldOp: string | null } }>(t.alfa, `query($id: ID!) { bericht(id: $id) { status opgehaaldOp } }`, { id });
    expect(g.data!.bericht.status).toBe('opgehaald');
    expect(g.data!.bericht.opgehaaldOp).not.toBeNull();
    const rest = (await (await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${t.alfa}` } })).json()) as { status: string };
    expect(rest.status).toBe('opgehaald');
  });

  it('who has no mailbox, or no token', async () => {
    expect((await http(hub.tokens.regio, '')).status).toBe(403);
    expect((await http(hub.tokens.beheerder, `/${id}`, 'DELETE')).status).toBe(403);
    expect((await http(undefined, '')).status).toBe(401);
    expect((await http(t.alfa, '?aantal=251')).status).toBe(400);
    expect((await http(t.alfa, '?aantal=0')).status).toBe(400);
    expect((await http(t.alfa, '?na=onzin')).status).toBe(400);
  });
});

describe("a municipality's case system pulls its mailbox", () => {
  it("the provider's JW302 on the case system's JW301 waits for that municipality only, and is confirmed once", async () => {
    const heenId = await stuurBericht(api.url, t.zaak, zaakJw301({ bsn: testBsn(2), nummer: 7002, identificatie: 'PB2', dagtekening: vandaag }));
    await wachtOpBericht(api.url, t.zaak, heenId, (s) => s.status === 'beschikbaar');
    const heen = (await parseMessage(await (await http(t.alfa, `/${heenId}`)).text())).message;
    const id = await stuurBericht(api.url, t.alfa, writeMessage(bouwRetour(heen, { header: [], klassen: new Map() }, 'PR2', vandaag)));
    expect((await wachtOpBericht(api.url, t.zaak, id, (s) => !['ontvangen', 'klaar'].includes(s.status))).status).toBe('beschikbaar');
    // The back office of the same municipality sees it too; Oss, and the provider that sent it, do not.
    for (const token of [t.zaak, hub.tokens.bosch]) expect((await lijst(token)).berichten).toEqual([expect.objectContaining({ id, type: 'JW302', heenId })]);
    expect((await lijst(hub.tokens.oss)).berichten).toEqual([]);
    expect((await lijst(t.alfa)).berichten.map((b) => b.id)).not.toContain(id);
    expect((await http(hub.tokens.oss, `/${id}`, 'DELETE')).status).toBe(404);
    expect((await http(t.alfa, `/${id}`, 'DELETE')).status).toBe(404);
    expect(await (await http(t.zaak, `/${id}`)).text()).toMatch(/Identificatie>PB2</);
    const M = `mutation($ids: [ID!]!) { bevestigOntvangst(ids: $ids) { id type status } }`;
    const [a, b] = await Promise.all([api.gql(t.zaak, M, { ids: [id] }), api.gql(hub.tokens.bosch, M, { ids: [id] })]);
    const bevestigd = (d: unknown) => (d as { bevestigOntvangst: { id: string }[] }).bevestigOntvangst.map((x) => ({ ...x, id: ruweId(x.id) }));
    expect([bevestigd(a.data), bevestigd(b.data)]).toEqual([[{ id, type: 'JW302', status: 'opgehaald' }], [{ id, type: 'JW302', status: 'opgehaald' }]]);
    expect(await auditRijen('bericht.opgehaald', id)).toBe(1);
    expect((await lijst(t.zaak)).berichten).toEqual([]);
  });
});

describe('more than a page', () => {
  const AANTAL = 300;
  let ids: string[] = [];

  beforeAll(async () => {
    // 300 messages the hub writes for provider gamma (no endpoint), in one statement as the worker writes retours.
    const items = Array.from({ length: AANTAL }, (_, i) => {
      const m = sampleMessage('JW301', 'minimal');
      const h = m.bericht.Header as IjwNode;
      h.Afzender = '0828';
      h.Ontvanger = AGB.gamma;
      h.BerichtIdentificatie = { Identificatie: `G${i}`, Dagtekening: vandaag };
      return { message: m, meta: { regioCode: 'NOB', aanbiederAgb: AGB.gamma, gemeenteCode: '0828' } };
    });
    ids = await withTenant(ds, SYSTEEM, (em) => schrijfUitgaandBulk(em, hub.sleutels, items));
  });

  it('REST: pages of at most 250, oldest first; items confirmed between pages move nothing', async () => {
    const een = await lijst(t.gamma);
    expect(een.berichten).toHaveLength(250);
    expect(een.volgende).not.toBeNull();
    // Written in one statement: one moment, so the id orders them.
    expect(een.berichten.map((b) => b.id)).toEqual([...ids].sort().slice(0, 250));
    // The receiver confirms the last ten of the first page before it asks for the next.
    for (const b of een.berichten.slice(240)) expect((await http(t.gamma, `/${b.id}`, 'DELETE')).status).toBe(204);
    const twee = await lijst(t.gamma, `?na=${een.volgende}`);
    expect(twee.berichten.map((b) => b.id)).toEqual([...ids].sort().slice(250));
    expect(twee.volgende).toBeNull();
    // A new round starts at the oldest that still waits.
    const opnieuw = await lijst(t.gamma, '?aantal=5');
    expect(opnieuw.berichten.map((b) => b.id)).toEqual([...ids].sort().slice(0, 5));
    const alles = await lijst(t.gamma);
    expect(alles.berichten).toHaveLength(250);
    expect((await lijst(t.gamma, `?na=${alles.volgende}`)).berichten).toHaveLength(AANTAL - 10 - 250);
  });

  it('GraphQL: postbus pages (at most 200) and bevestigOntvangst confirms, once, only the caller’s items', async () => {
    const Q = `query($after: String) { postbus(first: 200, after: $after) { totalCount edges { node { id type status grootte } } pageInfo { hasNextPage endCursor } } }`;
    type P = { postbus: { totalCount: number; edges: { node: { id: string; type: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const p1 = (await api.gql<P>(t.gamma, Q)).data!.postbus;
    expect(p1.totalCount).toBe(AANTAL - 10);
    expect(p1.edges).toHaveLength(200);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await api.gql<P>(t.gamma, Q, { after: p1.pageInfo.endCursor })).data!.postbus;
    expect(p2.edges).toHaveLength(AANTAL - 10 - 200);
    expect(p2.pageInfo.hasNextPage).toBe(false);

    const M = `mutation($ids: [ID!]!) { bevestigOntvangst(ids: $ids) { id status opgehaaldOp } }`;
    const eerste = p1.edges.map((e) => e.node.id);
    // Another provider names them: nothing of them, nothing changes.
    const ander = await api.gql<{ bevestigOntvangst: unknown[] }>(t.beta, M, { ids: eerste });
    expect(ander.data!.bevestigOntvangst).toEqual([]);
    const b = await api.gql<{ bevestigOntvangst: { id: string; status: string }[] }>(t.gamma, M, { ids: [...eerste, '00000000-0000-4000-8000-000000000000', 'geen-uuid'] });
    expect(b.errors).toBeUndefined();
    expect(b.data!.bevestigOntvangst.map((x) => x.id)).toEqual(eerste);
    expect(new Set(b.data!.bevestigOntvangst.map((x) => x.status))).toEqual(new Set(['opgehaald']));
    const rijen = async () => Number((await hub.rijen<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'bericht.opgehaald' AND entiteit_id = ANY($1::text[])`, [ids]))[0].n);
    expect(await rijen()).toBe(210);
    // Again: the same answer, no second transition.
    const nogmaals = await api.gql<{ bevestigOntvangst: { id: string }[] }>(t.gamma, M, { ids: eerste });
    expect(nogmaals.data!.bevestigOntvangst).toHaveLength(200);
    expect(await rijen()).toBe(210);
    const rest = (await api.gql<P>(t.gamma, Q)).data!.postbus;
    expect(rest.edges.map((e) => e.node.id)).toEqual(p2.edges.map((e) => e.node.id));
    // Confirmed, still readable by id.
    const g = await api.gql<{ bericht: { id: string; status: string } }>(t.gamma, `query($id: ID!) { bericht(id: $id) { id status } }`, { id: eerste[0] });
    expect(g.data!.bericht).toEqual({ id: eerste[0], status: 'opgehaald' });
    const teVeel = await api.gql(t.gamma, M, { ids: Array.from({ length: 251 }, () => eerste[0]) });
    expect(teVeel.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await api.gql(hub.tokens.regio, `{ postbus(first: 1) { totalCount } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
