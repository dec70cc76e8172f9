import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { RowReader } from '../db/prepared';
import { columnOf, columnsOf, tableOf, type Row } from '../db/rows';

type GetEm = () => Promise<EntityManager>;

/** Where the loaders read: the request's prepared reads, and its entity manager for entity loaders. */
export interface LoaderSource {
  reader: RowReader;
  em: GetEm;
}

/** The SQL type of a key column, for `= ANY ($1::type[])`: the column's own, so its index serves (char columns: bpchar). */
export type KeyType = 'uuid' | 'text' | 'bpchar';

/**
 * One plain row per key (or undefined): a single named statement per batch, whatever its size
 * (`= ANY` of an array, not an `IN` list whose text changes with the number of keys).
 */
export function rowByKey<E extends ObjectLiteral, K extends keyof Row<E> & string>(src: LoaderSource, entity: EntityTarget<E>, key: K, type: KeyType) {
  let text: string | undefined;
  return new DataLoader<string, Row<E> | undefined>(async (keys) => {
    text ??= `SELECT ${columnsOf(src.reader.dataSource, entity, 'x')} FROM ${tableOf(src.reader.dataSource, entity)} x WHERE x."${columnOf(src.reader.dataSource, entity, key)}" = ANY ($1::${type}[])`;
    const rows = await src.reader.rows<Row<E>>(text, [keys]);
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k));
  });
}

/** All plain rows per key, in `order`: a single named statement per batch. */
export function rowsByKey<E extends ObjectLiteral, K extends keyof Row<E> & string>(
  src: LoaderSource,
  entity: EntityTarget<E>,
  key: K,
  type: KeyType,
  order: keyof Row<E> & string,
) {
  let text: string | undefined;
  return new DataLoader<string, Row<E>[]>(async (keys) => {
    text ??=
      `SELECT ${columnsOf(src.reader.dataSource, entity, 'x')} FROM ${tableOf(src.reader.dataSource, entity)} x WHERE x."${columnOf(src.reader.dataSource, entity, key)}" = ANY ($1::${type}[]) ` +
      `ORDER BY x."${columnOf(src.reader.dataSource, entity, order)}"`;
    const rows = await src.reader.rows<Row<E>>(text, [keys]);
    const map = new Map<string, Row<E>[]>();
    for (const r of rows) {
      const k = String(r[key]);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return keys.map((k) => map.get(k) ?? []);
  });
}

/** One hydrated entity per key (or undefined): a single `IN` query per batch. */
export function entityByKey<T extends ObjectLiteral>(getEm: GetEm, entity: EntityTarget<T>, key: keyof T & string) {
  return new DataLoader<string, T | undefined>(async (keys) => {
    const em = await getEm();
    const rows = await em.createQueryBuilder(entity, 'x').where(`x.${key} IN (:...keys)`, { keys: [...keys] }).getMany();
    const map = new Map(rows.map((r) => [String(r[key]), r]));
    return keys.map((k) => map.get(k));
  });
}

/**
 * The per-request DataLoaders of every relation field, by name. Empty here: each module that
 * brings loaders adds its own names and types to this interface (declaration merging, see
 * src/contracting/loaders.ts), and src/modules.ts builds them all for a request. Their reads run
 * in the request's transaction and tenant context, so row-level security applies to each batch.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the modules (declaration merging)
export interface Loaders {}
