import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NormSoort } from './wachttijdnorm.entity';

@InputType({ description: 'A provider\'s capacity for one product at one location; replaces the current version (the old one stays in the history).' })
export class CapaciteitInput {
  @Field(() => ID, { description: 'The product of the regional product book the provider is contracted for.' })
  @IsUUID()
  productId!: string;

  @Field({ description: 'Name of the location.' })
  @Length(1, 200)
  locatieNaam!: string;

  @Field({ description: 'Postcode of the location, e.g. 5211AB.' })
  @Matches(/^[1-9][0-9]{3}[A-Z]{2}$/)
  postcode!: string;

  @Field(() => Int, { description: 'Places free for new clients.' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  vrijePlaatsen!: number;

  @Field(() => Int, { description: 'Intake slots per week.' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  intakesPerWeek!: number;

  @Field({ description: 'Whether the location takes new clients for this product.' })
  @IsBoolean()
  openVoorNieuweClienten!: boolean;

  @Field({ nullable: true, description: 'Free-text note.' })
  @IsOptional()
  @Length(1, 500)
  toelichting?: string;

  @Field({ nullable: true, description: 'The provider (AGB): only an administrator names it; a provider always writes its own.' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;
}

@InputType({ description: 'Which capacity rows to list.' })
export class CapaciteitFilter {
  @Field({ nullable: true, description: 'The provider (AGB).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field(() => ID, { nullable: true, description: 'The product.' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @Field({ nullable: true, description: 'iJw Productcode.' })
  @IsOptional()
  @Length(1, 5)
  productCode?: string;

  @Field({ nullable: true, description: 'Region (an administrator or a provider in several regions).' })
  @IsOptional()
  @IsString()
  regioCode?: string;
}

@InputType({ description: 'Which waiting items or statistics to list.' })
export class WachttijdFilter {
  @Field({ nullable: true, description: 'The provider (AGB).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field({ nullable: true, description: 'The municipality (CBS code).' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;

  @Field({ nullable: true, description: 'iJw Productcategorie.' })
  @IsOptional()
  @Matches(/^[0-9]{2}$/)
  productCategorie?: string;

  @Field({ nullable: true, description: 'iJw Productcode.' })
  @IsOptional()
  @Length(1, 5)
  productCode?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Statistics: only care started on or after this date (default: 365 days ago).' })
  @IsOptional()
  startVanaf?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Statistics: only care started on or before this date.' })
  @IsOptional()
  startTot?: string;
}

@InputType({ description: 'Set a region\'s waiting-time norm (replaces the one for the same interval and category).' })
export class WachttijdnormInput {
  @Field(() => NormSoort, { description: 'The interval it bounds.' })
  @IsIn(Object.values(NormSoort))
  soort!: NormSoort;

  @Field({ nullable: true, description: 'iJw Productcategorie (empty: all categories without their own norm), e.g. 46 for crisis.' })
  @IsOptional()
  @Matches(/^[0-9]{2}$/)
  productCategorie?: string;

  @Field(() => Int, { description: 'Maximum in calendar days (9 weeks = 63; 24 hours = 1).' })
  @IsInt()
  @Min(0)
  @Max(3650)
  maxDagen!: number;

  @Field({ nullable: true, description: 'Region (only an administrator names it).' })
  @IsOptional()
  @IsString()
  regioCode?: string;
}
