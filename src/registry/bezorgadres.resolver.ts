import { IsUrl, Matches, MaxLength } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { AanbiederEntity } from './aanbieder.entity';
import { BezorgadresEntity } from './bezorgadres.entity';
import { bezorgadresService } from './bezorgadres.service';

const BEHEERDERS = ['beheerder', 'aanbieder'];

@ArgsType()
class AgbArgs {
  @Field({ description: 'AGB code of the provider (8 digits).' })
  @Matches(/^[0-9]{8}$/)
  agb!: string;
}

@ArgsType()
class RegistreerBezorgadresArgs extends AgbArgs {
  @Field({ description: 'The endpoint URL outbound messages are POSTed to.' })
  @MaxLength(500)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url!: string;
}

@ObjectType({ description: 'An endpoint with, only in the answer that issued it, its signing secret.' })
class BezorgadresUitgifte {
  @Field(() => BezorgadresEntity)
  bezorgadres!: BezorgadresEntity;

  @Field(() => String, {
    nullable: true,
    description: 'The new signing secret (HMAC-SHA256 key, as this string). Shown once: store it now; the hub never shows it again. Empty when none was issued.',
  })
  ondertekeningsgeheim!: string | null;
}

@Resolver(() => BezorgadresEntity)
export class BezorgadresResolver {
  @Authorized(BEHEERDERS)
  @Mutation(() => BezorgadresUitgifte, { description: 'Register or move a provider\'s delivery endpoint (an administrator, or the provider for itself); a first registration returns the signing secret once.' })
  async registreerBezorgadres(@Ctx() ctx: HubContext, @Args(() => RegistreerBezorgadresArgs) a: RegistreerBezorgadresArgs) {
    return bezorgadresService.registreer(await ctx.em(), ctx.principal, ctx.sleutels, a.agb, a.url);
  }

  @Authorized(BEHEERDERS)
  @Mutation(() => BezorgadresUitgifte, { description: 'Issue a new signing secret, returned once; the previous one still signs during the overlap (BEZORG_GEHEIM_OVERLAP_UUR).' })
  async roteerOndertekeningsgeheim(@Ctx() ctx: HubContext, @Args(() => AgbArgs) a: AgbArgs) {
    return bezorgadresService.roteer(await ctx.em(), ctx.principal, ctx.sleutels, a.agb);
  }

  @Authorized(BEHEERDERS)
  @Mutation(() => Boolean, { description: 'Remove a provider\'s delivery endpoint: later messages wait in its mailbox.' })
  async verwijderBezorgadres(@Ctx() ctx: HubContext, @Args(() => AgbArgs) a: AgbArgs) {
    return bezorgadresService.verwijder(await ctx.em(), ctx.principal, a.agb);
  }
}

@Resolver(() => AanbiederEntity)
export class AanbiederBezorgadresResolver {
  @FieldResolver(() => BezorgadresEntity, { nullable: true, description: 'Where outbound messages are pushed, if the provider has an endpoint (never its secret).' })
  async bezorgadres(@Root() a: AanbiederEntity, @Ctx() ctx: HubContext) {
    return bezorgadresService.lees(await ctx.em(), a.agb);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Endpoint where outbound iJw messages are pushed.', deprecationReason: 'Use bezorgadres { url }.' })
  async bezorgUrl(@Root() a: AanbiederEntity, @Ctx() ctx: HubContext) {
    return (await bezorgadresService.lees(await ctx.em(), a.agb))?.url ?? null;
  }
}
