import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureAppRole } from './db/app-role';
import { hubDataSource } from './modules';
import { loadConfig } from './config/config';

/**
 * Migration drift check: applies all migrations to a fresh scratch database and asks TypeORM
 * what it would still change to match the entities. Anything left is drift.
 */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const name = `test_drift_${randomBytes(4).toString('hex')}`;
  const admin = new URL(cfg.DATABASE_OWNER_URL);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  const url = new URL(cfg.DATABASE_OWNER_URL);
  url.pathname = `/${name}`;
  const drift: string[] = [];
  try {
    await ensureAppRole(url.toString(), cfg.DATABASE_URL);
    const ds = hubDataSource(url.toString());
    await ds.initialize();
    try {
      await ds.runMigrations();
      const sql = await ds.driver.createSchemaBuilder().log();
      drift.push(...sql.upQueries.map((q) => q.query));
    } finally {
      await ds.destroy();
    }
  } finally {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  }
  if (drift.length) {
    process.stderr.write(`migrations drift from the entities; generate a migration:\n  ${drift.join('\n  ')}\n`);
    process.exit(1);
  }
  process.stdout.write('migrations: no drift\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`migration check failed: ${(e as Error).message}\n`);
  process.exit(1);
});
