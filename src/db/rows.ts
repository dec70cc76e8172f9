import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The plain row of an entity as a read path returns it: its columns, without the relations (which
 * are declared optional on the entities). Values are as pg returns them, the same as TypeORM's
 * hydration for the column types used here (DATE as 'YYYY-MM-DD', bigint and numeric as string).
 */
export type Row<E> = { [K in keyof E as undefined extends E[K] ? never : K]: E[K] };

const lists = new WeakMap<object, Map<string, string>>();

/**
 * The select list of an entity's columns under `alias`, each named by its property
 * (`c."regio_code" AS "regioCode"`), from the entity metadata: a column added to an entity is
 * read by every statement built on it. Built once per entity and alias, so the statement text (and
 * with it the prepared statement's name) stays the same.
 */
export function columnsOf<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, alias: string): string {
  const meta = ds.getMetadata(entity);
  let perAlias = lists.get(meta.target as object);
  if (!perAlias) lists.set(meta.target as object, (perAlias = new Map<string, string>()));
  let list = perAlias.get(alias);
  if (!list) {
    list = meta.columns.map((c) => `${alias}."${c.databaseName}" AS "${c.propertyName}"`).join(', ');
    perAlias.set(alias, list);
  }
  return list;
}

/** The table of an entity, quoted. */
export function tableOf<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>): string {
  return `"${ds.getMetadata(entity).tableName}"`;
}

/** The database name of an entity's column, by property. */
export function columnOf<E extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<E>, property: keyof E & string): string {
  const c = ds.getMetadata(entity).findColumnWithPropertyName(property);
  if (!c) throw new Error(`no column ${property}`);
  return c.databaseName;
}
