import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { rapportageService } from './rapportage.service';
import { Kwartaalrapportage } from './rapportage.types';

/** Who reads the quarterly report: the region, a municipality (its own), the auditor and the administrator. */
export const RAPPORT_LEZERS = ['regio', 'gemeente', 'auditor', 'beheerder'];

@Resolver(() => Kwartaalrapportage)
export class RapportageResolver {
  @Authorized(RAPPORT_LEZERS)
  @Query(() => Kwartaalrapportage, { description: 'The quarterly report (Q-rapportage) of the caller\'s region; a municipality sees its own municipalities only; an administrator names the region.' })
  async kwartaalrapportage(
    @Ctx() ctx: HubContext,
    @Arg('jaar', () => Int) jaar: number,
    @Arg('kwartaal', () => Int) kwartaal: number,
    @Arg('regioCode', () => String, { nullable: true }) regioCode?: string,
  ) {
    return rapportageService.kwartaalrapportage(await ctx.em(), ctx.principal, jaar, kwartaal, regioCode);
  }
}
