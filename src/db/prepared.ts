import { createHash } from 'node:crypto';
import type { PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const namen = new Map<string, string>();

/**
 * The name of a statement's prepared form, derived from its text: the same text has the same name
 * on every connection, so each connection prepares it once.
 */
export function statementName(text: string): string {
  let name = namen.get(text);
  if (!name) namen.set(text, (name = `p${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/**
 * Runs a statement of the caller's transaction as a named prepared statement on its connection,
 * so PostgreSQL plans it once per connection instead of at every execution: with the row-level
 * security policies folded in, planning the message path's statements cost more than running
 * them (measured with `npm run bench`, ingest). The name is derived from the text.
 * Only for transactions that run one statement at a time (withTenant, the worker, the inbox).
 */
export async function prepared<T extends QueryResultRow>(em: EntityManager, text: string, values: unknown[] = []): Promise<T[]> {
  const client = (await (em.queryRunner as QueryRunner).connect()) as PoolClient;
  return (await client.query<T>({ name: statementName(text), text, values })).rows;
}

/**
 * Reads plain rows with named prepared statements inside one transaction and its tenant context:
 * the read paths of GraphQL (loaders and pages), implemented by the request's transaction
 * (`RequestTransaction.rows`: statements prepared once per connection, the reads of one turn in
 * one round trip). Values are strings, numbers, booleans, null or arrays of those.
 */
export interface RowReader {
  rows<T extends QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** Whose entity metadata gives the select lists (src/db/rows.ts). */
  readonly dataSource: DataSource;
}
