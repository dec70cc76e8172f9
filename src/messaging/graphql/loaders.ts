import { entityByKey, type LoaderSource } from '../../graphql/loaders';
import { BerichtEntity } from '../bericht.entity';

/** Messages by id (the message module's resolvers work on its entity). */
export const berichtLoaders = (src: LoaderSource) => ({
  bericht: entityByKey(src.em, BerichtEntity, 'id'),
});

declare module '../../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this module's loaders to the interface (declaration merging)
  interface Loaders extends ReturnType<typeof berichtLoaders> {}
}
