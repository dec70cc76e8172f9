import { eenPerSleutel } from '../graphql/node';
import { declaratieService } from './declaratie.service';
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
  nodes: {
    Declaratie: eenPerSleutel(async (ctx, id) => declaratieService.declaratie(await ctx.em(), ctx.principal, id)),
  },
  berichten: DECLARATIE_BERICHTEN,
  routes: ({ ds, verifier }) => [{ pad: '/export', router: exportRouter(ds, verifier) }],
};
