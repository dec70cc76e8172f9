import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { generateTestBsn } from '../src/common/bsn';
import { setLogLevel } from '../src/observability/logger';
import { ruweId, type TestApi } from './helpers/api';
import { jw305Xml, testBsn, wachtOpBericht } from './helpers/berichten';
import { AGB } from './fixtures/regions';
import { pinKlok } from './helpers/klok';
import { vangLogs, type LogRegel, type LogVanger } from './helpers/logs';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

pinKlok();

/** Request logs and the request id: one line per request, a slow request seen while it runs, the id carried into messages and deliveries. */
let hub: HubTestEnvironment;
let api: TestApi;
let logs: LogVanger;
let ontvanger: Server;
const bezorgd: { berichtId: string; headers: IncomingHttpHeaders }[] = [];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLOW_MS = 400;

beforeAll(async () => {
  logs = vangLogs();
  // The worker's per-message lines are debug.
  setLogLevel('debug');
  ontvanger = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      bezorgd.push({ berichtId: String(req.headers['x-hub-bericht-id']), headers: req.headers });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => ontvanger.listen(0, '127.0.0.1', () => r()));
  hub = await createHubTestEnvironment('request_log', { poolSize: 8, worker: true, env: { HTTP_SLOW_MS: String(SLOW_MS) } });
  ({ api } = hub);
  const url = `http://127.0.0.1:${(ontvanger.address() as AddressInfo).port}/ijw`;
  const r = await api.gql(hub.tokens.alfa, `mutation($agb: String!, $url: String!) { registreerBezorgadres(agb: $agb, url: $url) { ondertekeningsgeheim } }`, { agb: AGB.alfa, url });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
});

afterAll(async () => {
  await hub?.close();
  ontvanger?.closeAllConnections();
  await new Promise((r) => ontvanger?.close(r));
  setLogLevel('info');
  logs?.stop();
});

const regelVan = (requestId: string, msg = 'request') => logs.wachtOp((l: LogRegel) => l.msg === msg && l.requestId === requestId);

describe('one line per request', () => {
  it('names method, route pattern, status, duration and caller; never the token, an id or the query', async () => {
    const id = randomUUID();
    const res = await fetch(`${api.url}/ijw/berichten/${id}?bsn=123456782`, { headers: { authorization: `Bearer ${hub.tokens.alfa}`, 'x-request-id': 'test-regel-1' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('test-regel-1');
    const r = await regelVan('test-regel-1');
    expect(r).toMatchObject({ level: 'info', method: 'GET', route: '/ijw/berichten/:id', status: 404, role: 'aanbieder', org: AGB.alfa });
    expect(typeof r.durationMs).toBe('number');
    const tekst = JSON.stringify(r);
    for (const geheim of [id, hub.tokens.alfa, '123456782', 'authorization']) expect(tekst).not.toContain(geheim);
  });

  it('a GraphQL request: its operation name, role and region', async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.tokens.regio}`, 'x-request-id': 'test-gql-1' },
      body: JSON.stringify({ operationName: 'Contracten', query: 'query Contracten { contracten(first: 1) { totalCount } }' }),
    });
    expect(res.status).toBe(200);
    expect(await regelVan('test-gql-1')).toMatchObject({ method: 'POST', route: '/graphql', operation: 'Contracten', status: 200, role: 'regio', org: 'NOB' });
  });

  it('an unknown path is logged without its segments', async () => {
    await fetch(`${api.url}/clienten/123456782/dossier`, { headers: { 'x-request-id': 'test-onbekend-1' } });
    expect(await regelVan('test-onbekend-1')).toMatchObject({ route: '/clienten/:x/dossier', status: 404 });
  });

  it.each([
    ['too long', 'x'.repeat(65)],
    ['unsafe characters', 'a b"<script>'],
  ])('an incoming X-Request-Id that is %s is replaced by a UUID', async (_l, waarde) => {
    const res = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': waarde } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id).toMatch(UUID);
    expect((await regelVan(id)).route).toBe('/healthz');
  });
});

describe('a slow request', () => {
  it('is logged when it passes HTTP_SLOW_MS, while it still runs, and its line is a warning', async () => {
    // The owner holds the message table: the post blocks in its insert until the test lets go.
    const slot = new Client({ connectionString: hub.db.ownerUrl });
    await slot.connect();
    try {
      await slot.query('BEGIN');
      await slot.query('LOCK TABLE bericht IN ACCESS EXCLUSIVE MODE');
      const post = fetch(`${api.url}/ijw/berichten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hub.tokens.alfa}`, 'content-type': 'application/xml', 'x-request-id': 'test-traag-1' },
        body: jw305Xml({ identificatie: 'TRAAG1', bsn: testBsn(7) }),
      });
      const traag = await regelVan('test-traag-1', 'slow request');
      expect(traag).toMatchObject({ level: 'warn', method: 'POST', route: '/ijw/berichten', role: 'aanbieder', org: AGB.alfa, thresholdMs: SLOW_MS });
      // Timers have millisecond granularity.
      expect(traag.elapsedMs as number).toBeGreaterThanOrEqual(SLOW_MS - 1);
      // Still running: no request line yet.
      expect(logs.regels.some((l) => l.msg === 'request' && l.requestId === 'test-traag-1')).toBe(false);
      await slot.query('ROLLBACK');
      expect((await post).status).toBe(202);
    } finally {
      await slot.end();
    }
    expect(await regelVan('test-traag-1')).toMatchObject({ level: 'warn', slow: true, status: 202 });
  });
});

describe('the request id travels with the messages it causes', () => {
  it('a received message, its retour, the worker’s lines and the retour’s delivery carry it; no BSN in any line', async () => {
    const bsn = testBsn(11);
    const res = await fetch(`${api.url}/ijw/berichten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.tokens.alfa}`, 'content-type': 'application/xml', 'x-request-id': 'test-bericht-1' },
      body: jw305Xml({ identificatie: 'RID1', bsn }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const s = await wachtOpBericht(api.url, hub.tokens.alfa, id, (x) => x.status === 'verwerkt');
    const retourId = s.retour!.id;
    await wachtOpBericht(api.url, hub.tokens.alfa, retourId, (x) => x.status === 'afgeleverd');
    const rijen = await hub.rijen<{ id: string; verzoek_id: string }>('SELECT id, verzoek_id FROM bericht WHERE id = ANY($1::uuid[])', [[id, retourId]]);
    expect(rijen.map((r) => r.verzoek_id)).toEqual(['test-bericht-1', 'test-bericht-1']);
    expect((await logs.wachtOp((l) => l.msg === 'message judged' && l.berichtId === id)).requestId).toBe('test-bericht-1');
    const levering = bezorgd.find((b) => b.berichtId === retourId);
    expect(levering?.headers['x-request-id']).toBe('test-bericht-1');
    expect(logs.tekst()).not.toContain(bsn);
  });

  it('a JW301 written by the toewijzen mutation stores the mutation’s request id and is delivered with it', async () => {
    const toegang = await api.token({ rol: 'toegang', regio: 'NOB', gemeenten: ['0796'] });
    const bsn = generateTestBsn(901);
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${toegang}`, 'x-request-id': 'test-toewijzen-1' },
      body: JSON.stringify({
        query: 'mutation($input: ToewijzenInput!) { toewijzen(input: $input) { bericht { id type } } }',
        variables: {
          input: {
            gemeenteCode: '0796',
            aanbiederAgb: AGB.alfa,
            client: { bsn, geboortedatum: '2014-03-02', geslacht: '2', achternaam: 'Jansen', adres: { postcode: '5211AB', huisnummer: 12 } },
            producten: [{ categorie: '45', code: '45A04', ingangsdatum: '2026-12-01', einddatum: '2027-05-31', volume: 2, eenheid: '04', frequentie: '2' }],
          },
        },
      }),
    });
    const body = (await res.json()) as { data?: { toewijzen: { bericht: { id: string; type: string } } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const bericht = { ...body.data!.toewijzen.bericht, id: ruweId(body.data!.toewijzen.bericht.id) };
    expect(bericht.type).toBe('JW301');
    expect((await hub.rijen<{ verzoek_id: string }>('SELECT verzoek_id FROM bericht WHERE id = $1', [bericht.id]))[0].verzoek_id).toBe('test-toewijzen-1');
    await wachtOpBericht(api.url, hub.tokens.alfa, bericht.id, (x) => x.status === 'afgeleverd');
    expect(bezorgd.find((b) => b.berichtId === bericht.id)?.headers['x-request-id']).toBe('test-toewijzen-1');
    expect(logs.tekst()).not.toContain(bsn);
  });
});
