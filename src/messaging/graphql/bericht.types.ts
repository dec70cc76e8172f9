import { IsIn, IsOptional, Matches } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { MESSAGE_TYPES } from '../ijw/definition';

@ObjectType('RetourCode', { description: 'A retour code (WJ001) with its meaning.' })
export class RetourCodeType {
  @Field({ description: 'The code, e.g. 9056.' })
  code!: string;

  @Field({ description: 'What it means, in Dutch.' })
  betekenis!: string;
}

@ObjectType('BerichtFout', { description: 'A structural finding of a message that failed the XSD (it got no retour).' })
export class BerichtFoutType {
  @Field({ description: 'Where in the message.' })
  path!: string;

  @Field({ description: 'What is wrong.' })
  message!: string;
}

@InputType({ description: 'Which messages to list; all given conditions must hold.' })
export class BerichtFilter {
  @Field({ nullable: true, description: 'Message type, e.g. JW315.' })
  @IsOptional()
  @IsIn(MESSAGE_TYPES)
  type?: string;

  @Field({ nullable: true, description: "Direction: 'in' (received by the hub) or 'uit' (written by the hub)." })
  @IsOptional()
  @IsIn(['in', 'uit'])
  richting?: string;

  @Field({ nullable: true, description: 'Status: ontvangen, verwerkt, ongeldig, afgekeurd, aangehouden (in); klaar, beschikbaar, afgeleverd, mislukt (to deliver); opgehaald (pulled from the mailbox and confirmed).' })
  @IsOptional()
  @IsIn(['ontvangen', 'verwerkt', 'ongeldig', 'afgekeurd', 'aangehouden', 'klaar', 'beschikbaar', 'afgeleverd', 'mislukt', 'opgehaald'])
  status?: string;

  @Field({ nullable: true, description: 'A party: a provider AGB code (8 digits) or a municipality CBS code (4 digits).' })
  @IsOptional()
  @Matches(/^(\d{4}|\d{8})$/)
  partij?: string;

  @Field(() => Date, { nullable: true, description: 'Received at or after.' })
  @IsOptional()
  vanaf?: Date;

  @Field(() => Date, { nullable: true, description: 'Received before.' })
  @IsOptional()
  tot?: Date;

  @Field({ nullable: true, description: 'Only messages still waiting for their answer past the iJw limit (retour 3, JW325 10 working days).' })
  @IsOptional()
  verlopen?: boolean;

  @Field({ nullable: true, description: 'Only messages whose retour carries this code.' })
  @IsOptional()
  @Matches(/^[0-9A-Z]{4}$/)
  retourcode?: string;
}
