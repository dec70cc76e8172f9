import { DeclaratieResolver } from '../declaratie/declaratie.resolver';
import { VerzoekResolver } from '../toewijzing/verzoek.resolver';
import { ToewijzingResolver } from '../toewijzing/toewijzing.resolver';
import { BerichtResolver } from '../messaging/graphql/bericht.resolver';
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, type AuthChecker } from 'type-graphql';
import { CapaciteitResolver, WachttijdResolver } from '../capaciteit/capaciteit.resolver';
import { ArrangementOnderdeelResolver, ArrangementResolver, ProductResolver } from '../catalogue/catalogue.resolver';
import '../common/enums';
import { BegrotingspostResolver, LumpsumResolver } from '../bekostiging/bekostiging.resolver';
import { ContractProductResolver, ContractResolver, IndexatieResolver } from '../contracting/contract.resolver';
import { RapportageResolver } from '../rapportage/rapportage.resolver';
import { AanbiederResolver, GemeenteResolver, RegioResolver } from '../registry/registry.resolver';
import { AanbiederBezorgadresResolver, BezorgadresResolver } from '../registry/bezorgadres.resolver';
import { SleutelResolver } from '../sleutels/sleutel.resolver';
import type { HubContext } from './context';
import { cheapScalars } from './scalars';

/** Role check of `@Authorized(roles)`: no roles listed means any signed-in caller. */
export const authChecker: AuthChecker<HubContext> = ({ context }, roles) =>
  roles.length === 0 || roles.includes(context.principal.rol);

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process from the resolvers. */
export function buildHubSchema(): GraphQLSchema {
  cached ??= cheapScalars(buildSchemaSync({
    resolvers: [
      RegioResolver,
      GemeenteResolver,
      AanbiederResolver,
      AanbiederBezorgadresResolver,
      BezorgadresResolver,
      SleutelResolver,
      ProductResolver,
      ArrangementResolver,
      ArrangementOnderdeelResolver,
      ContractResolver,
      ContractProductResolver,
      IndexatieResolver,
      BerichtResolver,
      ToewijzingResolver,
      VerzoekResolver,
      DeclaratieResolver,
      CapaciteitResolver,
      WachttijdResolver,
      LumpsumResolver,
      BegrotingspostResolver,
      RapportageResolver,
    ],
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
  }));
  return cached;
}

/** The schema as committed in schema/schema.graphql: sorted, so the drift check is stable. */
export function printHubSchema(): string {
  return printSchema(lexicographicSortSchema(buildHubSchema())) + '\n';
}
