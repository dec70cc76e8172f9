import type { HubModule } from '../common/hub-module';
import { ClientEntity } from './client.entity';
import { LeveringEntity } from './levering.entity';
import { ToewijzingEntity } from './toewijzing.entity';
import { ToewijzingResolver } from './toewijzing.resolver';
import { VerzoekEntity } from './verzoek.entity';
import { VerzoekResolver } from './verzoek.resolver';
import { TOEWIJZING_BERICHTEN } from './berichten';
import { opVolgorde, uuids } from '../graphql/node';
import { toewijzingService } from './toewijzing.service';
import { verzoekService } from './verzoek.service';

/** Clients, allocations, care delivered and requests, and the messages about them. */
export const MODULE: HubModule = {
  naam: 'toewijzing',
  entiteiten: [ClientEntity, ToewijzingEntity, LeveringEntity, VerzoekEntity],
  resolvers: [ToewijzingResolver, VerzoekResolver],
  berichten: TOEWIJZING_BERICHTEN,
  nodes: {
    Toewijzing: async (ctx, keys) => opVolgorde(keys, await toewijzingService.perId(await ctx.em(), ctx.principal, uuids(keys))),
    Verzoek: async (ctx, keys) => opVolgorde(keys, await verzoekService.perId(await ctx.em(), ctx.principal, uuids(keys))),
  },
};
