import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { HubError, HubErrorCode } from '../common/hub-error';

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

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether there are items after this page.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page.' })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection type for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class Conn {
    @Field(() => [Edge], { description: 'The items of this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
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
 * Keyset pagination over `qb` ordered by (sortColumn, id): stable under inserts, one query for the
 * page and one for the count. `sortKey` reads the sort value back from an entity for its cursor.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  sortColumn: string,
  sortKey: (t: T) => string,
): Promise<Connection<T>> {
  const alias = qb.alias;
  const totalCount = await qb.clone().getCount();
  if (args.after) {
    const [k, id] = decodeCursor(args.after);
    qb.andWhere(`(${alias}.${sortColumn}, ${alias}.id) > (:ck, :cid)`, { ck: k, cid: id });
  }
  const rows = await qb
    .orderBy(`${alias}.${sortColumn}`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .take(args.first + 1)
    .getMany();
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({
    node,
    cursor: Buffer.from(JSON.stringify([sortKey(node), node.id])).toString('base64url'),
  }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
