import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { QueryResultRow } from 'pg';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Params } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { RowReader } from '../db/prepared';

export const MAX_PAGE = 200;
/** Page size when the caller names neither `first` nor `last`. */
export const DEFAULT_PAGE = 50;

/**
 * Relay page arguments (Cursor Connections spec): `first` items after `after`, or the `last`
 * items before `before`; at most 200 a page, 50 when neither `first` nor `last` is given. Both
 * cursors may bound one page. `first` and `last` together are refused (BAD_USER_INPUT).
 */
@ArgsType()
export class PageArgs {
  /**
   * As the caller sent it: undefined when not given (then 50, or `last` pages backward). No
   * initializer: type-graphql would publish it as the argument's default, and a default `first`
   * could not be told from one the caller sent beside `last`. Read the page through pageWindow().
   */
  @Field(() => Int, { nullable: true, description: 'Number of items from the start (after `after`), 1–200; 50 when neither first nor last is given.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  first?: number;

  @Field({ nullable: true, description: 'Cursor of the last item of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Number of items from the end (before `before`), 1–200; not together with first.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  last?: number;

  @Field({ nullable: true, description: 'Cursor of the first item of the next page (paging backward).' })
  @IsOptional()
  @IsString()
  before?: string;
}

/** A page to read, read from PageArgs: its size, its direction and its bounds. */
export interface PageWindow {
  size: number;
  /** `last`: read the reverse order from the end (or from `before`), then flip. */
  backward: boolean;
  after?: [string, string];
  before?: [string, string];
}

/**
 * Checks and reads the page arguments: first and last together, a size outside 1–200 or a
 * cursor this api did not issue are BAD_USER_INPUT with a Dutch message naming the argument.
 * Accepts a plain `{ first, after }` object too (callers that build their own arguments).
 */
export function pageWindow(args: Partial<Pick<PageArgs, 'first' | 'after' | 'last' | 'before'>>, max = MAX_PAGE): PageWindow {
  if (args.first != null && args.last != null) {
    throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Geef first of last, niet allebei', { veld: 'last', reden: 'FIRST_EN_LAST' });
  }
  const backward = args.last != null;
  const size = backward ? args.last! : (args.first ?? DEFAULT_PAGE);
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new HubError(HubErrorCode.BAD_USER_INPUT, `Paginagrootte moet tussen 1 en ${max} liggen`, { veld: backward ? 'last' : 'first', reden: 'PAGINAGROOTTE' });
  }
  return {
    size,
    backward,
    after: args.after != null ? decodeCursor(args.after, 'after') : undefined,
    before: args.before != null ? decodeCursor(args.before, 'before') : undefined,
  };
}

@ObjectType({ description: 'Relay page information (Cursor Connections spec).', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'Whether there are items after this page (paging forward: more than `first`; paging backward: `before` was given).' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether there are items before this page (paging backward: more than `last`; paging forward: `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page.' })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** Counted only when read: the field resolver reads it only when the caller selected it. */
  readonly totalCount: number | Promise<number>;
}

/** Builds a Relay connection type for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  // Plain properties: graphql-js reads them itself, no per-field wrapper of type-graphql.
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.`, simpleResolvers: true })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.`, simpleResolvers: true })
  class Conn {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo!: PageInfo;

    // A resolver of its own (simple: false): the value is a promise, started on first read, and
    // the compiled executor (graphql-jit) reads a field without a resolver as a plain value.
    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.', simple: false })
    totalCount!: number;
  }
  return Conn;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads a cursor this api issued: [sort key, uuid]. Anything else is BAD_USER_INPUT before it
 * reaches SQL; a sort key the column cannot read is refused by the database as BAD_USER_INPUT too.
 */
export function decodeCursor(cursor: string, veld: 'after' | 'before' = 'after'): [string, string] {
  if (cursor.length <= 512) {
    try {
      const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && UUID.test(v[1])) return [v[0], v[1]];
    } catch {
      // fall through to the coded error
    }
  }
  throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Ongeldige cursor', { veld, reden: 'CURSOR' });
}

/** The opaque cursor of an item: its sort key and id. */
export const cursorOf = (sortKey: string, id: string) => Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');

/**
 * A connection whose `totalCount` runs `count` on first read only. GraphQL reads it only when the
 * caller selected `totalCount` (under any alias, fragment or directive: the executor decides), so a
 * page without it costs no count statement.
 *
 * `rows` are read in the window's order with one row more than the page: forward, ascending;
 * backward, descending (flipped here, so a page is always in forward order). The flag of the far
 * side comes from that extra row; the near side's is whether a cursor bounds it there (a cursor
 * names an item that came before: the spec allows this answer and it costs no statement).
 */
export function connectionOf<T>(rows: T[], w: PageWindow, cursor: (t: T) => string, count: () => Promise<number>): Connection<T> {
  const more = rows.length > w.size;
  const page = rows.slice(0, w.size);
  if (w.backward) page.reverse();
  const edges = page.map((node) => ({ node, cursor: cursor(node) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: w.backward ? w.before !== undefined : more,
      hasPreviousPage: w.backward ? more : w.after !== undefined,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    get totalCount() {
      return (counted ??= count());
    },
  };
}

/**
 * A connection over a list already in memory, in its order, whose items carry a unique `id` (a
 * UUID) and a sort key: for lists computed whole (aggregates, bounded by nature). Cursors are the
 * same as the keyset pages', positions found by id.
 */
export function connectionFromArray<T extends { id: string }>(all: T[], args: PageArgs, sortKey: (t: T) => string): Connection<T> {
  const w = pageWindow(args);
  let lo = 0;
  let hi = all.length;
  const at = (c: [string, string]) => all.findIndex((t) => t.id === c[1]);
  if (w.after) lo = at(w.after) + 1;
  if (w.before) {
    const i = at(w.before);
    hi = i < 0 ? hi : i;
  }
  const slice = all.slice(lo, Math.max(lo, hi));
  const rows = w.backward ? slice.slice(Math.max(0, slice.length - w.size - 1)).reverse() : slice.slice(0, w.size + 1);
  return connectionOf(rows, w, (t) => cursorOf(sortKey(t), t.id), () => Promise.resolve(all.length));
}

/**
 * The sort of a keyset page: one column (`nummer`) or several, each a column of the alias or an
 * SQL expression (anything with a dot or a parenthesis is taken as written), always followed by
 * the id. A cursor holds the sort values as text (several: a JSON array in its first element).
 */
export type SortColumns = string | readonly string[];

const sortExpr = (alias: string, c: string) => (/[.(]/.test(c) ? c : `${alias}.${c}`);

function sortValues(cols: SortColumns, key: string): string[] {
  if (typeof cols === 'string') return [key];
  try {
    const v: unknown = JSON.parse(key);
    if (Array.isArray(v) && v.length === cols.length && v.every((x) => typeof x === 'string')) return v;
  } catch {
    // fall through to the coded error
  }
  throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Ongeldige cursor', { reden: 'CURSOR' });
}

const sortKeyText = (k: string | readonly string[]) => (typeof k === 'string' ? k : JSON.stringify(k));

/**
 * The unique uuid column that ends a keyset's order, for an entity whose key is not one `id`
 * column (a composite key): the sort columns with this column must order the rows totally.
 */
export interface KeysetUuid<T> {
  /** Column of the alias, e.g. `begrotingspost_id`. */
  column: string;
  /** Its value in an entity, for the cursor. */
  of: (t: T) => string;
}

/**
 * Keyset pagination over `qb` ordered by (sortColumn…, id): stable under inserts, one query for
 * the page and, when `totalCount` is read, one for the count. `sortKey` reads the sort value(s)
 * back from an entity for its cursor. `last`/`before` read the reverse order and flip it. An
 * entity without an `id` names the uuid column that takes its place (`uuid`).
 */
export function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: Partial<PageArgs>,
  sortColumn: SortColumns,
  sortKey: (t: T) => string | readonly string[],
  /** Largest page: the GraphQL cap unless a REST route follows a standard of its own. */
  max?: number,
): Promise<Connection<T>>;
export function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: Partial<PageArgs>,
  sortColumn: SortColumns,
  sortKey: (t: T) => string | readonly string[],
  max: number,
  uuid: KeysetUuid<T>,
): Promise<Connection<T>>;
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: Partial<PageArgs>,
  sortColumn: SortColumns,
  sortKey: (t: T) => string | readonly string[],
  max = MAX_PAGE,
  uuid: KeysetUuid<T> = { column: 'id', of: (t) => (t as T & { id: string }).id },
): Promise<Connection<T>> {
  const w = pageWindow(args, max);
  const alias = qb.alias;
  const counter = qb.clone();
  const cols = (typeof sortColumn === 'string' ? [sortColumn] : [...sortColumn]).map((c) => sortExpr(alias, c));
  const idCol = `${alias}.${uuid.column}`;
  const key = `(${cols.join(', ')}, ${idCol})`;
  const bound = (c: [string, string], op: '>' | '<', name: string) => {
    const vals = sortValues(sortColumn, c[0]);
    const params: Record<string, string> = { [`${name}id`]: c[1] };
    vals.forEach((v, i) => (params[`${name}${i}`] = v));
    qb.andWhere(`${key} ${op} (${vals.map((_, i) => `:${name}${i}`).join(', ')}, :${name}id)`, params);
  };
  if (w.after) bound(w.after, '>', 'pga');
  if (w.before) bound(w.before, '<', 'pgb');
  const dir = w.backward ? 'DESC' : 'ASC';
  qb.orderBy(cols[0], dir);
  for (const c of cols.slice(1)) qb.addOrderBy(c, dir);
  const rows = await qb.addOrderBy(idCol, dir).take(w.size + 1).getMany();
  return connectionOf(rows, w, (node) => cursorOf(sortKeyText(sortKey(node)), uuid.of(node)), () => counter.getCount());
}

/** A keyset page in plain SQL: the rows of `from` (with its alias) that match every condition. */
export interface PageQuery<T> {
  /** The select list. */
  columns: string;
  /** FROM clause with the alias used in `columns`, `where` and `sortColumn`, e.g. `contract c`. */
  from: string;
  alias: string;
  /** Conditions (AND), with their values in `params`. */
  where: string[];
  params: Params;
  /** The sort column(s) of the alias before the id, e.g. `nummer`; never null (a row comparison with null drops the row). */
  sortColumn: SortColumns;
  /** The sort value(s) of a row, for its cursor. */
  sortKey: (t: T) => string | readonly string[];
}

/**
 * Keyset pagination in plain SQL ordered by (sortColumn…, id): the page and, when `totalCount` is
 * read, the count run as named prepared statements of `reader` (the request's transaction), and
 * return plain rows. `last`/`before` read the reverse order and flip it.
 */
export async function pageOf<T extends QueryResultRow & { id: string }>(reader: RowReader, q: PageQuery<T>, args: PageArgs): Promise<Connection<T>> {
  const w = pageWindow(args);
  const a = q.alias;
  const filter = q.where.length ? q.where.join(' AND ') : 'true';
  const filterValues = [...q.params.values];
  const cols = (typeof q.sortColumn === 'string' ? [q.sortColumn] : [...q.sortColumn]).map((c) => `${a}.${c}`);
  const key = `(${cols.join(', ')}, ${a}.id)`;
  const bound = (c: [string, string]) => `(${sortValues(q.sortColumn, c[0]).map((v) => q.params.add(v)).join(', ')}, ${q.params.add(c[1])}::uuid)`;
  let page = filter;
  if (w.after) page += ` AND ${key} > ${bound(w.after)}`;
  if (w.before) page += ` AND ${key} < ${bound(w.before)}`;
  const dir = w.backward ? ' DESC' : '';
  const rows = await reader.rows<T>(
    `SELECT ${q.columns} FROM ${q.from} WHERE ${page} ORDER BY ${[...cols, `${a}.id`].map((c) => c + dir).join(', ')} LIMIT ${q.params.add(w.size + 1)}`,
    q.params.values,
  );
  return connectionOf(rows, w, (node) => cursorOf(sortKeyText(q.sortKey(node)), node.id), async () => {
    const [r] = await reader.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} WHERE ${filter}`, filterValues);
    return r.n;
  });
}

/** The same page with each item mapped (rows read as plain SQL to the GraphQL type); `totalCount` stays counted on first read only. */
export function mapConnection<T, U>(c: Connection<T>, f: (t: T) => U): Connection<U> {
  return {
    edges: c.edges.map((e) => ({ cursor: e.cursor, node: f(e.node) })),
    pageInfo: c.pageInfo,
    get totalCount() {
      return c.totalCount;
    },
  };
}
