import type { HubModule } from '../common/hub-module';
import { berichtLoaders } from './graphql/loaders';
import { BerichtEntity } from './bericht.entity';
import { BerichtResolver } from './graphql/bericht.resolver';
import { OutboxEntity } from './outbox.entity';

/** iJw messages in and out, their retours, the outbox of deliveries. */
export const MODULE: HubModule = {
  naam: 'messaging',
  entiteiten: [BerichtEntity, OutboxEntity],
  loaders: berichtLoaders,
  resolvers: [BerichtResolver],
};
