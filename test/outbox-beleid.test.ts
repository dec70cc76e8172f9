import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { seed } from '../src/seed/seed';
import { AGB, FIXTURE } from './fixtures/regions';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { pinKlok } from './helpers/klok';

pinKlok();

/**
 * The outbox as the relay and the delivery jobs use it: the system (an administrator without a
 * region) reads and changes every row without a per-row function call; a regional administrator
 * only the rows of its region's messages.
 */
let db: TestDatabase;
let ds: DataSource;
const PER_REGIO = 30;

beforeAll(async () => {
  db = await createTestDatabase('outbox_beleid');
  ds = await db.app();
  await seed(ds, FIXTURE);
  await alsEigenaar(async (c) => {
    for (const [regio, gemeente] of [
      ['NOB', '0796'],
      ['GRO', '0014'],
    ]) {
      await c.query(
        `WITH b AS (INSERT INTO bericht (richting, type, afzender, ontvanger, identificatie, inhoud_hash, aanbieder_agb, gemeente_code, regio_code, status, xml_versleuteld, grootte)
                    SELECT 'uit', 'JW301', $2, $3, $1 || i, repeat('a', 64), $3, $2, $1, 'klaar', '\\x00'::bytea, 1 FROM generate_series(1, $4::int) AS i RETURNING id)
         INSERT INTO outbox (soort, bericht_id) SELECT 'bezorg', id FROM b`,
        [regio, gemeente, AGB.alfa, PER_REGIO],
      );
    }
  });
});

afterAll(async () => {
  await db?.drop();
});

async function alsEigenaar<T>(f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: db.ownerUrl });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/**
 * As the application role in the context of an administrator (of `regio`, or the system without
 * one): the relay's claim and hand-over of the open rows, rolled back; the rows it touched and the
 * calls of hub_beheerder_bericht it cost (function statistics of this transaction).
 */
async function relay(regio: string): Promise<{ rijen: number; aanroepen: number }> {
  return alsEigenaar(async (c) => {
    // Counting function calls is for superusers to switch on; the statements then run as hub_app.
    await c.query(`SET track_functions = 'all'`);
    await c.query('BEGIN');
    try {
      await c.query('SET LOCAL ROLE hub_app');
      await c.query(`SELECT hub_zet_context('beheerder', $1, '', '', 'systeem:test')`, [regio]);
      const ids = (await c.query<{ id: string }>(`SELECT id FROM outbox WHERE doorgezet_op IS NULL ORDER BY id FOR UPDATE SKIP LOCKED`)).rows.map((r) => r.id);
      const r = await c.query(`UPDATE outbox SET doorgezet_op = now() WHERE id = ANY($1::bigint[])`, [ids]);
      const [{ n }] = (await c.query<{ n: string }>(`SELECT coalesce(pg_stat_get_xact_function_calls('hub_beheerder_bericht(uuid)'::regprocedure), 0) AS n`)).rows;
      expect(r.rowCount).toBe(ids.length);
      return { rijen: ids.length, aanroepen: Number(n) };
    } finally {
      await c.query('ROLLBACK');
    }
  });
}

describe('the outbox policy', () => {
  it('lets the system claim and hand over every row with no per-row function call', async () => {
    expect(await relay('')).toEqual({ rijen: 2 * PER_REGIO, aanroepen: 0 });
  });

  it('still limits a regional administrator to its region\'s rows', async () => {
    const r = await relay('GRO');
    expect(r.rijen).toBe(PER_REGIO);
    expect(r.aanroepen).toBeGreaterThan(0);
  });
});
