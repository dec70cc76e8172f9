import { ArrayMaxSize, IsEmail, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';

/** Most contact persons a provider keeps. */
export const MAX_CONTACTEN = 20;

@InputType({ description: 'A contact person of a provider.' })
export class AanbiederContactInput {
  @Field({ description: 'Name of the contact person.' })
  @IsString()
  @Length(1, 200)
  naam!: string;

  @Field({ description: 'Role or function, e.g. "contractmanager", "zorgcoördinator", "declaraties".' })
  @IsString()
  @Length(1, 100)
  functie!: string;

  @Field({ description: 'E-mail address.' })
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @Field({ nullable: true, description: 'Telephone number: digits, spaces, dashes, parentheses, an optional leading +.' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{5,18}$/)
  telefoon?: string;
}

@InputType({ description: 'A new provider to register (onboarding).' })
export class RegistreerAanbiederInput {
  @Field({ description: 'AGB code (iJw Aanbieder, 8 digits).' })
  @IsString()
  agb!: string;

  @Field({ description: 'Name.' })
  @IsString()
  @Length(1, 200)
  naam!: string;

  @Field({ nullable: true, description: 'Chamber of commerce number (8 digits).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  kvk?: string;

  @Field(() => [AanbiederContactInput], { description: `Contact persons (at most ${MAX_CONTACTEN}).` })
  @ArrayMaxSize(MAX_CONTACTEN)
  @ValidateNested({ each: true })
  contacten: AanbiederContactInput[] = [];

  @Field({
    nullable: true,
    description: 'Delivery endpoint for outbound iJw messages. Only the hub-wide administrator sets it here; the provider registers its own with registreerBezorgadres.',
  })
  @IsOptional()
  @MaxLength(500)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  bezorgUrl?: string;

  @Field({ nullable: true, description: 'The registering region, for an administrator over all regions (default none); others register for their own.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  regioCode?: string;
}

@InputType({ description: 'The new list of a provider\'s contact persons: it replaces the old list whole.' })
export class WijzigAanbiederContactenInput {
  @Field({ description: 'AGB code of the provider.' })
  @Matches(/^[0-9]{8}$/)
  agb!: string;

  @Field(() => [AanbiederContactInput], { description: `Contact persons, in order (at most ${MAX_CONTACTEN}).` })
  @ArrayMaxSize(MAX_CONTACTEN)
  @ValidateNested({ each: true })
  contacten!: AanbiederContactInput[];
}
