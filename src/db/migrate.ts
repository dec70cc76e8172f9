import type { DataSource } from 'typeorm';

/** Arbitrary but fixed key of the advisory lock that serialises concurrent `migrate` runs. */
const LOCK_KEY = 743_201_901;

/** Runs pending migrations under a PostgreSQL advisory lock; returns the names applied. */
export async function migrateWithLock(ds: DataSource): Promise<string[]> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const done = await ds.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await qr.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  } finally {
    await qr.release();
  }
}
