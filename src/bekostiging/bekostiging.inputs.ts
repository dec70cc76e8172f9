import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Verdeelsleutel } from './bekostiging.enums';

@InputType({ description: 'An explicit share of one municipality in a lumpsum.' })
export class LumpsumAandeelInput {
  @Field({ description: 'CBS code of the municipality (iJw Gemeente).' })
  @Matches(/^[0-9]{4}$/, { message: 'gemeenteCode: CBS-code van 4 cijfers' })
  gemeenteCode!: string;

  @Field(() => Int, { description: 'Relative share, e.g. a percentage or per mille; the shares are weights.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  aandeel!: number;
}

@InputType({ description: 'The lumpsum of a taakgericht contract for one year.' })
export class LumpsumInput {
  @Field(() => ID, { description: 'The contract; it must contract at least one taakgericht product.' })
  @IsUUID()
  contractId!: string;

  @Field(() => Int, { description: 'Calendar year, within the contract period.' })
  @IsInt()
  @Min(2015)
  @Max(2100)
  jaar!: number;

  @Field(() => GraphQLSafeInt, { description: 'Budget for the year in euro cents.' })
  @IsInt()
  @Min(0)
  budgetCenten!: number;

  @Field(() => Int, { description: 'Band minimum (clients).' })
  @IsInt()
  @Min(0)
  minimumClienten!: number;

  @Field(() => Int, { description: 'Band maximum (clients).' })
  @IsInt()
  @Min(0)
  maximumClienten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Amount per client outside the band, in euro cents.' })
  @IsInt()
  @Min(0)
  bedragPerClientCenten!: number;

  @Field(() => [LumpsumAandeelInput], { nullable: true, description: 'Explicit shares, one for each municipality of the contract; by inhabitants when omitted.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  aandelen?: LumpsumAandeelInput[];
}

@InputType({ description: 'Filter for lumpsums.' })
export class LumpsumFilter {
  @Field(() => ID, { nullable: true, description: 'Only this contract.' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @Field(() => Int, { nullable: true, description: 'Only this year.' })
  @IsOptional()
  @IsInt()
  jaar?: number;
}

@InputType({ description: 'A regional budget line to share over municipalities.' })
export class BegrotingspostInput {
  @Field({ nullable: true, description: 'Region; only for an administrator acting for a region.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field({ description: 'Name, e.g. Jeugdzorgplus; unique in the region per start date.' })
  @IsString()
  @Length(1, 200)
  naam!: string;

  @Field(() => GraphQLLocalDate, { description: 'First day of the period.' })
  begindatum!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the period.' })
  einddatum!: string;

  @Field(() => GraphQLSafeInt, { description: 'Amount in euro cents.' })
  @IsInt()
  @Min(0)
  bedragCenten!: number;

  @Field(() => Verdeelsleutel, { description: 'Cost-sharing key.' })
  sleutel!: Verdeelsleutel;

  @Field(() => Int, { nullable: true, description: 'Key gemengd: percentage by inhabitants (0–100), the rest by use.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  procentInwoners?: number;

  @Field(() => [String], { nullable: true, description: 'iJw Productcategorie codes whose use counts (all when omitted).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(/^[0-9]{2}$/, { each: true, message: 'productcategorieen: codes van 2 cijfers' })
  productcategorieen?: string[];

  @Field(() => [String], { nullable: true, description: 'CBS codes of the municipalities sharing the line (all of the region when omitted).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @Matches(/^[0-9]{4}$/, { each: true, message: 'gemeenten: CBS-codes van 4 cijfers' })
  gemeenten?: string[];
}

@InputType({ description: 'Filter for cost shares.' })
export class KostenaandeelFilter {
  @Field(() => ID, { nullable: true, description: 'Only this budget line.' })
  @IsOptional()
  @IsUUID()
  begrotingspostId?: string;

  @Field({ nullable: true, description: 'Only this municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only lines whose period contains this date.' })
  @IsOptional()
  peildatum?: string;
}
