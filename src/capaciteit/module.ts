import { opVolgorde, uuids } from '../graphql/node';
import { capaciteitService } from './capaciteit.service';
import type { HubModule } from '../common/hub-module';
import { CapaciteitEntity } from './capaciteit.entity';
import { CapaciteitResolver, WachttijdResolver } from './capaciteit.resolver';
import { WachttijdnormEntity } from './wachttijdnorm.entity';

/** Provider capacity and waiting times. */
export const MODULE: HubModule = {
  naam: 'capaciteit',
  entiteiten: [CapaciteitEntity, WachttijdnormEntity],
  resolvers: [CapaciteitResolver, WachttijdResolver],
  nodes: {
    Capaciteit: async (ctx, keys) => opVolgorde(keys, await capaciteitService.perId(await ctx.em(), ctx.principal, uuids(keys))),
  },
};
