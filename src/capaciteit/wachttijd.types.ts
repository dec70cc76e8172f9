import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NormSoort } from './wachttijdnorm.entity';

@ObjectType('WachtItem', { description: 'A toewijzing (JW301) not deleted and not ended whose care has not started (no JW305): one child on a waiting list.' })
export class WachtItem {
  @Field(() => ID, { description: 'The toewijzing.' })
  toewijzingId!: string;

  @Field(() => Int, { description: 'iJw ToewijzingNummer.' })
  toewijzingNummer!: number;

  @Field(() => String, { description: 'The provider (AGB).' })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'The allocating municipality (CBS code).' })
  gemeenteCode!: string;

  @Field(() => String, { description: 'iJw Productcategorie.' })
  productCategorie!: string;

  @Field(() => String, { nullable: true, description: 'iJw Productcode (empty: aspecifiek).' })
  productCode!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Day the request (JW315) was received; empty for a direct allocation.' })
  aangevraagdOp!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Day of the allocation (the request\'s answer, else Toewijzingsdatum).' })
  toegewezenOp!: string;

  @Field(() => GraphQLLocalDate, { description: 'Ingangsdatum of the toewijzing.' })
  ingangsdatum!: string;

  @Field(() => Int, { description: 'Days waiting so far, from the request (or the allocation) until today.' })
  dagenWachtend!: number;

  @Field(() => Int, { nullable: true, description: 'The applicable norm (request → start) in days, if the region set one.' })
  normDagen!: number | null;

  @Field(() => Boolean, { description: 'Whether the wait so far exceeds the norm.' })
  bovenNorm!: boolean;
}

@ObjectType('WachttijdStatistiek', { description: 'Waiting times of one provider, product and municipality, derived from JW315, JW301 and JW305; in days.' })
export class WachttijdStatistiek {
  @Field(() => String, { description: 'The provider (AGB).' })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'The municipality (CBS code).' })
  gemeenteCode!: string;

  @Field(() => String, { description: 'iJw Productcategorie.' })
  productCategorie!: string;

  @Field(() => String, { nullable: true, description: 'iJw Productcode (empty: aspecifiek).' })
  productCode!: string | null;

  @Field(() => Int, { description: 'Started toewijzingen in the period (first JW305 Begindatum).' })
  aantalGestart!: number;

  @Field(() => Float, { nullable: true, description: 'Median request (or allocation) → start.' })
  mediaanDagen!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile request (or allocation) → start.' })
  p90Dagen!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median request → allocation, over the started ones that had a request.' })
  mediaanDagenTotToewijzing!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile request → allocation.' })
  p90DagenTotToewijzing!: number | null;

  @Field(() => Float, { nullable: true, description: 'Median allocation → start.' })
  mediaanDagenToewijzingTotStart!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile allocation → start.' })
  p90DagenToewijzingTotStart!: number | null;

  @Field(() => Int, { description: 'On the waiting list now (allocated, not started, not deleted, not ended).' })
  aantalWachtend!: number;
}

/** Kind of waiting-time alert. */
export enum SignaalSoort {
  wachtend_boven_norm = 'wachtend_boven_norm',
  verzoek_boven_norm = 'verzoek_boven_norm',
  aanbieder_boven_norm = 'aanbieder_boven_norm',
}
registerEnumType(SignaalSoort, {
  name: 'SignaalSoort',
  description: 'Kind of waiting-time alert.',
  valuesConfig: {
    wachtend_boven_norm: { description: 'A child on a waiting list longer than the norm request → start.' },
    verzoek_boven_norm: { description: 'A request (JW315) unanswered longer than the norm request → allocation.' },
    aanbieder_boven_norm: { description: 'A provider whose 90th percentile exceeds the norm, per product.' },
  },
});

@ObjectType('WachttijdSignaal', { description: 'A waiting-time norm exceeded.' })
export class WachttijdSignaal {
  @Field(() => SignaalSoort, { description: 'What exceeds the norm.' })
  soort!: SignaalSoort;

  @Field(() => NormSoort, { description: 'The norm exceeded.' })
  normSoort!: NormSoort;

  @Field(() => Int, { description: 'The norm in days.' })
  normDagen!: number;

  @Field(() => Float, { description: 'Days waited so far (item, request) or the 90th percentile (provider).' })
  dagen!: number;

  @Field(() => String, { description: 'Region.' })
  regioCode!: string;

  @Field(() => String, { description: 'The provider (AGB).' })
  aanbiederAgb!: string;

  @Field(() => String, { nullable: true, description: 'The municipality (CBS code); empty for a provider alert.' })
  gemeenteCode!: string | null;

  @Field(() => String, { nullable: true, description: 'iJw Productcategorie.' })
  productCategorie!: string | null;

  @Field(() => String, { nullable: true, description: 'iJw Productcode.' })
  productCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'The toewijzing waiting (wachtend_boven_norm).' })
  toewijzingId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The request waiting (verzoek_boven_norm).' })
  verzoekId!: string | null;
}

@ObjectType('AanbiederKeuze', { description: 'A provider contracted for the product in the child\'s municipality today, with its capacity and waiting times.' })
export class AanbiederKeuze {
  @Field(() => String, { description: 'The provider (iJw Aanbieder, AGB).' })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'Name of the provider.' })
  naam!: string;

  @Field(() => String, { description: 'Number of the contract covering product and municipality.' })
  contractNummer!: string;

  @Field(() => Boolean, { description: 'At least one location open for new clients for this product.' })
  open!: boolean;

  @Field(() => Int, { description: 'Free places over the open locations.' })
  vrijePlaatsen!: number;

  @Field(() => Int, { description: 'Intake slots per week over the open locations.' })
  intakesPerWeek!: number;

  @Field(() => Boolean, { description: 'Open, with a free place or an intake slot.' })
  heeftCapaciteit!: boolean;

  @Field(() => Int, { description: 'Started toewijzingen for this product in the region over the last 365 days.' })
  aantalGestart!: number;

  @Field(() => Float, { nullable: true, description: 'Median request (or allocation) → start in days, in the region.' })
  mediaanDagen!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile request (or allocation) → start in days, in the region.' })
  p90Dagen!: number | null;

  @Field(() => Int, { description: 'Children on this provider\'s waiting list for the product in the region.' })
  aantalWachtend!: number;

  @Field(() => Int, { nullable: true, description: 'The applicable norm request → start in days.' })
  normDagen!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the 90th percentile is within the norm (empty: no norm or no data).' })
  binnenNorm!: boolean | null;
}
