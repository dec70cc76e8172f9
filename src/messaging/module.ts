import { eenPerSleutel } from '../graphql/node';
import { berichtService } from './graphql/bericht.resolver';
import type { HubModule } from '../common/hub-module';
import { berichtLoaders } from './graphql/loaders';
import { BerichtEntity } from './bericht.entity';
import { BerichtResolver } from './graphql/bericht.resolver';
import { OutboxEntity } from './outbox.entity';
import { KetenRouteEntity } from './keten-route.entity';
import { inboxRouter } from './inbox/inbox.router';
import { VerzendstopEntity } from './verzendstop/verzendstop.entity';
import { BerichtVerzendstopResolver, VerzendstopResolver, verzendstopService } from './verzendstop/verzendstop.resolver';

/** iJw messages in and out, their retours, the outbox of deliveries, the freeze windows of sending (verzendstop). */
export const MODULE: HubModule = {
  naam: 'messaging',
  entiteiten: [BerichtEntity, OutboxEntity, KetenRouteEntity, VerzendstopEntity],
  loaders: berichtLoaders,
  resolvers: [BerichtResolver, VerzendstopResolver, BerichtVerzendstopResolver],
  nodes: {
    Bericht: eenPerSleutel(async (ctx, id) => berichtService.bericht(await ctx.em(), ctx.principal, id)),
  },
  // Later te versturen: a freeze window holds the message now (GET /ijw/berichten/{id}).
  berichtLezing: async (em, _p, _sleutels, id) => ({ laterTeVersturen: await verzendstopService.berichtWachtId(em, id) }),
  routes: ({ cfg, ds, verifier, sleutels, berichtLezing }) => [{ pad: '/ijw', router: inboxRouter(ds, verifier, { maxBytes: cfg.IJW_MAX_BYTES, sleutels, berichtLezing }) }],
};
