import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { log } from '../observability/logger';
import { graphqlDuration } from '../observability/metrics';
import type { HubContext } from './context';
import { DEFAULT_PAGE } from './pagination';

/** A refusal of a limit: HTTP 400, never a 500. */
function refusal(message: string, code = 'QUERY_TOO_COMPLEX'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Logs every refusal of a limit by the validation rules (depth, aliases), with no query text. */
export function refusalLogPlugin(): ApolloServerPlugin<HubContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        validationDidStart() {
          return Promise.resolve((errors?: readonly Error[]) => {
            const refused = (errors ?? []).filter((e) => e instanceof GraphQLError && e.extensions.code === 'QUERY_TOO_COMPLEX').length;
            if (refused > 0) log.warn('graphql request refused', { limit: 'validation', errors: refused });
            return Promise.resolve();
          });
        },
      });
    },
  };
}

/** A list under a connection costs its children once per requested item. */
const connectionEstimator: ComplexityEstimator = ({ args, field, childComplexity }) => {
  if (!field.args.some((a) => a.name === 'first')) return undefined;
  // A page is `first` or `last` items, DEFAULT_PAGE when neither is given (PageArgs).
  const n = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE;
  return 1 + childComplexity * n;
};

/** Refuses operations whose estimated cost exceeds `max` (type-graphql `complexity` on fields). */
export function complexityPlugin(max: number): ApolloServerPlugin<HubContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators: [connectionEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (e) {
            // It coerces the variables first: a missing or malformed one is the caller's mistake.
            if (e instanceof GraphQLError) return Promise.reject(refusal(e.message, 'BAD_USER_INPUT'));
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
          }
          if (cost > max) {
            log.warn('graphql request refused', { limit: 'cost', found: cost });
            return Promise.reject(refusal(`De query kost ${cost}; hoogstens ${max} toegestaan`));
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Ends the request's transaction once the response is ready: a mutation with errors rolls back
 * (nothing half-written); otherwise it commits (read audit rows included).
 */
export function transactionPlugin(): ApolloServerPlugin<HubContext> {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        async willSendResponse({ contextValue, response, operation }) {
          const body = response.body;
          const hasErrors = body.kind === 'single' && (body.singleResult.errors?.length ?? 0) > 0;
          const isMutation = operation?.operation === OperationTypeNode.MUTATION;
          await contextValue.tx.finish(!(isMutation && hasErrors));
          graphqlDuration.observe(
            { operation: operation?.operation ?? 'unknown', outcome: hasErrors ? 'error' : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      });
    },
  };
}
