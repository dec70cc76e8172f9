import type { HubModule } from '../common/hub-module';
import { BegrotingspostEntity, KostenaandeelEntity } from './begrotingspost.entity';
import { BegrotingspostResolver, LumpsumResolver } from './bekostiging.resolver';
import { LumpsumAandeelEntity, LumpsumEntity, VaststellingEntity, VaststellingGemeenteEntity, VoorschotEntity } from './lumpsum.entity';

/** Lumpsum funding and cost sharing between municipalities. */
export const MODULE: HubModule = {
  naam: 'bekostiging',
  entiteiten: [LumpsumEntity, LumpsumAandeelEntity, VoorschotEntity, VaststellingEntity, VaststellingGemeenteEntity, BegrotingspostEntity, KostenaandeelEntity],
  resolvers: [LumpsumResolver, BegrotingspostResolver],
};
