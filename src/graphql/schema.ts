import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, type AuthChecker, type NonEmptyArray } from 'type-graphql';
import '../common/enums';
import type { HubContext } from './context';
import { globaleIds, NodeResolver } from './node';
import { cheapScalars } from './scalars';

/** Role check of `@Authorized(roles)`: no roles listed means any signed-in caller. */
export const authChecker: AuthChecker<HubContext> = ({ context }, roles) =>
  roles.length === 0 || roles.includes(context.principal.rol);

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process from the modules' resolvers (src/modules.ts). */
// type-graphql takes resolver classes: any constructor will do.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function buildHubSchema(resolvers: NonEmptyArray<Function>): GraphQLSchema {
  cached ??= globaleIds(
    cheapScalars(
      buildSchemaSync({
        resolvers: [...resolvers, NodeResolver],
        authChecker,
        authMode: 'error',
        validate: { forbidUnknownValues: false },
      }),
    ),
  );
  return cached;
}

/** The schema as committed in schema/schema.graphql: sorted, so the drift check is stable. */
export function printHubSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
