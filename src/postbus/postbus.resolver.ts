import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { PageArgs } from '../graphql/pagination';
import { BerichtEntity } from '../messaging/bericht.entity';
import { BerichtConnection } from '../messaging/graphql/bericht.resolver';
import { postbusService } from './postbus.service';

const ONTVANGERS = ['aanbieder', 'gemeente', 'toegang'];

@Resolver()
export class PostbusResolver {
  @Authorized(ONTVANGERS)
  @Query(() => BerichtConnection, {
    description:
      "The caller's mailbox (postbus): messages waiting for it (status beschikbaar), oldest first; a provider receives what municipalities send, a municipality what providers send. Confirmed items (bevestigOntvangst) leave it.",
  })
  async postbus(@Ctx() ctx: HubContext, @Args() page: PageArgs) {
    return postbusService.wacht(await ctx.em(), ctx.principal, page);
  }

  @Authorized(ONTVANGERS)
  @Mutation(() => [BerichtEntity], {
    description:
      'Confirm receipt of mailbox items (at most 250): beschikbaar → opgehaald, once. Returns those of the ids that are items of the caller, all confirmed now; others are left out. Confirmed items stay readable by id.',
  })
  async bevestigOntvangst(@Ctx() ctx: HubContext, @Arg('ids', () => [ID]) ids: string[]) {
    const em = await ctx.em();
    const bevestigd = await postbusService.bevestig(em, ctx.principal, ids);
    return postbusService.opgehaald(em, ctx.principal, bevestigd);
  }
}
