import { Client } from 'pg';
import { StatementLog } from './helpers/statements';
import type { DataSource } from 'typeorm';
import type { Principal } from '../src/auth/principal';
import { RequestFinishedError, RequestTransaction } from '../src/db/tenant';
import { seed } from '../src/seed/seed';
import { startTestApi, type TestApi } from './helpers/api';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { AGB, FIXTURE } from './fixtures/regions';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * The read path of GraphQL: named prepared statements (planned once per connection), a count only
 * when totalCount is asked, and the reads of one level of a query in one round trip with the
 * transaction's begin going with the first of them.
 */


let db: TestDatabase;
let ds: DataSource;
let api: TestApi;
let beta: string;
const statements = new StatementLog();

beforeAll(async () => {
  db = await createTestDatabase('graphql_reads');
  // One connection: what one request prepared, the next finds on the same session.
  ds = await db.app({ logger: statements, poolSize: 1 });
  await seed(ds, FIXTURE);
  api = await startTestApi(ds);
  beta = await api.token({ rol: 'aanbieder', agb: AGB.beta });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** The statements one request sent (the token's register check included). */
async function sent(query: string): Promise<string[]> {
  statements.reset();
  const r = await api.gql(beta, query);
  expect(r.errors).toBeUndefined();
  return statements.texts;
}

const counts = (texts: string[]) => texts.filter((t) => /count\(/i.test(t)).length;

describe('totalCount', () => {
  it('is counted only when the query asks for it, under an alias, in a fragment or not skipped', async () => {
    expect(counts(await sent('{ contracten(first: 5) { edges { node { nummer } } pageInfo { hasNextPage endCursor } } }'))).toBe(0);
    expect(counts(await sent('{ contracten(first: 5) { totalCount edges { node { nummer } } } }'))).toBe(1);
    expect(counts(await sent('{ contracten(first: 5) { ...Telling } } fragment Telling on ContractConnection { aantal: totalCount }'))).toBe(1);
    expect(counts(await sent('{ contracten(first: 5) { totalCount @skip(if: true) edges { cursor } } }'))).toBe(0);
    expect(counts(await sent('{ gemeenten(first: 1) { edges { node { code } } } producten(first: 1) { edges { cursor } } }'))).toBe(0);
  });

  it('counts what the filter matches over all pages', async () => {
    const r = await api.gql<{ gemeenten: { totalCount: number; edges: unknown[] } }>(beta, '{ gemeenten(first: 1, filter: { regioCode: "NOB" }) { totalCount edges { cursor } } }');
    expect(r.data?.gemeenten).toMatchObject({ totalCount: 3, edges: [{}] });
  });
});

describe('prepared statements', () => {
  const QUERY = '{ contracten(first: 50) { totalCount edges { node { nummer aanbieder { naam } gemeenten budgetplafonds { jaar } producten { product { code } tarieven { bedragCenten } } } } } }';
  const prepared = async () => new Map((await ds.query<{ name: string; statement: string }[]>('SELECT name, statement FROM pg_prepared_statements')).map((r) => [r.statement, r.name]));

  it('every read of a request is a named statement prepared on its connection, and a second request prepares nothing new', async () => {
    const reads = (await sent(QUERY)).filter((t) => t.startsWith('SELECT'));
    // The page, its count, five relation batches and the product batch.
    expect(reads).toHaveLength(8);
    const first = await prepared();
    const names = reads.map((t) => first.get(t) ?? 'not prepared');
    expect(names.filter((n) => !/^p[0-9a-f]{20}$/.test(n))).toEqual([]);
    await sent(QUERY);
    expect(await prepared()).toEqual(first);
  });
});

describe('round trips', () => {
  const provider: Principal = { sub: 'test', rol: 'aanbieder', agb: AGB.beta, gemeenten: [] };
  const pg = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = pg.query;
  let trips = 0;
  beforeEach(() => {
    trips = 0;
    pg.query = function (this: unknown, ...args: unknown[]) {
      trips += 1;
      return original.apply(this, args);
    };
  });
  afterEach(() => {
    pg.query = original;
  });

  /** Three reads asked for in one turn, as the DataLoaders of one level of a query ask. */
  const level = (tx: RequestTransaction) =>
    Promise.all([
      tx.rows<{ n: number }>('SELECT count(*)::int AS n FROM contract WHERE aanbieder_agb = $1', [AGB.beta]),
      tx.rows<{ naam: string }>('SELECT naam FROM aanbieder WHERE agb = ANY ($1::bpchar[])', [[AGB.beta, AGB.alfa]]),
      tx.rows<{ code: string }>('SELECT code FROM regio ORDER BY code'),
    ]);

  it('the begin with the tenant context goes with the first reads, and the reads of one turn share one round trip', async () => {
    const warm = new RequestTransaction(ds, provider);
    const expected = await level(warm);
    await warm.finish(true);
    trips = 0;
    const tx = new RequestTransaction(ds, provider);
    // Row-level security applies: the provider sees its own contracts and itself only.
    expect(await level(tx)).toEqual(expected);
    expect(expected[1]).toEqual([{ naam: 'Beta Zorg' }]);
    expect(trips).toBe(1);
    await tx.finish(true);
    expect(trips).toBe(2);
  });

  it('reads values with quotes, backslashes, arrays and nulls as bound values', async () => {
    const tx = new RequestTransaction(ds, provider);
    const odd = ["it's", 'a\\b', 'c"d', "e'\\\"f", '', 'ü'];
    const sql = 'SELECT $1::text AS a, $2::text[] AS b, $3::int AS c, $4::boolean AS d, $5::text AS e';
    const values = [odd.join('|'), [...odd, null], 42, true, null];
    const once = await tx.rows(sql, values);
    const again = await tx.rows(sql, values);
    expect(again).toEqual(once);
    expect(again).toEqual([{ a: odd.join('|'), b: [...odd, null], c: 42, d: true, e: null }]);
    await tx.finish(true);
  });

  it('a read asked before the request finishes runs before its COMMIT, in its tenant context; one asked after is refused', async () => {
    const tx = new RequestTransaction(ds, provider);
    const sql = `SELECT current_setting('app.agb', true) AS agb, $1::int AS n`;
    await tx.rows(sql, [1]);
    const late = tx.rows(sql, [2]);
    const finished = tx.finish(true);
    await expect(late).resolves.toEqual([{ agb: AGB.beta, n: 2 }]);
    await finished;
    await expect(tx.rows(sql, [3])).rejects.toBeInstanceOf(RequestFinishedError);
  });

  it('a read that fails fails the reads of its round trip, and the connection goes back clean', async () => {
    const tx = new RequestTransaction(ds, provider);
    // Both prepared on the connection first, so the two go in one round trip.
    await tx.rows('SELECT 1 AS een WHERE $1::int > 0', [1]);
    await tx.rows('SELECT $1::date AS d', ['2026-01-01']);
    const [ok, bad] = await Promise.allSettled([tx.rows('SELECT 1 AS een WHERE $1::int > 0', [2]), tx.rows('SELECT $1::date AS d', ['geen datum'])]);
    expect(bad).toMatchObject({ status: 'rejected', reason: { driverError: { code: '22007' } } });
    expect(ok.status).toBe('rejected');
    await tx.finish(false);
    const next = new RequestTransaction(ds, provider);
    await expect(next.rows('SELECT 1 AS een WHERE $1::int > 0', [3])).resolves.toEqual([{ een: 1 }]);
    await next.finish(true);
  });
});
