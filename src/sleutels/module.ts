import type { HubModule } from '../common/hub-module';
import { SleutelResolver } from './sleutel.resolver';

/** Key rotation: re-encryption progress. */
export const MODULE: HubModule = {
  naam: 'sleutels',
  entiteiten: [],
  resolvers: [SleutelResolver],
};
