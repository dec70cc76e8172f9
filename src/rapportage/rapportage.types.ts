import { GraphQLLocalDate, GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SignaalSoortKwartaal {
  /** Granted from 1 January to the quarter's end exceeds the contract's budget ceiling of the year. */
  boven_plafond = 'boven_plafond',
  /** Clients in care at the quarter's end below the lumpsum's minimum or above its maximum. */
  buiten_lumpsumband = 'buiten_lumpsumband',
}
registerEnumType(SignaalSoortKwartaal, { name: 'KwartaalSignaalSoort', description: 'Why a provider is flagged in the quarterly report.' });

@ObjectType('KwartaalRegel', { description: 'One row of the quarterly report: the region, a municipality or a provider. Amounts in eurocents.' })
export class KwartaalRegel {
  @Field(() => String, { description: 'Region code, CBS municipality code or provider AGB code.' })
  code!: string;

  @Field(() => String, { description: 'Name of the region, municipality or provider.' })
  naam!: string;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Budget of the year: for a provider its budget ceilings (and lumpsum budgets); empty when none is known.' })
  budgetCenten!: number | null;

  @Field(() => GraphQLSafeInt, { description: 'Realised in the quarter: granted prestaties (JW323/JW325, credits negative) whose ProductPeriode begins in the quarter.' })
  gerealiseerdCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Realised from 1 January to the quarter\'s end, by the same rule.' })
  gerealiseerdJaarCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Committed: the share of the estimated cost of toewijzingen (JW301) not deleted that falls after the quarter up to 31 December, prorated by days.' })
  verplichtCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Forecast for the year: realised to date plus committed.' })
  prognoseCenten!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Budget minus forecast; empty without a budget.' })
  ruimteCenten!: number | null;

  @Field(() => Int, { description: 'Clients in care at the quarter\'s end: a start (JW305) on or before that day not closed by a stop (JW307) ending on or before it.' })
  clientenInZorg!: number;

  @Field(() => Int, { description: 'Inflow: starts (JW305) beginning in the quarter, restarts after a temporary stop not counted.' })
  instroom!: number;

  @Field(() => Int, { description: 'Outflow: definitive stops (JW307, RedenBeeindiging not 20) ending in the quarter.' })
  uitstroom!: number;

  @Field(() => Int, { description: 'Outflow as planned (RedenBeeindiging 31).' })
  uitstroomVolgensPlan!: number;

  @Field(() => Int, { description: 'Outflow ended early: drop-out (RedenBeeindiging 32–35).' })
  uitstroomVoortijdig!: number;

  @Field(() => Int, { description: 'Other outflow (RedenBeeindiging 02, 36–39).' })
  uitstroomOverig!: number;

  @Field(() => Int, { description: 'Toewijzingen whose care started (first JW305) in the quarter with a known first day of waiting.' })
  aantalGestart!: number;

  @Field(() => Float, { nullable: true, description: 'Median days request (JW315, else allocation) → start, over care started in the quarter; a start on or before the begin of the wait counts as 0, never negative.' })
  mediaanWachtdagen!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the same days.' })
  p90Wachtdagen!: number | null;

  @Field(() => Int, { description: 'Children waiting at the quarter\'s end: allocated or requested, not started by then, toewijzing not ended.' })
  aantalWachtend!: number;

  @Field(() => Int, { description: 'Of them, waiting longer than the region\'s norm request → start.' })
  aantalWachtendBovenNorm!: number;
}

@ObjectType('KwartaalGemeenteAanbieder', { description: 'A provider\'s figures within one municipality (drill-down region → municipality → provider). Amounts in eurocents; the budget is the provider\'s lumpsum share of that municipality (contract ceilings are not split over municipalities).' })
export class KwartaalGemeenteAanbieder extends KwartaalRegel {
  @Field(() => String, { description: 'The municipality (CBS code); `code` is the provider\'s AGB code.' })
  gemeenteCode!: string;
}

@ObjectType('KwartaalWachttijdCategorie', { description: 'Waiting times of one iJw product category (Categorie, JZ020) against the region\'s norm request → start.' })
export class KwartaalWachttijdCategorie {
  @Field(() => String, { description: 'iJw product category (Categorie).' })
  categorie!: string;

  @Field(() => String, { description: 'Name of the category (code list JZ020).' })
  naam!: string;

  @Field(() => Int, { description: 'Toewijzingen of the category whose care started (first JW305) in the quarter.' })
  aantalGestart!: number;

  @Field(() => Float, { nullable: true, description: 'Median days request (JW315, else allocation) → start, over care started in the quarter.' })
  mediaanWachtdagen!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the same days.' })
  p90Wachtdagen!: number | null;

  @Field(() => Int, { nullable: true, description: 'The norm request → start in days that holds for the category (its own, else the region\'s general norm); empty without a norm.' })
  normDagen!: number | null;

  @Field(() => Int, { description: 'Children waiting at the quarter\'s end.' })
  aantalWachtend!: number;

  @Field(() => Int, { description: 'Of them, waiting longer than the norm.' })
  aantalWachtendBovenNorm!: number;
}

@ObjectType('BegrotingspostRegel', { description: 'One regional budget line in the quarterly report. Amounts in eurocents.' })
export class BegrotingspostRegel {
  @Field(() => String, { description: 'Name of the budget line.' })
  naam!: string;

  @Field(() => [String], { description: 'iJw product categories the line pays for.' })
  productcategorieen!: string[];

  @Field(() => GraphQLSafeInt, { description: 'Amount of the line.' })
  budgetCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted prestaties of its categories whose ProductPeriode begins in the quarter.' })
  gerealiseerdCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'The same from 1 January to the quarter\'s end.' })
  gerealiseerdJaarCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Committed toewijzingen of its categories after the quarter up to 31 December.' })
  verplichtCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Realised to date plus committed.' })
  prognoseCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Budget minus forecast.' })
  ruimteCenten!: number;
}

@ObjectType('KwartaalSignaal', { description: 'A provider flagged in the quarterly report.' })
export class KwartaalSignaal {
  @Field(() => SignaalSoortKwartaal, { description: 'Why the provider is flagged.' })
  soort!: SignaalSoortKwartaal;

  @Field(() => String, { description: 'The provider (AGB).' })
  aanbiederAgb!: string;

  @Field(() => String, { description: 'Name of the provider.' })
  naam!: string;

  @Field(() => String, { description: 'The contract concerned.' })
  contractNummer!: string;

  @Field(() => GraphQLSafeInt, { description: 'The limit: the ceiling in eurocents, or the band\'s minimum or maximum in clients.' })
  grens!: number;

  @Field(() => GraphQLSafeInt, { description: 'The actual figure: granted in eurocents, or clients in care.' })
  werkelijk!: number;
}

@ObjectType('Kwartaalrapportage', { description: 'The quarterly report (Q-rapportage) of a region: spend against budget, commitments, forecast, clients, flows and waiting times.' })
export class Kwartaalrapportage {
  @Field(() => String, { description: 'The region reported on.' })
  regioCode!: string;

  @Field(() => Int, { description: 'The year.' })
  jaar!: number;

  @Field(() => Int, { description: '1–4.' })
  kwartaal!: number;

  @Field(() => GraphQLLocalDate, { description: 'First day of the quarter.' })
  van!: string;

  @Field(() => GraphQLLocalDate, { description: 'Last day of the quarter: the reference day of stock figures.' })
  tot!: string;

  @Field(() => KwartaalRegel, { description: 'The region as a whole (for a municipality caller: its own municipalities together).' })
  regio!: KwartaalRegel;

  @Field(() => [KwartaalRegel], { description: 'Per municipality in the caller\'s scope, by CBS code.' })
  gemeenten!: KwartaalRegel[];

  @Field(() => [KwartaalRegel], { description: 'Per provider with figures or a budget, by AGB code.' })
  aanbieders!: KwartaalRegel[];

  @Field(() => [KwartaalGemeenteAanbieder], { description: 'Per provider within each municipality in the caller\'s scope, by CBS code then AGB code.' })
  gemeenteAanbieders!: KwartaalGemeenteAanbieder[];

  @Field(() => [KwartaalWachttijdCategorie], { description: 'Waiting times per product category against the norm, by category.' })
  wachttijdenPerCategorie!: KwartaalWachttijdCategorie[];

  @Field(() => [BegrotingspostRegel], { description: 'Per regional budget line of the year.' })
  begrotingsposten!: BegrotingspostRegel[];

  @Field(() => [KwartaalSignaal], { description: 'Providers above their budget ceiling or outside their lumpsum band.' })
  signalen!: KwartaalSignaal[];
}
