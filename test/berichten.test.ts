import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { IjwMessage, IjwNode } from '../src/messaging/ijw/codec';
import { defaultXsdDir, XsdValidators } from '../src/messaging/ijw/xsd-validator';
import { withTenant } from '../src/db/tenant';
import { SYSTEEM } from '../src/auth/principal';
import { herstelOnce } from '../src/messaging/processing/relay';
import { ruweId, type TestApi } from './helpers/api';
import { AGB } from './fixtures/regions';
import { createHubTestEnvironment, type HubTestEnvironment, type Tokens } from './helpers/omgeving';
import { jw305Xml, testBsn } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { wachtTot } from './helpers/wacht';

pinKlok();

let hub: HubTestEnvironment;
let ds: DataSource;
let api: TestApi;
let xsd: XsdValidators;
let tokens: Tokens;
let volgnummer = 0;

beforeAll(async () => {
  xsd = await XsdValidators.load(defaultXsdDir());
  // As in production with IJW_XSD_DIR set: the official XSDs check every inbound message too.
  // Gauges read at every scrape: the time-limit test changes rows between two scrapes.
  hub = await createHubTestEnvironment('berichten', { env: { IJW_MAX_BYTES: String(64 * 1024), METRICS_REFRESH_SECONDS: '0' }, worker: { xsd } });
  ({ ds, api, tokens } = hub);
});

afterAll(async () => {
  await hub?.close();
  xsd?.close();
});

let clienten = 0;

/** A JW305 start of care from provider alfa to 's-Hertogenbosch, each for its own client. */
function jw305(change: (m: IjwMessage) => void = () => undefined, identificatie = `S${++volgnummer}`): string {
  return jw305Xml({ identificatie, bsn: testBsn(++clienten), change });
}

async function post(token: string | undefined, body: string | Buffer, contentType = 'application/xml') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${api.url}/ijw/berichten`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { id?: string; status?: string; code?: string; message?: string } };
}

interface Status {
  status: string;
  type: string;
  retour: { id: string; type: string; retourcodes: string[] } | null;
  fouten: { path: string; message: string }[] | null;
}

async function get(token: string, id: string): Promise<{ status: number; body: Status }> {
  const res = await fetch(`${api.url}/ijw/berichten/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Status };
}

async function processed(id: string): Promise<Status> {
  return wachtTot(`message ${id} processed`, async () => {
    const r = await get(tokens.alfa, id);
    return r.body.status !== 'ontvangen' && r.body;
  });
}

async function xmlOf(token: string, id: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${api.url}/ijw/berichten/${id}/xml`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

async function count(sql: string): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) => Number((await em.query<{ n: number }[]>(sql))[0].n));
}

describe('POST /ijw/berichten → retour', () => {
  it('accepts a valid JW305, answers with a JW306 without codes, readable by both parties only', async () => {
    const r = await post(tokens.alfa, jw305());
    expect(r.status).toBe(202);
    const s = await processed(r.body.id!);
    expect(s).toMatchObject({ status: 'verwerkt', type: 'JW305', retour: { type: 'JW306', retourcodes: [] } });
    const retourXml = await xmlOf(tokens.alfa, s.retour!.id);
    expect(retourXml.status).toBe(200);
    expect(xsd.validate('JW306', retourXml.text)).toEqual([]);
    expect(retourXml.text).not.toContain('RetourCode');
    expect((await get(tokens.bosch, r.body.id!)).status).toBe(200);
    expect((await get(tokens.beta, r.body.id!)).status).toBe(404);
    expect((await get(tokens.oss, r.body.id!)).status).toBe(404);
    expect((await xmlOf(tokens.beta, r.body.id!)).status).toBe(404);
    // Reading the XML (it carries a BSN) is audited.
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE actie = 'bericht.xml.gelezen'`)).toBe(1);
  });

  it('a replay returns the first id with 200 and writes nothing', async () => {
    const xml = jw305();
    const first = await post(tokens.alfa, xml);
    await processed(first.body.id!);
    const before = await count('SELECT count(*)::int AS n FROM bericht');
    const outbox = await count('SELECT count(*)::int AS n FROM outbox');
    const again = await post(tokens.alfa, xml);
    expect(again).toEqual({ status: 200, body: { id: first.body.id, status: 'verwerkt' } });
    expect(await count('SELECT count(*)::int AS n FROM bericht')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM outbox')).toBe(outbox);
  });

  it('another message reusing an Identificatie gets 9056 (TR056)', async () => {
    await processed((await post(tokens.alfa, jw305(undefined, 'DUBBEL1'))).body.id!);
    const second = await post(tokens.alfa, jw305((m) => (((m.bericht.Client as IjwNode).StartProducten as IjwNode).StartProduct as IjwNode[])[0].ToewijzingNummer = 999, 'DUBBEL1'));
    expect(second.status).toBe(202);
    expect((await processed(second.body.id!)).retour?.retourcodes).toEqual(['9056']);
  });

  it('a dagtekening in the future gets 8848 (TR135), an invalid BSN 0001 (CS002)', async () => {
    const future = await post(tokens.alfa, jw305((m) => (((m.bericht.Header as IjwNode).BerichtIdentificatie as IjwNode).Dagtekening = '2099-01-01')));
    expect((await processed(future.body.id!)).retour?.retourcodes).toEqual(['8848']);
    const bsn = await post(tokens.alfa, jw305((m) => ((m.bericht.Client as IjwNode).Bsn = '123456788')));
    const afgekeurd = await processed(bsn.body.id!);
    expect(afgekeurd.retour?.retourcodes).toEqual(['0001']);
    expect(afgekeurd.fouten).toEqual([{ path: 'CS002', message: 'regel CS002 niet voldaan' }]);
  });

  it('an unknown product code gets S329 on its class and 0200 on the client (TR381)', async () => {
    const r = await post(tokens.alfa, jw305((m) => ((((m.bericht.Client as IjwNode).StartProducten as IjwNode).StartProduct as IjwNode[])[0].Product = { Categorie: '45', Code: '99Z99' })));
    const s = await processed(r.body.id!);
    expect(s.retour?.retourcodes).toEqual(['S329']);
    const x = await xmlOf(tokens.alfa, s.retour!.id);
    expect(xsd.validate('JW306', x.text)).toEqual([]);
    expect(x.text).toMatch(/<StartProduct>.*<RetourCodes><RetourCode>S329<\/RetourCode><\/RetourCodes><\/StartProduct>/s);
    expect(x.text).toMatch(/<RetourCodes><RetourCode>0200<\/RetourCode><\/RetourCodes><\/Client>/);
  });

  it('a structurally invalid message gets no retour but a clear transport error', async () => {
    const xml = jw305().replace(/<Begindatum>[^<]*<\/Begindatum>/, '');
    const r = await post(tokens.alfa, xml);
    expect(r.status).toBe(202);
    const s = await processed(r.body.id!);
    expect(s.status).toBe('ongeldig');
    expect(s.retour).toBeNull();
    expect(s.fouten).toEqual([{ path: '/Bericht/Client/StartProducten/StartProduct[1]/Begindatum', message: 'required element missing' }]);
  });
});

describe('bad requests get a clear HTTP answer', () => {
  it.each([
    ['no token', undefined, () => jw305(), 'application/xml', 401, 'UNAUTHENTICATED'],
    ['another provider as sender', 'beta', () => jw305(), 'application/xml', 403, 'FORBIDDEN'],
    ['a municipality sending a provider message', 'bosch', () => jw305(), 'application/xml', 403, 'FORBIDDEN'],
    ['JSON content type', 'alfa', () => jw305(), 'application/json', 415, 'UNSUPPORTED_CONTENT_TYPE'],
    ['not XML', 'alfa', () => 'dit is geen xml', 'application/xml', 400, 'NOT_XML'],
    ['truncated', 'alfa', () => jw305().slice(0, 300), 'application/xml', 400, 'NOT_XML'],
    ['DOCTYPE with external entity', 'alfa', () => jw305().replace('<Bericht', '<!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]><Bericht'), 'application/xml', 400, 'DOCTYPE_FORBIDDEN'],
    ['unknown namespace', 'alfa', () => jw305().replace('ijw/3_2/jw305/schema', 'ijw/3_1/jw305/schema'), 'application/xml', 400, 'UNKNOWN_NAMESPACE'],
    ['too large', 'alfa', () => jw305().replace('</Bericht>', `<!--${'x'.repeat(70 * 1024)}--></Bericht>`), 'application/xml', 413, 'TOO_LARGE'],
  ])('%s', async (_label, who, body, type, status, code) => {
    const before = await count('SELECT count(*)::int AS n FROM bericht');
    const r = await post(who ? tokens[who as keyof Tokens] : undefined, body(), type);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect(await count('SELECT count(*)::int AS n FROM bericht')).toBe(before);
  });

  it('an unknown or malformed id is 404', async () => {
    expect((await get(tokens.alfa, '00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await get(tokens.alfa, 'niet-een-id')).status).toBe(404);
  });
});

describe('the outbox sweep', () => {
  it('hands over again what Redis lost, and leaves finished rows alone', async () => {
    const connection = { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null };
    const queue = new Queue('berichten', { connection, prefix: `test-sweep-${randomBytes(4).toString('hex')}` });
    try {
      // A row handed over to a Redis that then lost it (the in-process worker's sweep waits a minute).
      await withTenant(ds, SYSTEEM, (em) => em.query(`INSERT INTO outbox (soort, bericht_id, doorgezet_op) VALUES ('bezorg', gen_random_uuid(), now())`));
      // Not yet stale: nothing is handed over.
      expect(await herstelOnce(ds, queue, 60_000)).toBe(0);
      // Stale: handed over again …
      expect(await herstelOnce(ds, queue, 0)).toBe(1);
      expect(await queue.getJobCountByTypes('waiting')).toBe(1);
      // … a job that is still in Redis stays as it is …
      expect(await herstelOnce(ds, queue, 0)).toBe(1);
      expect(await queue.getJobCountByTypes('waiting')).toBe(1);
      // … and comes back when Redis lost it, with ids only in its payload.
      await queue.obliterate({ force: true });
      expect(await herstelOnce(ds, queue, 0)).toBe(1);
      const [job] = await queue.getJobs(['waiting']);
      expect(job.name).toBe('bezorg-bericht');
      expect(Object.keys(job.data as object).sort()).toEqual(['berichtId', 'outboxId']);
      // Rows whose job finished are never handed over again.
      await withTenant(ds, SYSTEEM, (em) => em.query(`UPDATE outbox SET afgehandeld_op = now() WHERE afgehandeld_op IS NULL`));
      expect(await herstelOnce(ds, queue, 0)).toBe(0);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('a processed message needs no outbox row; its delivered retour has one, finished', async () => {
    const r = await post(tokens.alfa, jw305());
    const s = await processed(r.body.id!);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE bericht_id = '${r.body.id!}'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM outbox WHERE bericht_id = '${s.retour!.id}' AND afgehandeld_op IS NOT NULL`)).toBe(1);
  });

});

describe('GraphQL: berichten and bericht', () => {
  const Q = `query($filter: BerichtFilter, $first: Int!, $after: String) {
    berichten(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id type richting status afzender identificatie fouten { path message }
        retourcodes { code betekenis }
        retour { id type status retourcodes { code betekenis } heen { id } } } }
    } }`;
  interface Node {
    id: string;
    type: string;
    richting: string;
    status: string;
    identificatie: string;
    fouten: { path: string }[] | null;
    retourcodes: { code: string; betekenis: string }[];
    retour: { id: string; type: string; retourcodes: { code: string }[]; heen: { id: string } } | null;
  }
  interface Page {
    berichten: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
  }
  const lijst = async (token: string, filter: Record<string, unknown>, first = 200, after?: string) =>
    api.gql<Page>(token, Q, { filter, first, after });

  it('lists a party its messages with their retour and the codes with their meaning', async () => {
    const r = await lijst(tokens.alfa, { type: 'JW305', richting: 'in' });
    expect(r.errors).toBeUndefined();
    const nodes = r.data!.berichten.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(8);
    for (const n of nodes) {
      expect(n.type).toBe('JW305');
      if (n.status === 'verwerkt') expect(n.retour).toMatchObject({ type: 'JW306', heen: { id: n.id } });
    }
    const dubbel = await lijst(tokens.alfa, { retourcode: '9056', richting: 'in' });
    expect(dubbel.data!.berichten.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        identificatie: 'DUBBEL1',
        retourcodes: [{ code: '9056', betekenis: 'Identificatie is niet uniek per berichtsoort en afzender' }],
        retour: expect.objectContaining({ retourcodes: [expect.objectContaining({ code: '9056' })] }) as unknown,
      }),
    ]);
    const ongeldig = await lijst(tokens.alfa, { status: 'ongeldig' });
    expect(ongeldig.data!.berichten.edges[0].node).toMatchObject({ retour: null, fouten: [{ path: '/Bericht/Client/StartProducten/StartProduct[1]/Begindatum' }] });
  });

  it('shows each party only its own messages', async () => {
    const alle = (await lijst(tokens.alfa, { richting: 'in' })).data!.berichten.totalCount;
    expect(alle).toBeGreaterThan(0);
    expect((await lijst(tokens.bosch, { richting: 'in' })).data!.berichten.totalCount).toBe(alle);
    expect((await lijst(tokens.beta, {})).data!.berichten.totalCount).toBe(0);
    expect((await lijst(tokens.oss, {})).data!.berichten.totalCount).toBe(0);
    const regio = await api.token({ rol: 'regio', regio: 'NOB' });
    expect((await lijst(regio, { richting: 'in', partij: AGB.alfa })).data!.berichten.totalCount).toBe(alle);
    const andereRegio = await api.token({ rol: 'regio', regio: 'GRO' });
    expect((await lijst(andereRegio, {})).data!.berichten.totalCount).toBe(0);
    const id = (await lijst(tokens.alfa, { richting: 'in' }, 1)).data!.berichten.edges[0].node.id;
    const one = (token: string) => api.gql<{ bericht: { id: string } | null }>(token, 'query($id: ID!) { bericht(id: $id) { id } }', { id });
    expect((await one(tokens.alfa)).data!.bericht).toEqual({ id });
    expect((await one(tokens.beta)).data!.bericht).toBeNull();
  });

  it('pages without gaps or repeats, and refuses a bad filter', async () => {
    const alle = (await lijst(tokens.alfa, {})).data!.berichten.edges.map((e) => e.node.id);
    const gezien: string[] = [];
    let after: string | undefined;
    for (;;) {
      const p = (await lijst(tokens.alfa, {}, 3, after)).data!.berichten;
      gezien.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor ?? undefined;
    }
    expect(gezien).toEqual(alle);
    const bad = await lijst(tokens.alfa, { partij: 'abc' });
    expect(bad.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('time limits', () => {
  it('lists and counts what waits past its limit in working days', async () => {
    const a = (await post(tokens.alfa, jw305())).body.id!;
    const b = (await post(tokens.alfa, jw305())).body.id!;
    await processed(a);
    await processed(b);
    const metric = async (soort: string) => {
      const text = await (await fetch(`${api.url}/metrics`)).text();
      return Number(new RegExp(`hub_termijnen_verlopen\\{soort="${soort}"\\} (\\d+)`).exec(text)?.[1]);
    };
    expect(await metric('retour')).toBe(0);
    // As if a retour never came (3 working days) and a claim waited too long for its JW325 (10).
    await withTenant(ds, SYSTEEM, async (em) => {
      await em.query(`UPDATE bericht SET status = 'ontvangen', ontvangen_op = now() - interval '30 days' WHERE id = $1`, [a]);
      await em.query(`UPDATE bericht SET status = 'aangehouden', ontvangen_op = now() - interval '30 days' WHERE id = $1`, [b]);
    });
    const ids = await api.gql<{ berichten: { edges: { node: { id: string } }[] } }>(tokens.bosch, `{ berichten(filter: { verlopen: true }) { edges { node { id } } } }`);
    expect(ids.data!.berichten.edges.map((e) => ruweId(e.node.id)).sort()).toEqual([a, b].sort());
    expect((await api.gql<{ berichten: { totalCount: number } }>(tokens.beta, `{ berichten(filter: { verlopen: true }) { totalCount } }`)).data!.berichten.totalCount).toBe(0);
    expect(await metric('retour')).toBe(1);
    expect(await metric('declaratie_antwoord')).toBe(1);
    expect(await metric('verzoek_antwoord')).toBe(0);
  });
});
