import { rowByKey, rowsByKey, type LoaderSource } from '../graphql/loaders';
import { BudgetplafondEntity } from './budgetplafond.entity';
import { ContractGemeenteEntity } from './contract-gemeente.entity';
import { ContractProductEntity } from './contract-product.entity';
import { ContractEntity } from './contract.entity';
import { TariefEntity } from './tarief.entity';

/** Contracts and what hangs under them, each relation one statement per batch of keys. */
export const contractingLoaders = (src: LoaderSource) => ({
  contract: rowByKey(src, ContractEntity, 'id', 'uuid'),
  contractProducten: rowsByKey(src, ContractProductEntity, 'contractId', 'uuid', 'id'),
  tarieven: rowsByKey(src, TariefEntity, 'contractProductId', 'uuid', 'geldigVanaf'),
  contractGemeenten: rowsByKey(src, ContractGemeenteEntity, 'contractId', 'uuid', 'gemeenteCode'),
  budgetplafonds: rowsByKey(src, BudgetplafondEntity, 'contractId', 'uuid', 'jaar'),
});

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this module's loaders to the interface (declaration merging)
  interface Loaders extends ReturnType<typeof contractingLoaders> {}
}
