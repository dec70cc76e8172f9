import { eenPerSleutel, opVolgorde, uuids } from '../graphql/node';
import { kostenverdelingService } from './kostenverdeling.service';
import { lumpsumService } from './lumpsum.service';
import { KOSTENLEZERS, LUMPSUM_LEZERS } from './bekostiging.resolver';
import type { HubModule } from '../common/hub-module';
import { BegrotingspostEntity, KostenaandeelEntity } from './begrotingspost.entity';
import { BegrotingspostResolver, LumpsumResolver } from './bekostiging.resolver';
import { LumpsumAandeelEntity, LumpsumEntity, VaststellingEntity, VaststellingGemeenteEntity, VoorschotEntity } from './lumpsum.entity';

/** Lumpsum funding and cost sharing between municipalities. */
export const MODULE: HubModule = {
  naam: 'bekostiging',
  entiteiten: [LumpsumEntity, LumpsumAandeelEntity, VoorschotEntity, VaststellingEntity, VaststellingGemeenteEntity, BegrotingspostEntity, KostenaandeelEntity],
  resolvers: [LumpsumResolver, BegrotingspostResolver],
  nodes: {
    // The lumpsum query's guard too: an access team reads no lumpsum there, so none here.
    Lumpsum: eenPerSleutel(async (ctx, id) => (LUMPSUM_LEZERS.includes(ctx.principal.rol) ? lumpsumService.lumpsum(await ctx.em(), ctx.principal, id) : null)),
    // The begrotingsposten query's guard and scope: a provider or access team reads none.
    Begrotingspost: async (ctx, keys) =>
      KOSTENLEZERS.includes(ctx.principal.rol) ? opVolgorde(keys, await kostenverdelingService.postenPerId(await ctx.em(), ctx.principal, uuids(keys))) : keys.map(() => null),
  },
};
