import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { berichtVerloop } from './keten.service';
import { Berichtverloop } from './keten.types';

@Resolver(() => Berichtverloop)
export class KetenResolver {
  @Authorized()
  @Query(() => Berichtverloop, {
    nullable: true,
    description:
      'The trace of a message through the chain (portal → VECOZO → GGk → hub → GGk → VECOZO → portal): its conversation (the message, its retour(s), the same iJw message on the other side) and every leg, with its state and time, oldest first. Id of a Bericht or VecozoBericht; null when the caller may not see it. Audited.',
  })
  async berichtVerloop(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string): Promise<Berichtverloop | null> {
    return berichtVerloop(await ctx.em(), ctx.principal, ctx.sleutels, id);
  }
}
