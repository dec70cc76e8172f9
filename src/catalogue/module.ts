import type { HubModule } from '../common/hub-module';
import { catalogueLoaders } from './loaders';
import { ArrangementEntity, ArrangementOnderdeelEntity } from './arrangement.entity';
import { ArrangementOnderdeelResolver, ArrangementResolver, ProductResolver } from './catalogue.resolver';
import { ProductEntity } from './product.entity';

/** The regional product book and arrangements. */
export const MODULE: HubModule = {
  naam: 'catalogue',
  entiteiten: [ProductEntity, ArrangementEntity, ArrangementOnderdeelEntity],
  loaders: catalogueLoaders,
  resolvers: [ProductResolver, ArrangementResolver, ArrangementOnderdeelResolver],
};
