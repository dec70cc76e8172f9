import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { BerichtEntity } from '../messaging/bericht.entity';
import { ToewijzingResultaat } from './toewijzing.inputs';
import { VerzoekEntity } from './verzoek.entity';
import { VerzoekFilter, verzoekService, WijsVerzoekAfInput, WijsVerzoekToeInput } from './verzoek.service';

export const VerzoekConnection = ConnectionType(VerzoekEntity, 'Verzoek');

const BEANTWOORDERS = ['toegang', 'gemeente', 'beheerder'];

@Resolver(() => VerzoekEntity)
export class VerzoekResolver {
  @Authorized()
  @Query(() => VerzoekConnection, { description: 'Requests (JW315 products and JW317s): the access team\'s work list, most urgent first, paged; a provider sees its own.' })
  async verzoeken(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => VerzoekFilter, { nullable: true }) filter?: VerzoekFilter) {
    return verzoekService.verzoeken(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(BEANTWOORDERS)
  @Mutation(() => ToewijzingResultaat, { description: 'Allocate a request as requested: a toewijzing and a JW301 carrying its ReferentieAanbieder.' })
  async wijsVerzoekToe(@Ctx() ctx: HubContext, @Arg('input', () => WijsVerzoekToeInput) input: WijsVerzoekToeInput) {
    return verzoekService.wijsToe(await ctx.em(), ctx.principal, ctx.sleutels, input);
  }

  @Authorized(BEANTWOORDERS)
  @Mutation(() => ToewijzingResultaat, {
    description: 'Grant a request for change (JW317) as a whole: toewijzingen changed in place (reden 12), ended and started anew, or new; one JW301 carrying its ReferentieAanbieder on every product.',
  })
  async wijsWijzigingsverzoekToe(@Ctx() ctx: HubContext, @Arg('verzoekId', () => ID) id: string) {
    return verzoekService.wijsWijzigingToe(await ctx.em(), ctx.principal, ctx.sleutels, id);
  }

  @Authorized(BEANTWOORDERS)
  @Mutation(() => BerichtEntity, { description: 'Reject a request (JW315 product or JW317) with a reason: a JW319.' })
  async wijsVerzoekAf(@Ctx() ctx: HubContext, @Arg('input', () => WijsVerzoekAfInput) input: WijsVerzoekAfInput) {
    return verzoekService.wijsAf(await ctx.em(), ctx.principal, ctx.sleutels, input);
  }

  @Authorized(BEANTWOORDERS)
  @Mutation(() => BerichtEntity, { description: 'Report a request as "in onderzoek": a JW319; the final answer is due within 8 weeks.' })
  async zetVerzoekInOnderzoek(@Ctx() ctx: HubContext, @Arg('verzoekId', () => ID) id: string) {
    return verzoekService.inOnderzoek(await ctx.em(), ctx.principal, ctx.sleutels, id);
  }
}
