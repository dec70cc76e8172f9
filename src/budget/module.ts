import type { HubModule } from '../common/hub-module';
import { BudgetResolver } from './budget.resolver';
import { BudgetdrempelsEntity } from './budgetdrempels.entity';
import { BudgetsignaalEntity } from './budgetsignaal.entity';

/** Live budgets: per contract and municipality the ceiling, granted, committed and forecast; thresholds and their alerts. */
export const MODULE: HubModule = {
  naam: 'budget',
  entiteiten: [BudgetdrempelsEntity, BudgetsignaalEntity],
  resolvers: [BudgetResolver],
};
