import type { HubModule } from '../common/hub-module';
import { catalogueLoaders } from './loaders';
import { ArrangementEntity, ArrangementOnderdeelEntity } from './arrangement.entity';
import { arrangementenPerId, ArrangementOnderdeelResolver, ArrangementResolver, productenPerId, ProductResolver } from './catalogue.resolver';
import { ProductEntity } from './product.entity';

/** The regional product book and arrangements. */
export const MODULE: HubModule = {
  naam: 'catalogue',
  entiteiten: [ProductEntity, ArrangementEntity, ArrangementOnderdeelEntity],
  loaders: catalogueLoaders,
  nodes: { Product: productenPerId, Arrangement: arrangementenPerId },
  resolvers: [ProductResolver, ArrangementResolver, ArrangementOnderdeelResolver],
};
