import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ToetsDeclaratieInput } from '../declaratie/proef.resolver';
import { PORTAAL_SOORTEN, type PortaalSoort } from './vecozo.types';

/** The message types a portal provider sends through VECOZO, as a GraphQL enum. */
export const VecozoSoort = Object.fromEntries(PORTAAL_SOORTEN.map((s) => [s, s])) as { [K in PortaalSoort]: K };
registerEnumType(VecozoSoort, { name: 'VecozoSoort', description: 'A message a provider sends through VECOZO: JW305 (start), JW307 (stop), JW315 (request for allocation), JW317 (change request), JW323 (claim).' });

@InputType({ description: 'One requested product of a JW315 (AangevraagdProduct).' })
export class Jw315ProductInput {
  @Field({ description: 'ReferentieAanbieder: the provider’s own reference of the request.' })
  referentieAanbieder!: string;

  @Field({ nullable: true, description: 'Product/Categorie (two digits), e.g. 45.' })
  categorie?: string;

  @Field({ nullable: true, description: 'Product/Code (five characters), e.g. 45A04.' })
  code?: string;

  @Field(() => GraphQLLocalDate, { description: 'ToewijzingIngangsdatum: from when the product is asked.' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'ToewijzingEinddatum.' })
  einddatum?: string;

  @Field(() => Int, { nullable: true, description: 'Omvang/Volume (with eenheid and frequentie).' })
  volume?: number;

  @Field({ nullable: true, description: 'Omvang/Eenheid (code list WJ756), e.g. 04.' })
  eenheid?: string;

  @Field({ nullable: true, description: 'Omvang/Frequentie (code list WJ757), e.g. 2.' })
  frequentie?: string;

  @Field({ description: 'Verwijzer/Type (code list JZ002), e.g. 02 (huisarts).' })
  verwijzerType!: string;

  @Field({ nullable: true, description: 'Verwijzer/Naam.' })
  verwijzerNaam?: string;

  @Field({ nullable: true, description: 'Verwijzer/ZorgverlenerCode (AGB of the referring practitioner).' })
  verwijzerZorgverlenerCode?: string;
}

@InputType({ description: 'A JW315 (request for allocation) composed field by field; the header is the hub’s (Afzender the caller).' })
export class Jw315Input {
  @Field({ description: 'Header Ontvanger: the municipality (CBS code, four digits).' })
  gemeente!: string;

  @Field({ description: 'BerichtIdentificatie/Identificatie (unique per provider and type).' })
  identificatie!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'BerichtIdentificatie/Dagtekening (default today).' })
  dagtekening?: string;

  @Field({ description: 'Client/Bsn.' })
  bsn!: string;

  @Field(() => GraphQLLocalDate, { description: 'Client/Geboortedatum/Datum.' })
  geboortedatum!: string;

  @Field({ description: 'Client/Geslacht: 0 unknown, 1 male, 2 female.' })
  geslacht!: string;

  @Field({ description: 'Client/Naam/Geslachtsnaam/Achternaam.' })
  achternaam!: string;

  @Field(() => [Jw315ProductInput], { description: 'AangevraagdeProducten (at least one).' })
  producten!: Jw315ProductInput[];
}

@InputType({ description: 'One product of a JW305 (StartProduct) or JW307 (StopProduct).' })
export class VecozoZorgProductInput {
  @Field(() => Int, { nullable: true, description: 'ToewijzingNummer of the allocation (absent for a product without one).' })
  toewijzingNummer?: number;

  @Field({ nullable: true, description: 'Product/Categorie (two digits).' })
  categorie?: string;

  @Field({ nullable: true, description: 'Product/Code (five characters).' })
  code?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'ToewijzingIngangsdatum.' })
  toewijzingIngangsdatum?: string;

  @Field(() => GraphQLLocalDate, { description: 'Begindatum of the care.' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'JW307: Einddatum of the care.' })
  einddatum?: string;

  @Field({ nullable: true, description: 'JW307: RedenBeeindiging (code list JZ588), e.g. 02.' })
  redenBeeindiging?: string;

  @Field({ defaultValue: '1', description: 'StatusAanlevering: 1 new, 2 change, 3 delete (code list WJ744).' })
  statusAanlevering!: string;
}

@InputType({ description: 'A JW305 (start of care) or JW307 (end of care) composed field by field; Afzender the caller.' })
export class VecozoZorgInput {
  @Field({ description: 'Header Ontvanger: the municipality (CBS code).' })
  gemeente!: string;

  @Field({ description: 'BerichtIdentificatie/Identificatie (unique per provider and type).' })
  identificatie!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'BerichtIdentificatie/Dagtekening (default today).' })
  dagtekening?: string;

  @Field({ description: 'Client/Bsn.' })
  bsn!: string;

  @Field(() => GraphQLLocalDate, { description: 'Client/Geboortedatum/Datum.' })
  geboortedatum!: string;

  @Field({ description: 'Client/Geslacht: 0 unknown, 1 male, 2 female.' })
  geslacht!: string;

  @Field({ description: 'Client/Naam/Geslachtsnaam/Achternaam.' })
  achternaam!: string;

  @Field(() => [VecozoZorgProductInput], { description: 'StartProducten (JW305) or StopProducten (JW307), at least one.' })
  producten!: VecozoZorgProductInput[];
}

@InputType('VecozoJw323Input', { description: 'A JW323 (claim) composed field by field, as the pre-flight (toetsDeclaratie) takes it, with its own identification; Afzender the caller.' })
export class VecozoJw323Input extends ToetsDeclaratieInput {
  @Field({ description: 'BerichtIdentificatie/Identificatie (unique per provider and type).' })
  identificatie!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'BerichtIdentificatie/Dagtekening (default today).' })
  dagtekening?: string;
}

@InputType({ description: 'A message a portal provider sends through VECOZO: composed (jw315, zorg, jw323) or uploaded as iJw XML (xml); exactly one of them.' })
export class VecozoBerichtInput {
  @Field(() => VecozoSoort, { description: 'The message type; an uploaded message must be of it.' })
  soort!: PortaalSoort;

  @Field({ nullable: true, description: 'The message as iJw 3.2 XML (any of the types), validated against the iJw XSD; Afzender must be the caller.' })
  xml?: string;

  @Field(() => Jw315Input, { nullable: true, description: 'A JW315 composed field by field (soort JW315).' })
  jw315?: Jw315Input;

  @Field(() => VecozoZorgInput, { nullable: true, description: 'A JW305 or JW307 composed field by field (soort JW305 or JW307).' })
  zorg?: VecozoZorgInput;

  @Field(() => VecozoJw323Input, { nullable: true, description: 'A JW323 composed field by field (soort JW323).' })
  jw323?: VecozoJw323Input;

  @Field({ nullable: true, description: 'VECOZO conversatieId (uuid) to continue a conversation; default a new one.' })
  conversatieId?: string;

  @Field({ nullable: true, description: 'VECOZO alsAntwoordOp: the traceerId of the message this one answers.' })
  alsAntwoordOp?: string;
}

@InputType({ description: 'Which portal messages to list.' })
export class VecozoBerichtFilter {
  @Field({ nullable: true, description: "'uit' (pushed) or 'in' (pulled); default both." })
  richting?: string;

  @Field({ nullable: true, description: 'Only this provider’s (AGB); a provider sees only its own anyway.' })
  aanbiederAgb?: string;
}
