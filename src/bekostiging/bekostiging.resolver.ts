import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ContractEntity } from '../contracting/contract.entity';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { BegrotingspostInput, KostenaandeelFilter, LumpsumFilter, LumpsumInput } from './bekostiging.inputs';
import { BegrotingspostEntity, KostenaandeelEntity } from './begrotingspost.entity';
import { kostenverdelingService } from './kostenverdeling.service';
import { LumpsumEntity, VaststellingEntity } from './lumpsum.entity';
import { lumpsumService } from './lumpsum.service';

export const LumpsumConnection = ConnectionType(LumpsumEntity, 'Lumpsum');
export const BegrotingspostConnection = ConnectionType(BegrotingspostEntity, 'Begrotingspost');
export const KostenaandeelConnection = ConnectionType(KostenaandeelEntity, 'Kostenaandeel');

/** The contract manager sets up and settles; an administrator may act for a region. */
const BEHEER = ['regio', 'beheerder'];
/** Who reads lumpsums: region staff, the municipalities covered (their own share), the provider. */
export const LUMPSUM_LEZERS = ['regio', 'beheerder', 'auditor', 'gemeente', 'aanbieder'];
/** Who reads cost sharing: region staff and the municipalities (their own rows). */
export const KOSTENLEZERS = ['regio', 'beheerder', 'auditor', 'gemeente'];

@Resolver(() => LumpsumEntity)
export class LumpsumResolver {
  @Authorized(BEHEER)
  @Mutation(() => LumpsumEntity, { description: 'Set up the lumpsum of a taakgericht contract for a year: budget, band, per-client amount, split over its municipalities.' })
  async stelLumpsumVast(@Ctx() ctx: HubContext, @Arg('input', () => LumpsumInput) input: LumpsumInput) {
    return lumpsumService.stelVast(await ctx.em(), ctx.principal, input);
  }

  @Authorized(LUMPSUM_LEZERS)
  @Query(() => LumpsumConnection, { description: 'Lumpsums the caller may see, with shares and advances (a municipality only its own), by year, paged.' })
  async lumpsums(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => LumpsumFilter, { nullable: true }) filter?: LumpsumFilter) {
    return lumpsumService.lumpsums(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(LUMPSUM_LEZERS)
  @Query(() => LumpsumEntity, { nullable: true, description: 'One lumpsum, if the caller may see it.' })
  async lumpsum(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return lumpsumService.lumpsum(await ctx.em(), ctx.principal, id);
  }

  @Authorized(LUMPSUM_LEZERS)
  @Query(() => VaststellingEntity, { nullable: true, description: 'The year-end settlement of a lumpsum, if computed and visible to the caller.' })
  async lumpsumVaststelling(@Ctx() ctx: HubContext, @Arg('lumpsumId', () => ID) lumpsumId: string) {
    return lumpsumService.vaststelling(await ctx.em(), ctx.principal, lumpsumId);
  }

  @Authorized(BEHEER)
  @Mutation(() => VaststellingEntity, { description: 'Compute (or recompute) the year-end settlement as a concept from the start/stop messages (JW305/JW307); refused once approved.' })
  async berekenLumpsumVaststelling(@Ctx() ctx: HubContext, @Arg('lumpsumId', () => ID) lumpsumId: string) {
    return lumpsumService.berekenVaststelling(await ctx.em(), ctx.principal, lumpsumId);
  }

  @Authorized(['regio'])
  @Mutation(() => VaststellingEntity, { description: 'Approve a concept settlement (contract manager): final from then on.' })
  async keurLumpsumVaststellingGoed(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return lumpsumService.keurVaststellingGoed(await ctx.em(), ctx.principal, id);
  }

  @FieldResolver(() => ContractEntity, { nullable: true, description: 'The taakgericht contract the lumpsum belongs to.' })
  contract(@Root() l: LumpsumEntity, @Ctx() ctx: HubContext) {
    return ctx.loaders.contract.load(l.contractId);
  }
}

@Resolver(() => BegrotingspostEntity)
export class BegrotingspostResolver {
  @Authorized(BEHEER)
  @Mutation(() => BegrotingspostEntity, { description: 'Enter a regional budget line and share it over the municipalities by its key.' })
  async maakBegrotingspost(@Ctx() ctx: HubContext, @Arg('input', () => BegrotingspostInput) input: BegrotingspostInput) {
    return kostenverdelingService.maak(await ctx.em(), ctx.principal, input);
  }

  @Authorized(BEHEER)
  @Mutation(() => BegrotingspostEntity, { description: 'Share a budget line again with current inhabitants and use.' })
  async herverdeelBegrotingspost(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return kostenverdelingService.herverdeel(await ctx.em(), ctx.principal, id);
  }

  @Authorized(KOSTENLEZERS)
  @Query(() => BegrotingspostConnection, { description: 'Budget lines of the region, optionally those overlapping a year, by period start and name, paged.' })
  async begrotingsposten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('jaar', () => Int, { nullable: true }) jaar?: number) {
    return kostenverdelingService.begrotingsposten(await ctx.em(), ctx.principal, jaar, page);
  }

  @Authorized(KOSTENLEZERS)
  @Query(() => KostenaandeelConnection, { description: 'Cost shares per municipality per budget line and period (a municipality only its own), by period start, line and municipality, paged.' })
  async kostenaandelen(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => KostenaandeelFilter, { nullable: true }) filter?: KostenaandeelFilter) {
    return kostenverdelingService.kostenaandelen(await ctx.em(), ctx.principal, filter, page);
  }
}
