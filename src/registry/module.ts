import type { HubModule } from '../common/hub-module';
import { registryLoaders } from './loaders';
import { AanbiederContactEntity } from './aanbieder-contact.entity';
import { AanbiederEntity } from './aanbieder.entity';
import { AanbiederOnboardingResolver } from './aanbieder.resolver';
import { BezorgadresEntity } from './bezorgadres.entity';
import { AanbiederBezorgadresResolver, BezorgadresResolver } from './bezorgadres.resolver';
import { GemeenteEntity } from './gemeente.entity';
import { RegioBezorgadresEntity } from './regio-bezorgadres.entity';
import { RegioBezorgadresResolver } from './regio-bezorgadres.resolver';
import { RegioEntity } from './regio.entity';
import { aanbiedersPerId, AanbiederResolver, gemeentenPerId, GemeenteResolver, regiosPerId, RegioResolver } from './registry.resolver';

/** Parties: regions, municipalities, providers and their delivery endpoints. */
export const MODULE: HubModule = {
  naam: 'registry',
  entiteiten: [RegioEntity, GemeenteEntity, AanbiederEntity, BezorgadresEntity, AanbiederContactEntity, RegioBezorgadresEntity],
  loaders: registryLoaders,
  nodes: { Regio: regiosPerId, Gemeente: gemeentenPerId, Aanbieder: aanbiedersPerId },
  resolvers: [RegioResolver, GemeenteResolver, AanbiederResolver, AanbiederBezorgadresResolver, BezorgadresResolver, AanbiederOnboardingResolver, RegioBezorgadresResolver],
};
