import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { ensureAppRole } from '../../src/db/app-role';
import { hubDataSource } from '../../src/modules';
import { migrateWithLock } from '../../src/db/migrate';

const HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';
const OWNER = process.env.TEST_PG_OWNER ?? 'postgres';

export interface TestDatabase {
  name: string;
  ownerUrl: string;
  appUrl: string;
  /** A DataSource as the application role (row-level security applies). */
  app(opts?: { logger?: Logger; poolSize?: number; statementTimeoutMs?: number }): Promise<DataSource>;
  drop(): Promise<void>;
}

/** Refuses any database whose name does not say test, so a test can never touch real data. */
export function assertTestName(name: string): void {
  if (!/test/.test(name)) throw new Error(`refusing to use database ${name}: its name does not say test`);
}

/** A fresh database for one test file, with the real migrations applied; drop() removes it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  assertTestName(name);
  const admin = new Client({ connectionString: `postgres://${OWNER}@${HOST}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const ownerUrl = `postgres://${OWNER}@${HOST}/${name}`;
  const appUrl = `postgres://hub_app@${HOST}/${name}`;
  await ensureAppRole(ownerUrl, appUrl);
  const owner = hubDataSource(ownerUrl);
  await owner.initialize();
  await migrateWithLock(owner);
  await owner.destroy();
  const opened: DataSource[] = [];
  return {
    name,
    ownerUrl,
    appUrl,
    async app(opts = {}) {
      const ds = hubDataSource(appUrl, { logger: opts.logger, logging: opts.logger ? ['query'] : false, poolSize: opts.poolSize ?? 5, statementTimeoutMs: opts.statementTimeoutMs });
      await ds.initialize();
      opened.push(ds);
      return ds;
    },
    async drop() {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      const c = new Client({ connectionString: `postgres://${OWNER}@${HOST}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
