import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { LEVERINGEN_PER_CLIENT } from '../src/toewijzing/berichten/levering';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { Client } from 'pg';
import { knopen, type PlanNode } from './helpers/plan';

/**
 * The worker reads the live deliveries of a batch's clients with one index probe per client. A
 * large provider has thousands of clients in one municipality: a probe that finds the client by
 * provider and municipality alone walks all of them, per client, per batch (measured in the
 * bench: 30 clients × 6,000 deliveries, 100 ms a batch, growing with the table). The plan must
 * find each client by its hash whatever the statistics say: while they predate a provider's
 * thousands of deliveries (a first import, or a provider that grew since the last ANALYZE), after
 * ANALYZE, and as a prepared statement's generic plan (the worker prepares its statements once
 * per connection).
 */
let db: TestDatabase;
let ds: DataSource;
const AGB = '01234567';
const CLIENTS = 4000;
const PROBES = 30;

const hash = (i: number) => i.toString(16).padStart(64, '0');
const keys = Array.from({ length: PROBES }, (_, n) => 1 + n * Math.floor(CLIENTS / PROBES));
// EXPLAIN takes no bind parameters: the keys as literals (digits and hex only).
const lijst = (xs: string[]) => `'{${xs.join(',')}}'`;
const argumenten = `${lijst(keys.map(() => AGB))}, ${lijst(keys.map(() => '0363'))}, ${lijst(keys.map(hash))}`;

async function alsEigenaar(sql: string, values: unknown[] = []): Promise<void> {
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(sql, values);
  } finally {
    await owner.end();
  }
}

beforeAll(async () => {
  db = await createTestDatabase('levering_plan');
  // Statistics change only when this test says so.
  await alsEigenaar(`ALTER TABLE levering SET (autovacuum_enabled = false)`);
  // The region so far: many providers with a few clients each, analysed.
  await alsEigenaar(
    `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, bericht_id, volgnummer)
     SELECT 'start', lpad((10000000 + i % 500)::text, 8, '0'), '0363', 'NOB', i, lpad(to_hex(1000000 + i), 64, '0'), '45', '45A04', DATE '2026-01-01', gen_random_uuid(), i
       FROM generate_series(1, 1000) AS i`,
  );
  await alsEigenaar('ANALYZE levering');
  // One connection: the worker's prepared statements live on theirs, planned before the provider's deliveries came.
  ds = await db.app({ poolSize: 1 });
  await withTenant(ds, SYSTEEM, async (em) => {
    await em.query(`PREPARE leveringen_per_client(varchar[], varchar[], bpchar[]) AS ${LEVERINGEN_PER_CLIENT}`);
    await em.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
    await em.query(`EXECUTE leveringen_per_client(${argumenten})`);
  });
  await alsEigenaar(
    `INSERT INTO levering (soort, aanbieder_agb, gemeente_code, regio_code, toewijzing_nummer, client_hash, product_categorie, product_code, begindatum, bericht_id, volgnummer)
     SELECT 'start', $1, '0363', 'NOB', i, lpad(to_hex(i), 64, '0'), '45', '45A04', DATE '2026-01-01' + (i % 300), gen_random_uuid(), i
       FROM generate_series(1, $2::int) AS i`,
    [AGB, CLIENTS],
  );
});

afterAll(async () => {
  await db?.drop();
});

/** The statement executed under `mode` on the connection that prepared it, and its plan's nodes on levering. */
async function plan(mode: 'force_custom_plan' | 'force_generic_plan') {
  return withTenant(ds, SYSTEEM, async (em) => {
    await em.query(`SET LOCAL plan_cache_mode = ${mode}`);
    const r = await em.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE leveringen_per_client(${argumenten})`);
    const top = r[0]['QUERY PLAN'][0].Plan;
    return { rows: top['Actual Rows'], levering: knopen(top).filter((n) => n['Relation Name'] === 'levering') };
  });
}

function probesByClient(p: Awaited<ReturnType<typeof plan>>): void {
  expect(p.rows).toBe(PROBES);
  expect(p.levering.length).toBeGreaterThan(0);
  for (const n of p.levering) {
    // An index scan that descends to the client: nothing of other clients read and thrown away.
    expect({ node: n['Node Type'], index: n['Index Name'], cond: n['Index Cond'] }).toEqual(expect.objectContaining({ cond: expect.stringContaining('client_hash') }));
    expect(n['Rows Removed by Filter'] ?? 0).toBe(0);
  }
}

describe('the live deliveries of a batch, one probe per client', () => {
  it('has no index that the probe could use without reaching the client hash', async () => {
    // Which plan wins among indexes the probe can use depends on statistics and index heights; an
    // index it can enter by provider and municipality that stops short of the client is a trap.
    const indexen = await ds.query<{ naam: string; kolommen: string[] }[]>(
      `SELECT i.relname AS naam, array_agg(a.attname::text ORDER BY k.n) AS kolommen
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE x.indrelid = 'levering'::regclass
        GROUP BY i.relname`,
    );
    const gebonden = new Set(['aanbieder_agb', 'gemeente_code', 'client_hash']);
    // Per index, the leading columns the probe binds: what it can descend on.
    const bruikbaar = indexen.map(({ naam, kolommen }) => {
      const eerste = kolommen.findIndex((k) => !gebonden.has(k));
      return { naam, voor: eerste < 0 ? kolommen : kolommen.slice(0, eerste) };
    });
    expect(bruikbaar.filter((b) => b.voor.length > 0 && !b.voor.includes('client_hash'))).toEqual([]);
    expect(bruikbaar.filter((b) => b.voor.includes('client_hash')).length).toBeGreaterThan(0);
  });

  it('finds each client by its hash while the statistics predate the provider\'s deliveries: the plan made before (generic) and a fresh one (custom)', async () => {
    probesByClient(await plan('force_generic_plan'));
    probesByClient(await plan('force_custom_plan'));
  });

  it('and after ANALYZE', async () => {
    await alsEigenaar('ANALYZE levering');
    probesByClient(await plan('force_generic_plan'));
    probesByClient(await plan('force_custom_plan'));
  });
});
