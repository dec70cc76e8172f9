import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { BudgetdrempelsInput, BudgetFilter } from './budget.inputs';
import { budgetService } from './budget.service';
import { BudgetstandType } from './budget.types';

/** Region staff and the provider; municipalities see their own claims, not a contract's budget. */
const LEZERS = ['regio', 'aanbieder', 'beheerder', 'auditor'];
const BEHEER = ['regio', 'beheerder'];

@Resolver(() => BudgetstandType)
export class BudgetResolver {
  @Authorized(LEZERS)
  @Query(() => [BudgetstandType], { description: 'Live budgets of a year per contract and municipality: ceiling, granted, committed, forecast, thresholds and alerts (region and provider only).' })
  async budgetstanden(@Ctx() ctx: HubContext, @Arg('jaar', () => Int) jaar: number, @Arg('filter', () => BudgetFilter, { nullable: true }) filter?: BudgetFilter) {
    return budgetService.standen(await ctx.em(), ctx.principal, jaar, filter);
  }

  @Authorized(BEHEER)
  @Mutation(() => [Int], { description: 'Set a contract\'s budget alert thresholds (percent of its ceiling; default 70 and 90). Returns them, ascending.' })
  async stelBudgetdrempelsIn(@Ctx() ctx: HubContext, @Arg('input', () => BudgetdrempelsInput) input: BudgetdrempelsInput) {
    return budgetService.zetDrempels(await ctx.em(), ctx.principal, input);
  }
}
