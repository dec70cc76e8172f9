import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { graphqlDuration } from '../observability/metrics';
import type { HubContext } from './context';

/** A list under a connection costs its children once per requested item. */
const connectionEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? args.first : undefined;
  return first === undefined ? undefined : 1 + childComplexity * first;
};

/** Refuses operations whose estimated cost exceeds `max` (type-graphql `complexity` on fields). */
export function complexityPlugin(max: number): ApolloServerPlugin<HubContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, schema }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [connectionEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > max) {
            return Promise.reject(
              new GraphQLError(`Query cost ${cost} exceeds the maximum of ${max}`, { extensions: { code: 'QUERY_TOO_COMPLEX', cost, max } }),
            );
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
