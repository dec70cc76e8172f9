import type { HubModule } from '../common/hub-module';
import { RapportageResolver } from './rapportage.resolver';

/** The quarterly report and dashboard. */
export const MODULE: HubModule = {
  naam: 'rapportage',
  entiteiten: [],
  resolvers: [RapportageResolver],
};
