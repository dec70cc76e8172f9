import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { QueryResultRow } from 'pg';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Params } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { RowReader } from '../db/prepared';

export const MAX_PAGE = 200;

/** Relay-style page arguments; at most 200 items a page. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { description: 'Number of items (1–200).' })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  first = 50;

  @Field({ nullable: true, description: 'Cursor of the last item of the previous page.' })
  @IsOptional()
  @IsString()
  after?: string;
}

@ObjectType({ description: 'Relay page information.', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'Whether there are items after this page.' })
  hasNextPage!: boolean;

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
export function decodeCursor(after: string): [string, string] {
  if (after.length <= 512) {
    try {
      const v: unknown = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
      if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string' && UUID.test(v[1])) return [v[0], v[1]];
    } catch {
      // fall through to the coded error
    }
  }
  throw new HubError(HubErrorCode.BAD_USER_INPUT, 'Ongeldige cursor', { veld: 'after' });
}

/**
 * A connection whose `totalCount` runs `count` on first read only. GraphQL reads it only when the
 * caller selected `totalCount` (under any alias, fragment or directive: the executor decides), so a
 * page without it costs no count statement.
 */
function connection<T>(edges: { cursor: string; node: T }[], hasNextPage: boolean, count: () => Promise<number>): Connection<T> {
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      return (counted ??= count());
    },
  };
}

const cursorOf = (sortKey: string, id: string) => Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');

/**
 * Keyset pagination over `qb` ordered by (sortColumn, id): stable under inserts, one query for the
 * page and, when `totalCount` is read, one for the count. `sortKey` reads the sort value back from
 * an entity for its cursor.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  sortColumn: string,
  sortKey: (t: T) => string,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const counter = qb.clone();
  if (args.after) {
    const [k, id] = decodeCursor(args.after);
    qb.andWhere(`(${alias}.${sortColumn}, ${alias}.id) > (:ck, :cid)`, { ck: k, cid: id });
  }
  const rows = await qb
    .orderBy(`${alias}.${sortColumn}`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(args.first + 1)
    .getMany();
  const edges = rows.slice(0, args.first).map((node) => ({ node, cursor: cursorOf(sortKey(node), node.id) }));
  return connection(edges, rows.length > args.first, () => counter.getCount());
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
  /** The sort column before the id, e.g. `nummer`. */
  sortColumn: string;
  /** The sort value of a row, for its cursor. */
  sortKey: (t: T) => string;
}

/**
 * Keyset pagination in plain SQL ordered by (sortColumn, id): the page and, when `totalCount` is
 * read, the count run as named prepared statements of `reader` (the request's transaction), and
 * return plain rows.
 */
export async function pageOf<T extends QueryResultRow & { id: string }>(reader: RowReader, q: PageQuery<T>, args: PageArgs): Promise<Connection<T>> {
  const a = q.alias;
  const filter = q.where.length ? q.where.join(' AND ') : 'true';
  const filterValues = [...q.params.values];
  let page = filter;
  if (args.after) {
    const [k, id] = decodeCursor(args.after);
    page += ` AND (${a}.${q.sortColumn}, ${a}.id) > (${q.params.add(k)}, ${q.params.add(id)}::uuid)`;
  }
  const rows = await reader.rows<T>(
    `SELECT ${q.columns} FROM ${q.from} WHERE ${page} ORDER BY ${a}.${q.sortColumn}, ${a}.id LIMIT ${q.params.add(args.first + 1)}`,
    q.params.values,
  );
  const edges = rows.slice(0, args.first).map((node) => ({ node, cursor: cursorOf(q.sortKey(node), node.id) }));
  return connection(edges, rows.length > args.first, async () => {
    const [r] = await reader.rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${q.from} WHERE ${filter}`, filterValues);
    return r.n;
  });
}
