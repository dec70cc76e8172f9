import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';

const namen = new Map<string, string>();

/**
 * Runs a statement of the caller's transaction as a named prepared statement on its connection,
 * so PostgreSQL plans it once per connection instead of at every execution: with the row-level
 * security policies folded in, planning the message path's statements cost more than running
 * them (measured with `npm run bench`, ingest). The name is derived from the text.
 * Only for transactions that run one statement at a time (withTenant, the worker, the inbox).
 */
export async function prepared<T extends QueryResultRow>(em: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  let name = namen.get(text);
  if (!name) namen.set(text, (name = `p${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  const client = (await (em.queryRunner as QueryRunner).connect()) as PoolClient;
  return (await client.query<T>({ name, text, values })).rows;
}
