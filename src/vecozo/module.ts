import type { HubModule } from '../common/hub-module';
import { opVolgorde, uuids } from '../graphql/node';
import { VecozoAanbiederEntity } from './vecozo-aanbieder.entity';
import { VecozoBerichtEntity } from './vecozo-bericht.entity';
import { VecozoResolver } from './vecozo.resolver';
import { vecozoService } from './vecozo.service';
import { vecozoTls } from './vsp.client';

/**
 * The VECOZO portal (VSP-Koppeling): for providers that use the hub as their software, their
 * messages pushed to VECOZO, what VECOZO holds for them pulled, and each pushed message's status.
 * The exchange itself runs in the worker (vecozo.uitwisseling.ts).
 */
export const MODULE: HubModule = {
  naam: 'vecozo',
  entiteiten: [VecozoBerichtEntity, VecozoAanbiederEntity],
  resolvers: [VecozoResolver],
  // The worker talks to VECOZO (vecozo.uitwisseling.ts), with the hub's system certificate.
  certificaten: (cfg) => (cfg.VECOZO_URL ? [{ ...vecozoTls(cfg), processen: ['worker'] }] : []),
  nodes: {
    VecozoBericht: async (ctx, keys) => opVolgorde(keys, await vecozoService.perId(await ctx.em(), ctx.principal, uuids(keys))),
  },
};
