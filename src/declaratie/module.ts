import { eenPerSleutel } from '../graphql/node';
import { declaratieService } from './declaratie.service';
import type { HubModule } from '../common/hub-module';
import { AfrekeningEntity, DeclaratieEntity, PrestatieEntity } from './declaratie.entity';
import { DeclaratieResolver } from './declaratie.resolver';
import { DECLARATIE_BERICHTEN } from './berichten';
import { exportRouter } from './afrekening.router';
import { proefRouter } from './proef.router';
import { ProefResolver } from './proef.resolver';

/** Claims, their judgement and settlement, and the messages about them. */
export const MODULE: HubModule = {
  naam: 'declaratie',
  entiteiten: [DeclaratieEntity, PrestatieEntity, AfrekeningEntity],
  resolvers: [DeclaratieResolver, ProefResolver],
  nodes: {
    Declaratie: eenPerSleutel(async (ctx, id) => declaratieService.declaratie(await ctx.em(), ctx.principal, id)),
  },
  berichten: DECLARATIE_BERICHTEN,
  routes: ({ cfg, ds, verifier, sleutels, verwerking }) => [
    { pad: '/export', router: exportRouter(ds, verifier) },
    { pad: '/ijw', router: proefRouter(ds, verifier, { sleutels, verwerking, maxBytes: cfg.IJW_MAX_BYTES }) },
  ],
};
