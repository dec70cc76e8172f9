import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { Arg, Authorized, Ctx, Extensions, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { HubContext } from './context';
import { MAX_PAGE } from './pagination';

/**
 * Relay Global Object Identification. Every type with an identity implements `Node`; its `id` is
 * a global id, the opaque base64 of `Type:key` (the key: the row's own id). `node(id)` and
 * `nodes(ids)` read an object back through the loader its module registers for the type
 * (`HubModule.nodes`), which reads with the same tenant scope as the type's own query, so a
 * caller gets null for what it may not see, exactly as there.
 *
 * Ids as arguments: every `ID` argument, and every `ID` field of an input object, is decoded by
 * one decoder (`globaleIds`, applied to the schema once): a global id of a registered type
 * becomes its key before the resolver sees it. A raw key (a UUID) is still accepted as it was
 * (transition for callers that stored raw ids); the output is always the global id.
 */

/** The type of an object that node/nodes return, for `resolveType` (not enumerable, not serialised). */
const NODE_TYPE = Symbol('nodeType');
const nodeType = (v: unknown): string | undefined => (v as { [NODE_TYPE]?: string } | null)?.[NODE_TYPE];

@InterfaceType('Node', {
  description: 'An object with a global id (Relay Global Object Identification): read it back with node(id).',
  resolveType: (v: object) => nodeType(v),
})
export abstract class Node {
  @Field(() => ID, { description: 'Global id: opaque and stable; node(id) reads the object back, and every argument that takes this type\'s id accepts it.' })
  id!: string;
}

/**
 * How node/nodes read one type: the objects for these keys (same order, null or undefined for a
 * key the caller may not see or that does not exist), in the request's transaction and tenant
 * context, with the same scope as the type's own query.
 */
export type NodeLader = (ctx: HubContext, keys: readonly string[]) => Promise<readonly (object | null | undefined)[]>;

const laders = new Map<string, NodeLader>();

/** Registers the modules' node loaders (src/modules.ts, before the schema is built); a type twice throws. */
export function registreerNodes(entries: readonly (readonly [string, NodeLader])[]): void {
  for (const [type, lader] of entries) {
    const bestaand = laders.get(type);
    if (bestaand && bestaand !== lader) throw new Error(`Node type ${type} registered twice`);
    laders.set(type, lader);
  }
}

/** The global id of an object of `type` with key `key`. */
export function globaleId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The type and key of a global id this api issued (a registered type); undefined for anything else. */
export function leesGlobaleId(id: string): { type: string; key: string } | undefined {
  if (id.length > 300 || id.length % 4 !== 0 || !BASE64.test(id)) return undefined;
  const tekst = Buffer.from(id, 'base64').toString('utf8');
  if (Buffer.from(tekst, 'utf8').toString('base64') !== id) return undefined;
  const i = tekst.indexOf(':');
  if (i < 1) return undefined;
  const type = tekst.slice(0, i);
  return laders.has(type) ? { type, key: tekst.slice(i + 1) } : undefined;
}

/** Reads objects by global id, one loader call per type; unknown or invisible ids are null. */
async function laad(ctx: HubContext, ids: readonly string[]): Promise<(object | null)[]> {
  const perType = new Map<string, { keys: string[]; plekken: number[] }>();
  ids.forEach((id, plek) => {
    const g = leesGlobaleId(id);
    if (!g) return;
    const t = perType.get(g.type) ?? { keys: [], plekken: [] };
    t.keys.push(g.key);
    t.plekken.push(plek);
    perType.set(g.type, t);
  });
  const uit: (object | null)[] = ids.map(() => null);
  for (const [type, { keys, plekken }] of perType) {
    const gevonden = await laders.get(type)!(ctx, keys);
    keys.forEach((_, i) => {
      const o = gevonden[i];
      if (!o) return;
      Object.defineProperty(o, NODE_TYPE, { value: type, enumerable: false, configurable: true });
      uit[plekken[i]] = o;
    });
  }
  return uit;
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Extensions({ globaleIdsRuw: true })
  @Query(() => Node, { nullable: true, description: 'Any object by its global id, if the caller may see it (the same answer as the type\'s own query): null otherwise.' })
  async node(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return (await laad(ctx, [id]))[0];
  }

  @Authorized()
  @Extensions({ globaleIdsRuw: true })
  @Query(() => [Node], { nullable: 'items', description: 'Objects by their global ids (at most 200), in the order asked; null for each the caller may not see.' })
  async nodes(@Ctx() ctx: HubContext, @Arg('ids', () => [ID]) ids: string[]) {
    if (ids.length > MAX_PAGE) throw new HubError(HubErrorCode.BAD_USER_INPUT, `Hoogstens ${MAX_PAGE} ids tegelijk`, { veld: 'ids' });
    return laad(ctx, ids);
  }
}

type Decoder = (v: unknown) => unknown;

/** A decoder of the ID values inside an input type, or undefined when it holds none. */
function decoderVan(t: GraphQLInputType, bezig = new Set<string>()): Decoder | undefined {
  if (isNonNullType(t)) return decoderVan(t.ofType, bezig);
  if (isListType(t)) {
    const d = decoderVan(t.ofType, bezig);
    return d && ((v) => (Array.isArray(v) ? v.map(d) : d(v)));
  }
  if (getNamedType(t).name === 'ID') return (v) => (typeof v === 'string' ? (leesGlobaleId(v)?.key ?? v) : v);
  if (!isInputObjectType(t) || bezig.has(t.name)) return undefined;
  bezig.add(t.name);
  const velden = Object.values(t.getFields()).flatMap((f) => {
    const d = decoderVan(f.type, bezig);
    return d ? [[f.name, d] as const] : [];
  });
  bezig.delete(t.name);
  if (!velden.length) return undefined;
  return (v) => {
    if (v === null || typeof v !== 'object') return v;
    const o = { ...(v as Record<string, unknown>) };
    for (const [naam, d] of velden) if (o[naam] !== undefined) o[naam] = d(o[naam]);
    return o;
  };
}

/**
 * The one place global ids are written and read: every Node type's `id` answers the global id,
 * and every field with an ID argument (at any depth of its input objects) gets its arguments
 * decoded before its resolver runs. A type that implements Node without a registered loader
 * throws here, so node(id) can read every Node type.
 */
export function globaleIds(schema: GraphQLSchema): GraphQLSchema {
  // type-graphql wraps resolveType in an async function; graphql-jit wants the name at once.
  const node = schema.getType('Node');
  if (isInterfaceType(node)) node.resolveType = nodeType;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const velden = type.getFields();
    if (type.getInterfaces().some((i) => i.name === 'Node')) {
      if (!laders.has(type.name)) throw new Error(`Node type ${type.name} has no loader (HubModule.nodes)`);
      const naam = type.name;
      velden.id.resolve = (src: { id: string }) => globaleId(naam, String(src.id));
    }
    for (const veld of Object.values(velden)) {
      if ((veld.extensions as { globaleIdsRuw?: boolean }).globaleIdsRuw) continue;
      const decoders = veld.args.flatMap((a) => {
        const d = decoderVan(a.type);
        return d ? [[a.name, d] as const] : [];
      });
      if (!decoders.length) continue;
      const orig: GraphQLFieldResolver<unknown, unknown> = veld.resolve ?? defaultFieldResolver;
      veld.resolve = (src, args: Record<string, unknown>, ctx, info) => {
        const a = { ...args };
        for (const [naam, d] of decoders) if (a[naam] !== undefined) a[naam] = d(a[naam]);
        return orig(src, a, ctx, info);
      };
    }
  }
  return schema;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys that are UUIDs: anything else names no row (and must not reach a uuid column). */
export const uuids = (keys: readonly string[]): string[] => keys.filter((k) => UUID.test(k));

/** The rows found put in the order of the keys asked for (undefined where none). */
export function opVolgorde<T extends { id: string }>(keys: readonly string[], rows: readonly T[]): (T | undefined)[] {
  const m = new Map(rows.map((r) => [String(r.id), r]));
  return keys.map((k) => m.get(k));
}

/** A loader over a type's own by-id read (its `x(id)` query), one key at a time: nodes(ids) is at most 200. */
export const eenPerSleutel =
  (lees: (ctx: HubContext, key: string) => Promise<object | null | undefined>): NodeLader =>
  async (ctx, keys) => {
    const uit: (object | null | undefined)[] = [];
    for (const k of keys) uit.push(await lees(ctx, k));
    return uit;
  };

/** The key of an id given as a global id, or the id itself (a raw key): for REST paths that take an id. */
export const sleutelVan = (id: string): string => leesGlobaleId(id)?.key ?? id;
