import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ROLLEN } from './principal';

@InputType({ description: 'Filter for the audit trail; every field given must match.' })
export class AuditregelFilter {
  @Field({ nullable: true, description: 'Only this actor (token subject).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @Field({ nullable: true, description: 'Only this role.' })
  @IsOptional()
  @IsIn([...ROLLEN])
  rol?: string;

  @Field({ nullable: true, description: 'Only rows about this client, by BSN: found through its keyed hash; the BSN is neither stored nor logged.' })
  @IsOptional()
  @IsString()
  @MaxLength(9)
  bsn?: string;

  @Field({ nullable: true, description: 'Only rows about this client, by its clientReferentie.' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/)
  clientReferentie?: string;

  @Field({ nullable: true, description: 'Only rows about this kind of object (e.g. `toewijzing`).' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entiteit?: string;

  @Field({ nullable: true, description: 'Only rows about the object with this id.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entiteitId?: string;

  @Field({ nullable: true, description: 'Only this action; ending in `*`, every action starting so (e.g. `toewijzing.*`).' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  actie?: string;

  @Field({ nullable: true, description: 'Only rows of this region (an administrator over all regions; others see their own region only).' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  regioCode?: string;

  @Field(() => Date, { nullable: true, description: 'Only rows from this moment on (inclusive).' })
  @IsOptional()
  van?: Date;

  @Field(() => Date, { nullable: true, description: 'Only rows before this moment (exclusive).' })
  @IsOptional()
  tot?: Date;
}
