import { randomUUID } from 'node:crypto';
import type { IjwNode } from '../src/messaging/ijw/codec';
import { PROBLEEM_MEDIA_TYPE, probleemType } from '../src/http/probleem';
import type { TestApi } from './helpers/api';
import { jw305Xml, testBsn } from './helpers/berichten';
import { pinKlok } from './helpers/klok';
import { createHubTestEnvironment, type HubTestEnvironment } from './helpers/omgeving';

pinKlok();

/** Every REST error is RFC 9457 problem details (NL API Design Rules); /graphql keeps the GraphQL shape. */
let hub: HubTestEnvironment;
let api: TestApi;
const MAX = 16 * 1024;

beforeAll(async () => {
  hub = await createHubTestEnvironment('problemen', { poolSize: 4, env: { IJW_MAX_BYTES: String(MAX), METRICS_TOKEN: 'problemen-test-metrics-token' } });
  ({ api } = hub);
});

afterAll(async () => {
  await hub?.close();
});

interface Verzoek {
  pad: string;
  methode?: string;
  token?: keyof HubTestEnvironment['tokens'];
  type?: string;
  body?: string;
}

const xml = (over: Partial<Verzoek> = {}): Verzoek => ({ pad: '/ijw/berichten', methode: 'POST', token: 'alfa', type: 'application/xml', body: jw305Xml({ identificatie: 'P1', bsn: testBsn(3) }), ...over });
const onbekendeOntvanger = () =>
  jw305Xml({
    identificatie: 'P2',
    bsn: testBsn(4),
    change: (m) => {
      (m.bericht.Header as IjwNode).Ontvanger = '0999';
    },
  });

it.each<[string, () => Verzoek, number, string]>([
  ['400 a message that is no XML', () => xml({ body: 'dit is geen xml' }), 400, 'NOT_XML'],
  ['400 an export filter that is no code', () => ({ pad: '/export/afrekeningen.csv?maand=2026-10-01&gemeente=12', token: 'bosch' }), 400, 'VALIDATION_FAILED'],
  ['401 an export without a token', () => ({ pad: '/export/afrekeningen.csv?maand=2026-10-01' }), 401, 'UNAUTHENTICATED'],
  ['401 a message without a token', () => xml({ token: undefined }), 401, 'UNAUTHENTICATED'],
  ['401 metrics without their token', () => ({ pad: '/metrics' }), 401, 'UNAUTHENTICATED'],
  ['403 a provider reading the quarterly report', () => ({ pad: '/export/kwartaal/2026/3/regio.csv', token: 'alfa' }), 403, 'FORBIDDEN'],
  ['404 a path no route serves', () => ({ pad: '/bestaat/niet' }), 404, 'NOT_FOUND'],
  ['404 an unknown message', () => ({ pad: `/ijw/berichten/${randomUUID()}`, token: 'alfa' }), 404, 'NOT_FOUND'],
  ['404 an unknown report table', () => ({ pad: '/export/kwartaal/2026/3/geen.csv', token: 'regio' }), 404, 'NOT_FOUND'],
  ['413 a message over IJW_MAX_BYTES', () => xml({ body: jw305Xml({ identificatie: 'P3', bsn: testBsn(5) }).padEnd(MAX + 1, ' ') }), 413, 'TOO_LARGE'],
  ['415 a message sent as JSON', () => xml({ type: 'application/json', body: '{"bericht":1}' }), 415, 'UNSUPPORTED_CONTENT_TYPE'],
  ['415 a message sent as text', () => xml({ type: 'text/plain' }), 415, 'UNSUPPORTED_CONTENT_TYPE'],
  ['422 a message to a municipality the hub does not serve', () => xml({ body: onbekendeOntvanger() }), 422, 'UNKNOWN_RECEIVER'],
])('%s is application/problem+json', async (_label, maak, status, code) => {
  const v = maak();
  const headers: Record<string, string> = {};
  if (v.token) headers.authorization = `Bearer ${hub.tokens[v.token]}`;
  if (v.type) headers['content-type'] = v.type;
  const res = await fetch(`${api.url}${v.pad}`, { method: v.methode ?? 'GET', headers, body: v.body });
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe(`${PROBLEEM_MEDIA_TYPE}; charset=utf-8`);
  const p = (await res.json()) as Record<string, unknown>;
  expect(p).toMatchObject({ type: probleemType(code), status, code, instance: v.pad.split('?')[0] });
  expect(typeof p.title).toBe('string');
  expect(typeof p.detail).toBe('string');
  // Dutch for the caller: no English of the codec or the framework (a quoted parser finding aside).
  expect(`${String(p.title)} ${String(p.detail).replace(/"[^"]*"/g, '')}`).not.toMatch(/\b(the|is not|expected|exceeds|not found|error)\b/i);
  if (status === 401 && v.pad !== '/metrics') expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  if (code === 'UNKNOWN_RECEIVER') expect(p.partij).toBe('0999');
});

it('a failing field is named in invalidParams, in a problem and in GraphQL alike', async () => {
  const res = await fetch(`${api.url}/export/kwartaal/2014/3/regio.csv?regio=NOB`, { headers: { authorization: `Bearer ${hub.tokens.regio}` } });
  expect(res.status).toBe(400);
  const p = (await res.json()) as { code: string; invalidParams: { name: string; reason: string }[] };
  expect(p.code).toBe('VALIDATION_FAILED');
  expect(p.invalidParams).toEqual([{ name: 'jaar', reason: expect.stringMatching(/Jaar/) as unknown }]);
  const g = await api.gql(hub.tokens.regio, '{ kwartaalrapportage(jaar: 2014, kwartaal: 3, regioCode: "NOB") { regioCode } }');
  expect(g.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [{ name: 'jaar' }] });
  expect(g.errors?.[0].extensions).not.toHaveProperty('veld');
});

it('/graphql keeps the GraphQL error shape for its transport refusals', async () => {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${hub.tokens.regio}` }, body: '{}' });
  expect(res.status).toBe(415);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
});
