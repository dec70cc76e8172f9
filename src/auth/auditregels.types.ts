import { Field, ID, ObjectType } from 'type-graphql';

/**
 * One row of the audit trail with the fields NEN 7513 asks for: who (actor, rol, namens), what
 * (actie, entiteit, entiteitId, clientReferentie), when (tijdstip) and why (reden).
 */
@ObjectType('Auditregel', { description: 'One row of the audit trail (NEN 7513: who, on whose behalf, what, when, why).', simpleResolvers: true })
export class AuditregelType {
  @Field(() => ID, { description: 'Sequence number of the row (ascending in the order written).' })
  id!: string;

  @Field(() => Date, { description: 'When (start of the transaction that did it).' })
  tijdstip!: Date;

  @Field(() => String, { description: 'Who: the token subject of the actor (a person, or `systeem:*` for the hub itself).' })
  actor!: string;

  @Field(() => String, { description: 'The role the actor acted in.' })
  rol!: string;

  @Field(() => String, { nullable: true, description: 'On whose behalf: the organisation acted for (`AGB 12345678`, `gemeente 0796`, `regio NOB`, `hub`), from the token; empty for rows written before it was recorded.' })
  namens!: string | null;

  @Field(() => String, { nullable: true, description: 'Region the action concerns (empty: none, e.g. a provider\'s endpoint).' })
  regioCode!: string | null;

  @Field(() => String, { description: 'What was done, e.g. `toewijzing.toegewezen`, `client.gelezen`.' })
  actie!: string;

  @Field(() => String, { description: 'Kind of object acted on, e.g. `toewijzing`, `declaratie`.' })
  entiteit!: string;

  @Field(() => String, { nullable: true, description: 'Id of the object acted on.' })
  entiteitId!: string | null;

  @Field(() => String, { nullable: true, description: 'The client concerned, as the keyed hash of its BSN (a pseudonym; the BSN itself is never stored here). Filter by BSN to find one client\'s rows.' })
  clientReferentie!: string | null;

  @Field(() => String, { description: 'Why: the purpose the action served, e.g. `uitvoering toewijzing`, `declaratiecontrole`, `verantwoording`.' })
  reden!: string;

  @Field(() => String, { description: 'Non-identifying details, as JSON text.' })
  details!: string;
}
