import { Field, ID, ObjectType } from 'type-graphql';

/** Where a leg happens: the provider's portal, VECOZO, the GGk, or the hub as the municipality's system. */
export type Plek = 'portaal' | 'vecozo' | 'ggk' | 'hub';

@ObjectType('VerloopBericht', { description: 'One message of a conversation, as one side of the chain keeps it: the portal’s copy (VecozoBericht) or the hub’s (Bericht, the municipality’s side).' })
export class VerloopBericht {
  @Field(() => ID, { description: 'Global id of the VecozoBericht or Bericht (node(id) reads it).' })
  id!: string;

  @Field(() => String, { description: "'portaal': the provider’s copy through VECOZO (vecozo_bericht); 'hub': the municipality’s side (bericht)." })
  kant!: 'portaal' | 'hub';

  @Field(() => String, { description: "'in' or 'uit', as that side sees it." })
  richting!: string;

  @Field(() => String, { nullable: true, description: 'Message type (JW301 … JW325).' })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'Header Afzender (AGB or CBS code).' })
  afzender!: string | null;

  @Field(() => String, { nullable: true, description: 'Its own Identificatie (IdentificatieRetour of a retour).' })
  identificatie!: string | null;

  @Field(() => String, { nullable: true, description: 'Its own Dagtekening (DagtekeningRetour of a retour), yyyy-mm-dd.' })
  dagtekening!: string | null;

  @Field(() => String, { description: 'Its state on that side (Bericht.status or VecozoBericht.status).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Region of the municipality party.' })
  regioCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The municipality party (CBS code).' })
  gemeenteCode!: string | null;

  @Field(() => String, { description: 'The provider party (AGB).' })
  aanbiederAgb!: string;
}

@ObjectType('Verloopstap', { description: 'One leg of a message through the chain, with its state and time.' })
export class Verloopstap {
  @Field(() => Date, { description: 'When it happened, as the hub recorded it (VECOZO’s own times for VECOZO statuses and pull listings).' })
  moment!: Date;

  @Field(() => String, { description: "Where: 'portaal', 'vecozo', 'ggk' or 'hub'." })
  plek!: Plek;

  @Field(() => String, {
    description:
      'What: opgesteld, push, vecozo-status (portal → VECOZO); Di01/Du01/Fo01 ontvangen (GGk in); ontvangen, verwerkt, geschreven, opgehaald (hub); Di01/Du01 verzonden (GGk out); aangeboden, opgehaald, bevestigd (VECOZO → portal).',
  })
  stap!: string;

  @Field(() => String, { description: 'The state reached: e.g. verstuurd, Bezorgd (VECOZO v3), Bv03, a Fo03/Fo01 code, verwerkt, afgeleverd, 202.' })
  staat!: string;

  @Field(() => ID, { description: 'Global id of the message (VerloopBericht.id) this leg belongs to.' })
  berichtId!: string;

  @Field(() => String, { nullable: true, description: 'Its message type.' })
  berichtType!: string | null;

  @Field(() => String, { nullable: true, description: 'The chain’s key of this leg: VECOZO traceerId, or GGk referentienummer.' })
  kenmerk!: string | null;

  @Field(() => String, { nullable: true, description: 'More: retour codes, VECOZO meldingen, the fault’s description, push attempts.' })
  toelichting!: string | null;
}

@ObjectType('Berichtverloop', { description: 'A conversation through the chain: the message, the message(s) answering it and the same iJw messages seen on the other side, with every leg in time order.' })
export class Berichtverloop {
  @Field(() => ID, { description: 'The message asked for.' })
  berichtId!: string;

  @Field(() => [VerloopBericht], { description: 'Every message of the conversation the caller may see, on both sides.' })
  berichten!: VerloopBericht[];

  @Field(() => [Verloopstap], { description: 'Every leg of those messages, oldest first.' })
  stappen!: Verloopstap[];
}
