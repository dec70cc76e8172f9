import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { CapaciteitEntity } from './capaciteit.entity';
import { CapaciteitFilter, CapaciteitInput, WachttijdFilter, WachttijdnormInput } from './capaciteit.inputs';
import { capaciteitService } from './capaciteit.service';
import { wachttijdService } from './wachttijd.service';
import { AanbiederKeuze, WachtItem, WachttijdSignaal, WachttijdStatistiek } from './wachttijd.types';
import { WachttijdnormEntity } from './wachttijdnorm.entity';

export const CapaciteitConnection = ConnectionType(CapaciteitEntity, 'Capaciteit');
export const WachtItemConnection = ConnectionType(WachtItem, 'WachtItem');
export const WachttijdSignaalConnection = ConnectionType(WachttijdSignaal, 'WachttijdSignaal');

/** Who reads capacity: the provider its own; region staff and municipalities their region's. */
const LEZERS = ['aanbieder', 'regio', 'toegang', 'gemeente', 'auditor', 'beheerder'];
/** Who reads waiting lists and waiting times, each within its client-data scope. */
const WACHTTIJD_LEZERS = ['regio', 'toegang', 'gemeente', 'auditor', 'aanbieder', 'beheerder'];

@Resolver(() => CapaciteitEntity)
export class CapaciteitResolver {
  @Authorized(LEZERS)
  @Query(() => CapaciteitConnection, { description: 'Current capacity per provider, product and location, paged.' })
  async capaciteit(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => CapaciteitFilter, { nullable: true }) filter?: CapaciteitFilter) {
    return capaciteitService.capaciteit(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(LEZERS)
  @Query(() => CapaciteitConnection, { description: 'Every version of the capacity, per location oldest first, paged.' })
  async capaciteitHistorie(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => CapaciteitFilter, { nullable: true }) filter?: CapaciteitFilter) {
    return capaciteitService.historie(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(['aanbieder', 'beheerder'])
  @Mutation(() => CapaciteitEntity, { description: 'A provider records its capacity for a contracted product at a location; the previous version stays in the history.' })
  async werkCapaciteitBij(@Ctx() ctx: HubContext, @Arg('input', () => CapaciteitInput) input: CapaciteitInput) {
    return capaciteitService.werkBij(await ctx.em(), ctx.principal, input);
  }

  @Authorized(['aanbieder', 'beheerder'])
  @Mutation(() => CapaciteitEntity, { description: 'A location stops offering the product: its current version is closed.' })
  async sluitCapaciteit(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return capaciteitService.sluit(await ctx.em(), ctx.principal, id);
  }
}

@Resolver(() => WachttijdnormEntity)
export class WachttijdResolver {
  @Authorized(WACHTTIJD_LEZERS)
  @Query(() => WachtItemConnection, { description: 'The waiting list: toewijzingen (JW301) not deleted or ended without a start (JW305), longest wait first, paged.' })
  async wachtlijst(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => WachttijdFilter, { nullable: true }) filter?: WachttijdFilter) {
    return wachttijdService.wachtlijst(ctx.reader, ctx.principal, filter, page);
  }

  @Authorized(WACHTTIJD_LEZERS)
  @Query(() => [WachttijdStatistiek], { description: 'Waiting times per provider, product and municipality, derived from JW315, JW301 and JW305 (median and 90th percentile in days).' })
  async wachttijden(@Ctx() ctx: HubContext, @Arg('filter', () => WachttijdFilter, { nullable: true }) filter?: WachttijdFilter) {
    return wachttijdService.statistiek(await ctx.em(), ctx.principal, filter);
  }

  @Authorized(WACHTTIJD_LEZERS)
  @Query(() => WachttijdSignaalConnection, { description: 'Waiting-time norms exceeded: children waiting, unanswered requests and providers over the norm; by kind, most days first, paged.' })
  async wachttijdSignalen(@Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return wachttijdService.signalen(ctx.reader, ctx.principal, page);
  }

  @Authorized()
  @Query(() => [WachttijdnormEntity], { description: 'Waiting-time norms of the caller\'s region (an administrator or provider names the region).' })
  async wachttijdnormen(@Ctx() ctx: HubContext, @Arg('regioCode', () => String, { nullable: true }) regioCode?: string) {
    return capaciteitService.normen(await ctx.em(), ctx.principal, regioCode);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => WachttijdnormEntity, { description: 'Set a waiting-time norm of the region (replaces the one for the same interval and category).' })
  async stelWachttijdnormVast(@Ctx() ctx: HubContext, @Arg('input', () => WachttijdnormInput) input: WachttijdnormInput) {
    return capaciteitService.stelNormVast(await ctx.em(), ctx.principal, input);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => Boolean, { description: 'Remove a waiting-time norm of the region.' })
  async verwijderWachttijdnorm(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return capaciteitService.verwijderNorm(await ctx.em(), ctx.principal, id);
  }

  @Authorized(['toegang', 'gemeente', 'regio', 'beheerder'])
  @Query(() => [AanbiederKeuze], {
    description: 'Providers contracted today for the product in the child\'s municipality, with capacity and waiting times, best first (open with capacity, within the norm, lowest 90th percentile).',
  })
  async passendeAanbieders(
    @Ctx() ctx: HubContext,
    @Arg('gemeenteCode', () => String, { description: 'The child\'s municipality (CBS code).' }) gemeenteCode: string,
    @Arg('productCode', () => String, { description: 'iJw Productcode from the region\'s product book.' }) productCode: string,
  ) {
    return wachttijdService.passendeAanbieders(await ctx.em(), ctx.principal, gemeenteCode, productCode);
  }
}
