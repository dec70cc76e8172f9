import type { HubModule } from '../common/hub-module';
import { ArrangementEntity, ArrangementOnderdeelEntity } from './arrangement.entity';
import { ArrangementOnderdeelResolver, ArrangementResolver, ProductResolver } from './catalogue.resolver';
import { ProductEntity } from './product.entity';

/** The regional product book and arrangements. */
export const MODULE: HubModule = {
  naam: 'catalogue',
  entiteiten: [ProductEntity, ArrangementEntity, ArrangementOnderdeelEntity],
  resolvers: [ProductResolver, ArrangementResolver, ArrangementOnderdeelResolver],
};
