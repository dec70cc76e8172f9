import { rowsByKey, type LoaderSource } from '../graphql/loaders';
import { GgkEnvelopEntity } from './ggk-envelop.entity';

/** A message's StUF-GGk envelopes, in order. */
export const ggkLoaders = (src: LoaderSource) => ({
  ketenenvelopen: rowsByKey(src, GgkEnvelopEntity, 'berichtId', 'uuid', 'id'),
});

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this module's loaders to the interface (declaration merging)
  interface Loaders extends ReturnType<typeof ggkLoaders> {}
}
