import type { HubModule } from '../common/hub-module';
import { AfrekeningEntity, DeclaratieEntity, PrestatieEntity } from './declaratie.entity';
import { DeclaratieResolver } from './declaratie.resolver';
import { DECLARATIE_BERICHTEN } from './berichten';
import { exportRouter } from './afrekening.router';

/** Claims, their judgement and settlement, and the messages about them. */
export const MODULE: HubModule = {
  naam: 'declaratie',
  entiteiten: [DeclaratieEntity, PrestatieEntity, AfrekeningEntity],
  resolvers: [DeclaratieResolver],
  berichten: DECLARATIE_BERICHTEN,
  routes: ({ ds, verifier }) => [{ pad: '/export', router: exportRouter(ds, verifier) }],
};
