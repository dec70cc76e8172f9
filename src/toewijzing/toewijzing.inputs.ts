import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BerichtEntity } from '../messaging/bericht.entity';
import { ToewijzingEntity } from './toewijzing.entity';

@InputType({ description: 'The client\'s address (BRP), as the JW301 carries it.' })
export class AdresInput {
  @Field({ description: 'Dutch postcode, e.g. 5211AB.' })
  @Matches(/^[1-9][0-9]{3}[A-Z]{2}$/)
  postcode!: string;

  @Field(() => Int, { description: 'iJw Huisnummer.' })
  @IsInt()
  @Min(1)
  @Max(99999)
  huisnummer!: number;

  @Field({ nullable: true, description: 'iJw Huisletter: one letter.' })
  @IsOptional()
  @Matches(/^[A-Za-z]$/)
  huisletter?: string;

  @Field({ nullable: true, description: 'iJw HuisnummerToevoeging.' })
  @IsOptional()
  @Length(1, 4)
  toevoeging?: string;

  @Field({ nullable: true, description: 'iJw Straatnaam.' })
  @IsOptional()
  @Length(1, 24)
  straatnaam?: string;

  @Field({ nullable: true, description: 'iJw Plaatsnaam.' })
  @IsOptional()
  @Length(1, 80)
  plaatsnaam?: string;
}

@InputType({ description: 'The client (jeugdige). The BSN is stored encrypted and never logged.' })
export class ClientInput {
  @Field({ description: 'BSN, 9 digits passing the 11-proef.' })
  @IsString()
  bsn!: string;

  @Field(() => GraphQLLocalDate, { description: 'iJw Geboortedatum.' })
  geboortedatum!: string;

  @Field({ description: 'Geslacht: 0 onbekend, 1 man, 2 vrouw.' })
  @IsIn(['0', '1', '2'])
  geslacht!: string;

  @Field({ description: 'iJw Achternaam (of the Geslachtsnaam).' })
  @Length(1, 200)
  achternaam!: string;

  @Field({ nullable: true, description: 'iJw Voorvoegsel of the Geslachtsnaam.' })
  @IsOptional()
  @Length(1, 10)
  voorvoegsel?: string;

  @Field({ nullable: true, description: 'iJw Voornamen.' })
  @IsOptional()
  @Length(1, 200)
  voornamen?: string;

  @Field(() => AdresInput, { description: 'The address (iJw Adres).' })
  @ValidateNested()
  @Type(() => AdresInput)
  adres!: AdresInput;
}

@InputType({ description: 'One product to allocate: specifiek (with code and Omvang) or aspecifiek (category only, optional Budget).' })
export class ToewijzingProductInput {
  @Field({ description: 'iJw Productcategorie.' })
  @Matches(/^[0-9]{2}$/)
  categorie!: string;

  @Field({ nullable: true, description: 'iJw Productcode from the region\'s product book.' })
  @IsOptional()
  @Length(1, 5)
  code?: string;

  @Field(() => GraphQLLocalDate, { description: 'Ingangsdatum of the product (iJw Ingangsdatum).' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Einddatum of the product (iJw Einddatum); empty: open-ended.' })
  einddatum?: string;

  @Field(() => Int, { nullable: true, description: 'Omvang: Volume.' })
  @IsOptional()
  @IsInt()
  volume?: number;

  @Field({ nullable: true, description: 'Omvang: Eenheid (WJ756).' })
  @IsOptional()
  @Matches(/^[0-9]{2}$/)
  eenheid?: string;

  @Field({ nullable: true, description: 'Omvang: Frequentie (1 dag, 2 week, 4 maand, 6 totaal).' })
  @IsOptional()
  @IsIn(['1', '2', '4', '6'])
  frequentie?: string;

  @Field(() => Int, { nullable: true, description: 'Budget in euro cents.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  budget?: number;
}

@InputType({ description: 'Allocate an arrangement: its products with their default volumes, over one period.' })
export class ArrangementToewijzingInput {
  @Field(() => ID, { description: 'The arrangement from the region\'s product book.' })
  @IsString()
  id!: string;

  @Field(() => GraphQLLocalDate, { description: 'Ingangsdatum of every product (iJw Ingangsdatum).' })
  ingangsdatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Einddatum of every product (iJw Einddatum).' })
  einddatum!: string;
}

@InputType({ description: 'A direct allocation by the access team (without a request): products or an arrangement.' })
export class ToewijzenInput {
  @Field({ description: 'The allocating municipality (CBS code), one the caller acts for.' })
  @Matches(/^[0-9]{4}$/)
  gemeenteCode!: string;

  @Field({ description: 'The provider (AGB).' })
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb!: string;

  @Field(() => ClientInput, { description: 'The client (jeugdige).' })
  @ValidateNested()
  @Type(() => ClientInput)
  client!: ClientInput;

  @Field(() => [ToewijzingProductInput], { nullable: true, description: 'The products to allocate; give these or an arrangement.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ToewijzingProductInput)
  producten?: ToewijzingProductInput[];

  @Field(() => ArrangementToewijzingInput, { nullable: true, description: 'The arrangement to allocate; give this or products.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArrangementToewijzingInput)
  arrangement?: ArrangementToewijzingInput;
}

@InputType({ description: 'A change with the same ToewijzingNummer: Einddatum (shorten or extend), Budget, or Volume of a total (TBGT).' })
export class WijzigToewijzingInput {
  @Field(() => ID, { description: 'The toewijzing to change.' })
  @IsString()
  id!: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'New Einddatum (iJw Einddatum): shorten or extend.' })
  einddatum?: string;

  @Field(() => Int, { nullable: true, description: 'New Omvang: Volume of a total (TBGT).' })
  @IsOptional()
  @IsInt()
  volume?: number;

  @Field(() => Int, { nullable: true, description: 'New Budget in euro cents.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  budget?: number;

  @Field({ description: 'RedenWijziging (JZ002), not 01 (vervallen) or 13 (use verwijderToewijzing).' })
  @IsIn(['02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '14'])
  redenWijziging!: string;
}

@InputType({ description: 'Which toewijzingen to list.' })
export class ToewijzingFilter {
  @Field({ nullable: true, description: 'Only those of this provider (AGB).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field({ nullable: true, description: 'Only those of this municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only those of this client.' })
  @IsOptional()
  @IsString()
  clientId?: string;

  @Field({ nullable: true, description: 'Only current ones (not deleted, not ended before today).' })
  @IsOptional()
  actueel?: boolean;
}

@ObjectType('ToewijzingResultaat', { description: 'The toewijzingen written and the JW301 that carries them to the provider.' })
export class ToewijzingResultaat {
  @Field(() => [ToewijzingEntity], { description: 'The toewijzingen written, in their new version.' })
  toewijzingen!: ToewijzingEntity[];

  @Field(() => BerichtEntity, { description: 'The JW301 that carries them to the provider.' })
  bericht!: BerichtEntity;
}

@ObjectType('Client', { description: 'A client as the caller may see it; every read is audited.' })
export class ClientType {
  @Field(() => ID, { description: 'Technical id.' })
  id!: string;

  @Field({ description: 'iJw Bsn.' })
  bsn!: string;

  @Field(() => GraphQLLocalDate, { description: 'iJw Geboortedatum.' })
  geboortedatum!: string;

  @Field({ description: 'iJw Geslacht: 0 onbekend, 1 man, 2 vrouw.' })
  geslacht!: string;

  @Field({ description: 'iJw Achternaam (of the Geslachtsnaam).' })
  achternaam!: string;

  @Field({ description: 'The municipality responsible for the client (CBS code, woonplaatsbeginsel).' })
  gemeenteCode!: string;
}
