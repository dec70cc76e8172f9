import { IsInt, IsOptional, IsUUID, Matches } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Which live budgets to list.' })
export class BudgetFilter {
  @Field(() => ID, { nullable: true, description: 'One contract.' })
  @IsOptional()
  @IsUUID()
  contractId?: string;

  @Field({ nullable: true, description: 'One provider (AGB code).' })
  @IsOptional()
  @Matches(/^[0-9]{8}$/)
  aanbiederAgb?: string;

  @Field({ nullable: true, description: 'Contracts covering this municipality (CBS code); its own share only in perGemeente.' })
  @IsOptional()
  @Matches(/^[0-9]{4}$/)
  gemeenteCode?: string;
}

@InputType({ description: 'A contract\'s budget alert thresholds.' })
export class BudgetdrempelsInput {
  @Field(() => ID, { description: 'The contract.' })
  @IsUUID()
  contractId!: string;

  @Field(() => [Int], { description: 'Percentages of the ceiling, 1 to 100, one to five of them (default 70 and 90).' })
  @IsInt({ each: true })
  drempels!: number[];
}
