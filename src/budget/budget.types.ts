import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { BudgetsignaalEntity } from './budgetsignaal.entity';

@ObjectType('BudgetstandGemeente', { description: 'What one municipality contributes to a contract\'s budget figures of the year.' })
export class BudgetstandGemeenteType {
  @Field({ description: 'The municipality (CBS code).' })
  gemeenteCode!: string;

  @Field(() => GraphQLSafeInt, { description: 'Granted prestaties of its clients (ProductPeriode beginning in the year), eurocents.' })
  toegekendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Committed: its open allocations\' estimate for the rest of their period in the year not yet claimed, eurocents.' })
  verplichtCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Forecast to year end: granted + committed, eurocents.' })
  prognoseCenten!: number;
}

@ObjectType('Budgetstand', { description: 'The live budget of a contract for one year: ceiling, granted, committed, forecast and alerts (README "Live budgets").' })
export class BudgetstandType {
  @Field(() => ID, { description: 'The contract.' })
  contractId!: string;

  @Field({ description: 'Its number.' })
  contractNummer!: string;

  @Field({ description: 'The region.' })
  regioCode!: string;

  @Field({ description: 'The provider (AGB code).' })
  aanbiederAgb!: string;

  @Field(() => Int, { description: 'The year of the ceiling.' })
  jaar!: number;

  @Field(() => GraphQLSafeInt, { description: 'The budget ceiling, eurocents.' })
  plafondCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Granted under the contract in the year (all municipalities), eurocents.' })
  toegekendCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Committed: open allocations\' estimate for the rest of their period in the year not yet claimed, eurocents.' })
  verplichtCenten!: number;

  @Field(() => GraphQLSafeInt, { description: 'Forecast to year end: granted + committed, eurocents.' })
  prognoseCenten!: number;

  @Field(() => Float, { nullable: true, description: 'Granted as a percentage of the ceiling (one decimal); null for a ceiling of 0.' })
  toegekendPercentage!: number | null;

  @Field(() => Float, { nullable: true, description: 'Forecast as a percentage of the ceiling (one decimal); null for a ceiling of 0.' })
  prognosePercentage!: number | null;

  @Field(() => [Int], { description: 'The contract\'s alert thresholds, percent of the ceiling (default 70 and 90).' })
  drempels!: number[];

  @Field(() => Int, { nullable: true, description: 'The highest threshold granted has reached; null when none.' })
  bereikteDrempel!: number | null;

  @Field(() => Boolean, { description: 'Whether the forecast exceeds the ceiling.' })
  prognoseBovenPlafond!: boolean;

  @Field(() => [BudgetsignaalEntity], { description: 'The alerts fired for this contract and year, oldest first.' })
  signalen!: BudgetsignaalEntity[];

  @Field(() => [BudgetstandGemeenteType], { description: 'Granted, committed and forecast per municipality (the filter\'s municipality only when it names one).' })
  perGemeente!: BudgetstandGemeenteType[];
}
