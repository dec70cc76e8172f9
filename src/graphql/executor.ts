import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isNonNullType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** A bounded map that forgets the least recently used entry first (Map keeps insertion order). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * graphql-jit (0.8) refuses a variable whose input object leaves out a non-null field with a
 * default (`producten: [ContractProductInput!]! = []`), where graphql-js fills in the default.
 * Operations whose variables reach such a field run on graphql-js; the check is made once per type.
 */
function defaultsOnNonNull(schema: GraphQLSchema): (doc: DocumentNode, operationName: string | undefined) => boolean {
  const known = new Map<GraphQLNamedType, boolean>();
  const reaches = (t: GraphQLNamedType): boolean => {
    const k = known.get(t);
    if (k !== undefined) return k;
    known.set(t, false); // a cycle adds nothing
    let r = false;
    if (isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        if ((isNonNullType(f.type) && f.defaultValue !== undefined) || reaches(getNamedType(f.type))) r = true;
      }
    }
    known.set(t, r);
    return r;
  };
  return (doc, operationName) =>
    doc.definitions.some(
      (d) =>
        d.kind === Kind.OPERATION_DEFINITION &&
        (operationName === undefined || d.name?.value === operationName) &&
        (d.variableDefinitions ?? []).some((v) => {
          const t = typeFromAST(schema, v.type) as GraphQLInputType | undefined;
          return t !== undefined && reaches(getNamedType(t));
        }),
    );
}

/** How an operation runs: compiled, or by graphql-js where graphql-jit would differ. */
type Lauf = CompiledQuery | 'graphql-js';

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error had none (a HubError, a
 * driver error); Apollo's error formatting reads `extensions.code` and would fail. The same error
 * as graphql-js makes it: message, locations, path, the thrown error as `originalError`.
 */
function asGraphqlJsError(e: GraphQLError): GraphQLError {
  const g = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions ?? undefined });
  // Without the AST nodes the constructor cannot work out locations; graphql-jit has them already.
  (g as { locations: GraphQLError['locations'] }).locations = e.locations;
  return g;
}

/**
 * Runs operations compiled once by graphql-jit instead of walking the document with graphql-js
 * on every request. Apollo takes a custom executor only through its `gateway` option; everything
 * before execution (parse, validation rules, didResolveOperation plugins such as the cost limit,
 * the context) and after it (error formatting, willSendResponse) stays Apollo's. The resolvers are
 * the schema's own, so type-graphql's authChecker and argument validation run as before.
 *
 * Compiled operations are cached by Apollo's query hash and operation name, at most `max`.
 */
export function jitGateway(schema: GraphQLSchema, max = 500): Gateway & { compiled: () => number } {
  const cache = new Lru<Lauf>(max);
  const viaGraphqlJs = defaultsOnNonNull(schema);
  let listener: ((s: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    compiled: () => cache.size,
    onSchemaLoadOrUpdate(callback) {
      listener = callback;
      return () => {
        listener = undefined;
      };
    },
    load() {
      // Apollo asks for the schema through the listener before it serves anything.
      listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
      return Promise.resolve({
        executor: async (rc): Promise<ExecutionResult> => {
          const key = `${rc.queryHash}\u0000${rc.operationName ?? ''}`;
          let q = cache.get(key);
          if (!q) {
            const operationName = rc.operationName ?? undefined;
            if (viaGraphqlJs(rc.document, operationName)) q = 'graphql-js';
            else {
              const c = compileQuery(schema, rc.document, operationName, { disablingCapturingStackErrors: true });
              // Not compiled: the operation cannot run (unknown operation name, …); say why as graphql-js would.
              if (!isCompiledQuery(c)) return c;
              q = c;
            }
            cache.set(key, q);
          }
          if (q === 'graphql-js') {
            return execute({ schema, document: rc.document, operationName: rc.operationName, contextValue: rc.context, variableValues: rc.request.variables });
          }
          const r = await q.query(undefined, rc.context, rc.request.variables ?? {});
          return r.errors ? { ...r, errors: r.errors.map(asGraphqlJsError) } : r;
        },
      });
    },
    stop() {
      return Promise.resolve();
    },
  };
}
