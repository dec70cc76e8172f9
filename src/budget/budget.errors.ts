/** Error codes of live budgets (GraphQL `extensions.code`). */
export enum BudgetError {
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  INVALID_THRESHOLDS = 'INVALID_THRESHOLDS',
}
