import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import type { HubContext } from '../graphql/context';
import { GemeenteEntity } from '../registry/gemeente.entity';
import { RetourCodeType } from '../messaging/graphql/bericht.types';
import { betekenisVan } from '../messaging/ijw/retourcodes';
import { AfrekeningFilter, afrekeningService } from './afrekening.service';
import { AfrekeningEntity, DeclaratieEntity } from './declaratie.entity';
import {
  DeclaratieFilter,
  declaratieService,
  DeclaratietotaalType,
  HoudAanInput,
  PlafondstandType,
  PrestatieafstemmingType,
  PrestatieFilter,
} from './declaratie.service';

export const DeclaratieConnection = ConnectionType(DeclaratieEntity, 'Declaratie');
export const PrestatieafstemmingConnection = ConnectionType(PrestatieafstemmingType, 'Prestatieafstemming');

const BACKOFFICE = ['gemeente', 'beheerder'];
const AFREKENAARS = ['regio', 'gemeente', 'beheerder'];

@Resolver(() => DeclaratieEntity)
export class DeclaratieResolver {
  @Authorized()
  @Query(() => DeclaratieConnection, { description: 'Claims (JW323) with their outcome, by DeclaratiePeriode, paged; a provider sees its own, a municipality its own.' })
  async declaraties(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => DeclaratieFilter, { nullable: true }) filter?: DeclaratieFilter) {
    return declaratieService.declaraties(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized()
  @Query(() => DeclaratieEntity, { nullable: true, description: 'One claim.' })
  async declaratie(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return declaratieService.declaratie(await ctx.em(), ctx.principal, id);
  }

  @Authorized()
  @Query(() => [DeclaratietotaalType], { description: 'Claimed, granted and rejected per month, municipality and provider.' })
  async declaratieTotalen(@Ctx() ctx: HubContext, @Arg('filter', () => DeclaratieFilter, { nullable: true }) filter?: DeclaratieFilter) {
    return declaratieService.totalen(await ctx.em(), ctx.principal, filter);
  }

  @Authorized()
  @Query(() => [PlafondstandType], { description: 'Budget ceilings of a year and what has been granted against them.' })
  async plafondstanden(@Ctx() ctx: HubContext, @Arg('jaar', () => Int) jaar: number) {
    return declaratieService.plafonds(await ctx.em(), ctx.principal, jaar);
  }

  @FieldResolver(() => [RetourCodeType], { description: 'The codes on the Declaratie class with their meaning.' })
  meldingen(@Root() d: DeclaratieEntity): RetourCodeType[] {
    return d.retourcodes.map((code) => ({ code, betekenis: betekenisVan(code) }));
  }

  @FieldResolver(() => PrestatieafstemmingConnection, { description: 'Its prestaties with outcome, codes, matched toewijzing, contract and tariff, by ReferentieNummer, paged (the read of each page is audited).' })
  async prestaties(@Ctx() ctx: HubContext, @Root() d: DeclaratieEntity, @Args() page: PageArgs, @Arg('filter', () => PrestatieFilter, { nullable: true }) filter?: PrestatieFilter) {
    return declaratieService.prestaties(ctx.reader, await ctx.em(), ctx.principal, d, filter, page);
  }

  @Authorized()
  @Query(() => [AfrekeningEntity], { description: 'The settlements (invoice records) of a month.' })
  async afrekeningen(@Ctx() ctx: HubContext, @Arg('filter', () => AfrekeningFilter) filter: AfrekeningFilter) {
    return afrekeningService.lijst(await ctx.em(), ctx.principal, filter);
  }

  @Authorized(AFREKENAARS)
  @Mutation(() => [AfrekeningEntity], {
    description: 'The monthly settlement run: per provider and municipality, an invoice record of the granted prestaties of that month not settled before (CSV: GET /export/afrekeningen.csv).',
  })
  async maakAfrekeningen(@Ctx() ctx: HubContext, @Arg('filter', () => AfrekeningFilter) filter: AfrekeningFilter) {
    return afrekeningService.maak(await ctx.em(), ctx.principal, filter);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => GemeenteEntity, {
    description: 'Whether a municipality judges claims in its own system: then the hub judges each JW323 for reference, holds it, and records and forwards the JW325 that system sends.',
  })
  async stelDeclaratiebeoordelingIn(@Ctx() ctx: HubContext, @Arg('gemeenteCode') gemeenteCode: string, @Arg('eigenSysteem') eigenSysteem: boolean) {
    return declaratieService.stelBeoordelingIn(await ctx.em(), ctx.principal, gemeenteCode, eigenSysteem);
  }

  @Authorized(BACKOFFICE)
  @Mutation(() => DeclaratieEntity, { description: 'Hold a claim: its JW325 waits, or, already answered, settlement leaves it out.' })
  async houdDeclaratieAan(@Ctx() ctx: HubContext, @Arg('input', () => HoudAanInput) input: HoudAanInput) {
    return declaratieService.houdAan(await ctx.em(), ctx.principal, input.declaratieId, input.reden);
  }

  @Authorized(BACKOFFICE)
  @Mutation(() => DeclaratieEntity, { description: 'Release a held claim: an unanswered one gets its JW325 now; an answered one becomes payable.' })
  async geefDeclaratieVrij(@Ctx() ctx: HubContext, @Arg('declaratieId', () => ID) id: string) {
    return declaratieService.geefVrij(await ctx.em(), ctx.principal, ctx.sleutels, id);
  }
}
