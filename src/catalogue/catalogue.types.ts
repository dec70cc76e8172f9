import type { Row } from '../db/rows';
import type { ArrangementEntity, ArrangementOnderdeelEntity } from './arrangement.entity';
import type { ProductEntity } from './product.entity';

/** The plain rows the read paths of the catalogue return (columns only, no relations). */
export type ProductRij = Row<ProductEntity>;
export type ArrangementRij = Row<ArrangementEntity>;
export type ArrangementOnderdeelRij = Row<ArrangementOnderdeelEntity>;
