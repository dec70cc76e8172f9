import type { BerichtHandler } from '../messaging/processing/handlers';
import type { LoaderSource } from '../graphql/loaders';

/**
 * What a feature brings to the hub: its tables, its GraphQL resolvers, the handlers of the iJw
 * messages it owns. The list of them (src/modules.ts) is the only place that names every feature.
 */
export interface HubModule {
  naam: string;
  // type-graphql and TypeORM take classes: any constructor will do.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entiteiten: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  berichten?: readonly BerichtHandler[];
  /** Its request-scoped DataLoaders (their names and types added to `Loaders` in the same file). */
  loaders?: (src: LoaderSource) => object;
}
