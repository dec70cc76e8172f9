import { eenPerSleutel } from '../graphql/node';
import { contractingService } from './contracting.service';
import type { HubModule } from '../common/hub-module';
import { contractingLoaders } from './loaders';
import { BudgetplafondEntity } from './budgetplafond.entity';
import { ContractGemeenteEntity } from './contract-gemeente.entity';
import { ContractProductEntity } from './contract-product.entity';
import { ContractEntity } from './contract.entity';
import { ContractProductResolver, ContractResolver, IndexatieResolver } from './contract.resolver';
import { IndexatieEntity } from './indexatie.entity';
import { TariefEntity } from './tarief.entity';

/** Contracts, contracted products, tariffs, budget ceilings and indexation. */
export const MODULE: HubModule = {
  naam: 'contracting',
  entiteiten: [ContractEntity, ContractGemeenteEntity, BudgetplafondEntity, ContractProductEntity, TariefEntity, IndexatieEntity],
  loaders: contractingLoaders,
  resolvers: [ContractResolver, ContractProductResolver, IndexatieResolver],
  nodes: {
    Contract: eenPerSleutel((ctx, id) => contractingService.contract(ctx.reader, ctx.principal, id)),
  },
};
