import { rowByKey, rowsByKey, type LoaderSource } from '../graphql/loaders';
import { AanbiederContactEntity } from './aanbieder-contact.entity';
import { AanbiederEntity } from './aanbieder.entity';
import { GemeenteEntity } from './gemeente.entity';

/** Providers, their contact persons and a region's municipalities, one statement per batch of keys. */
export const registryLoaders = (src: LoaderSource) => ({
  aanbieder: rowByKey(src, AanbiederEntity, 'agb', 'bpchar'),
  contactenVanAanbieder: rowsByKey(src, AanbiederContactEntity, 'aanbiederAgb', 'bpchar', 'volgorde'),
  gemeentenVanRegio: rowsByKey(src, GemeenteEntity, 'regioCode', 'text', 'naam'),
});

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this module's loaders to the interface (declaration merging)
  interface Loaders extends ReturnType<typeof registryLoaders> {}
}
