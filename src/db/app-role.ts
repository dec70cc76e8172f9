import { Client } from 'pg';
import { APP_ROLE } from './data-source';

/**
 * Makes sure the application role exists (roles are cluster-wide, so this runs before the
 * migrations that grant to it). The password is taken from DATABASE_URL when it has one.
 */
export async function ensureAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const password = decodeURIComponent(new URL(appUrl).password || '');
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (exists.rowCount === 0) {
      await c.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    }
    if (password) {
      await c.query(`ALTER ROLE ${APP_ROLE} PASSWORD ${c.escapeLiteral(password)}`);
    }
  } catch (e) {
    // Two processes may race to create the role; the loser sees a duplicate and is fine.
    if ((e as { code?: string }).code !== '23505' && (e as { code?: string }).code !== '42710') throw e;
  } finally {
    await c.end();
  }
}

/** Creates the database named in `url` when it does not exist (connects to `postgres`). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount) return false;
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
    return true;
  } finally {
    await c.end();
  }
}
