import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ProductEntity } from '../catalogue/product.entity';
import { columnsOf } from '../db/rows';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import type { HubContext } from '../graphql/context';
import { AanbiederEntity } from '../registry/aanbieder.entity';
import { BudgetplafondEntity } from './budgetplafond.entity';
import { ContractProductEntity } from './contract-product.entity';
import { ContractEntity } from './contract.entity';
import {
  ContracteerProductInput,
  ContractFilter,
  IndexatieInput,
  MaakContractInput,
  OpenHouseToelatingInput,
  TariefInput,
} from './contracting.inputs';
import { contractingService } from './contracting.service';
import type { ContractProductRij, ContractRij, IndexatieRij } from './contracting.types';
import { IndexatieEntity } from './indexatie.entity';
import { TariefEntity } from './tarief.entity';
import { tariefOpDatum } from './tarief.rules';

export const ContractConnection = ConnectionType(ContractEntity, 'Contract');

const BEHEER = ['regio', 'beheerder'];

@Resolver(() => ContractEntity)
export class ContractResolver {
  @Authorized()
  @Query(() => ContractConnection, { description: 'Contracts the caller may see, filtered and paged.' })
  async contracten(
    @Ctx() ctx: HubContext,
    @Args() page: PageArgs,
    @Arg('filter', () => ContractFilter, { nullable: true }) filter?: ContractFilter,
  ) {
    return contractingService.contracten(ctx.reader, ctx.principal, filter, page);
  }

  @Authorized()
  @Query(() => ContractEntity, { nullable: true, description: 'One contract, if the caller may see it.' })
  async contract(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return contractingService.contract(ctx.reader, ctx.principal, id);
  }

  @Authorized()
  @Query(() => TariefEntity, { nullable: true, description: 'The tariff version of a contracted product valid on a date (exactly one or none).' })
  async tariefOpDatum(@Ctx() ctx: HubContext, @Arg('contractProductId', () => ID) id: string, @Arg('datum', () => GraphQLLocalDate) datum: string) {
    return contractingService.tariefOpDatum(ctx.reader, ctx.principal, id, datum);
  }

  @Authorized(BEHEER)
  @Mutation(() => ContractEntity, { description: 'Create a contract with its municipalities, budget ceilings and products.' })
  async maakContract(@Ctx() ctx: HubContext, @Arg('input', () => MaakContractInput) input: MaakContractInput) {
    return contractingService.maakContract(await ctx.em(), ctx.principal, input);
  }

  @Authorized(BEHEER)
  @Mutation(() => ContractEntity, { description: 'Use one extension of a contract.' })
  async verlengContract(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string, @Arg('nieuweEinddatum', () => GraphQLLocalDate) einde: string) {
    return contractingService.verlengContract(await ctx.em(), ctx.principal, id, einde);
  }

  @Authorized(BEHEER)
  @Mutation(() => ContractEntity, { description: 'End a contract on a date, with a reason.' })
  async beeindigContract(
    @Ctx() ctx: HubContext,
    @Arg('id', () => ID) id: string,
    @Arg('einddatum', () => GraphQLLocalDate) einddatum: string,
    @Arg('reden') reden: string,
  ) {
    return contractingService.beeindigContract(await ctx.em(), ctx.principal, id, einddatum, reden);
  }

  @Authorized(BEHEER)
  @Mutation(() => ContractEntity, { description: 'Admit a provider to an open-house lot on the terms of an existing contract of that lot.' })
  async laatToeTotOpenHouse(@Ctx() ctx: HubContext, @Arg('input', () => OpenHouseToelatingInput) input: OpenHouseToelatingInput) {
    return contractingService.laatToeTotOpenHouse(await ctx.em(), ctx.principal, input);
  }

  @Authorized(BEHEER)
  @Mutation(() => ContractProductEntity, { description: 'Contract one more product under a contract, with its first tariff.' })
  async contracteerProduct(@Ctx() ctx: HubContext, @Arg('input', () => ContracteerProductInput) input: ContracteerProductInput) {
    return contractingService.contracteerProduct(await ctx.em(), ctx.principal, input);
  }

  @Authorized(BEHEER)
  @Mutation(() => TariefEntity, { description: 'Set a tariff version; an open earlier version is closed the day before.' })
  async stelTariefVast(@Ctx() ctx: HubContext, @Arg('input', () => TariefInput) input: TariefInput) {
    return contractingService.stelTariefVast(await ctx.em(), ctx.principal, input);
  }

  @Authorized(BEHEER)
  @Mutation(() => IndexatieEntity, { description: 'Yearly indexation: write next year\'s tariff versions by a percentage or the Jeugd formula.' })
  async indexeerTarieven(@Ctx() ctx: HubContext, @Arg('input', () => IndexatieInput) input: IndexatieInput) {
    return contractingService.indexeer(await ctx.em(), ctx.principal, input);
  }

  @FieldResolver(() => AanbiederEntity, { nullable: true, description: 'The provider (iJw Aanbieder).' })
  aanbieder(@Root() c: ContractRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.aanbieder.load(c.aanbiederAgb);
  }

  @FieldResolver(() => ContractEntity, { nullable: true, description: 'Main contract when this is a subcontract.' })
  hoofdcontract(@Root() c: ContractRij, @Ctx() ctx: HubContext) {
    return c.hoofdcontractId ? ctx.loaders.contract.load(c.hoofdcontractId) : null;
  }

  @FieldResolver(() => [String], { description: 'CBS codes of the municipalities covered (iJw Gemeente).' })
  async gemeenten(@Root() c: ContractRij, @Ctx() ctx: HubContext) {
    return (await ctx.loaders.contractGemeenten.load(c.id)).map((g) => g.gemeenteCode);
  }

  @FieldResolver(() => [BudgetplafondEntity], { description: 'Budget ceilings per year.' })
  budgetplafonds(@Root() c: ContractRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.budgetplafonds.load(c.id);
  }

  @FieldResolver(() => [ContractProductEntity], { description: 'Contracted products.', complexity: ({ childComplexity }) => 1 + childComplexity * 10 })
  producten(@Root() c: ContractRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.contractProducten.load(c.id);
  }
}

@Resolver(() => ContractProductEntity)
export class ContractProductResolver {
  @FieldResolver(() => ProductEntity, { nullable: true, description: 'The product of the product book.' })
  product(@Root() cp: ContractProductRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.product.load(cp.productId);
  }

  @FieldResolver(() => [TariefEntity], { description: 'All tariff versions, oldest first.', complexity: ({ childComplexity }) => 1 + childComplexity * 3 })
  tarieven(@Root() cp: ContractProductRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.tarieven.load(cp.id);
  }

  @FieldResolver(() => TariefEntity, { nullable: true, description: 'The tariff version valid on a date.' })
  async tarief(@Root() cp: ContractProductRij, @Ctx() ctx: HubContext, @Arg('datum', () => GraphQLLocalDate) datum: string) {
    return tariefOpDatum(await ctx.loaders.tarieven.load(cp.id), datum) ?? null;
  }
}

@Resolver(() => IndexatieEntity)
export class IndexatieResolver {
  @Authorized(['regio', 'beheerder', 'auditor'])
  @Query(() => [IndexatieEntity], { description: 'Indexation runs of the region, newest first.' })
  async indexaties(@Ctx() ctx: HubContext): Promise<IndexatieRij[]> {
    const r = ctx.principal.regio;
    const columns = columnsOf(ctx.reader.dataSource, IndexatieEntity, 'i');
    return r
      ? ctx.reader.rows<IndexatieRij>(`SELECT ${columns} FROM indexatie i WHERE i.regio_code = $1 ORDER BY i.jaar DESC`, [r])
      : ctx.reader.rows<IndexatieRij>(`SELECT ${columns} FROM indexatie i ORDER BY i.jaar DESC`);
  }

  @FieldResolver(() => String, { description: 'Effective percentage applied.' })
  effectiefPercentage(@Root() i: IndexatieRij) {
    return (i.effectiefE5 / 100_000).toFixed(5);
  }
}
