import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { SYSTEEM } from '../src/auth/principal';
import { withTenant } from '../src/db/tenant';
import { HUIDIG_ENVELOP } from '../src/ggk/ggk.kanaal';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { knopen, type PlanNode } from './helpers/plan';

/**
 * Every delivery attempt through the GGk reads its message's current outgoing envelope by
 * bericht_id. The plan must find it by that key whatever the statistics say: on a table never
 * analysed (a new region, autovacuum behind), as the prepared statement's generic plan, and
 * after ANALYZE. A partial index on the hub's own envelopes once made the planner walk all of
 * them per lookup (1.3 ms a Du01 in the bench, growing with the table).
 */
let db: TestDatabase;
let ds: DataSource;
const UIT = 5000;

async function alsEigenaar(sql: string): Promise<void> {
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(sql);
  } finally {
    await owner.end();
  }
}

const sleutel = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const envelopen = (van: number, tot: number) =>
  `INSERT INTO ggk_envelop (richting, berichtcode, zender_organisatie, zender_applicatie, ontvanger_organisatie, referentienummer, tijdstip_bericht, functie, bericht_id, status)
   SELECT CASE WHEN i % 2 = 0 THEN 'uit' ELSE 'in' END, 'Di01', '0363', 'Jeugdhub', '01234567', gen_random_uuid()::text, lpad(i::text, 17, '0'), 'JW301',
          ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, CASE WHEN i % 2 = 0 THEN 'verzonden' ELSE 'ontvangen' END
     FROM generate_series(${van}, ${tot}) AS i`;

beforeAll(async () => {
  db = await createTestDatabase('ggk_plan');
  await alsEigenaar(`ALTER TABLE ggk_envelop SET (autovacuum_enabled = false)`);
  // A region's first envelopes; never analysed.
  await alsEigenaar(envelopen(1, 20));
  // One connection: the delivery's statement is prepared on it and planned while the table is small,
  ds = await db.app({ poolSize: 1 });
  await ds.query(`PREPARE huidig(uuid) AS ${HUIDIG_ENVELOP}`);
  for (let i = 0; i < 8; i++) await withTenant(ds, SYSTEEM, (em) => em.query(`EXECUTE huidig('${sleutel(2 + 2 * (i % 10))}')`));
  // then the region's traffic grows.
  await alsEigenaar(envelopen(21, 2 * UIT));
});

afterAll(async () => {
  await db?.drop();
});

/** The lookup of one message's envelope under `mode`, and its plan's nodes on ggk_envelop. */
async function plan(mode: 'auto' | 'force_custom_plan' | 'force_generic_plan'): Promise<PlanNode[]> {
  return withTenant(ds, SYSTEEM, async (em) => {
    await em.query(`SET LOCAL plan_cache_mode = ${mode}`);
    // EXPLAIN takes no bind parameters: the key as a literal.
    const r = await em.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE huidig('${sleutel(2 * UIT - 2)}')`);
    return knopen(r[0]['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === 'ggk_envelop');
  });
}

function doorBerichtId(nodes: PlanNode[]): void {
  expect(nodes.length).toBeGreaterThan(0);
  for (const n of nodes) {
    expect({ node: n['Node Type'], index: n['Index Name'], cond: n['Index Cond'] }).toEqual(expect.objectContaining({ cond: expect.stringContaining('bericht_id') }));
    expect(n['Rows Removed by Filter'] ?? 0).toBe(0);
  }
}

it('finds a message\'s current outgoing envelope by its bericht_id: with the plan made while the table was small, without statistics and after ANALYZE', async () => {
  // The plan made while the table was small, as the worker's connection keeps it:
  doorBerichtId(await plan('auto'));
  doorBerichtId(await plan('force_generic_plan'));
  doorBerichtId(await plan('force_custom_plan'));
  await alsEigenaar('ANALYZE ggk_envelop');
  doorBerichtId(await plan('force_generic_plan'));
  doorBerichtId(await plan('force_custom_plan'));
});
