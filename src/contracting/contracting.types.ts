import type { Row } from '../db/rows';
import type { BudgetplafondEntity } from './budgetplafond.entity';
import type { ContractProductEntity } from './contract-product.entity';
import type { ContractEntity } from './contract.entity';
import type { IndexatieEntity } from './indexatie.entity';
import type { TariefEntity } from './tarief.entity';

/** The plain rows the read paths of contracting return (columns only, no relations). */
export type ContractRij = Row<ContractEntity>;
export type ContractProductRij = Row<ContractProductEntity>;
export type TariefRij = Row<TariefEntity>;
export type BudgetplafondRij = Row<BudgetplafondEntity>;
export type IndexatieRij = Row<IndexatieEntity>;
