import { rowByKey, rowsByKey, type LoaderSource } from '../graphql/loaders';
import { ArrangementOnderdeelEntity } from './arrangement.entity';
import { ProductEntity } from './product.entity';

/** Products and the parts of arrangements, one statement per batch of keys. */
export const catalogueLoaders = (src: LoaderSource) => ({
  product: rowByKey(src, ProductEntity, 'id', 'uuid'),
  onderdelen: rowsByKey(src, ArrangementOnderdeelEntity, 'arrangementId', 'uuid', 'volgnummer'),
});

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this module's loaders to the interface (declaration merging)
  interface Loaders extends ReturnType<typeof catalogueLoaders> {}
}
