import { IsOptional, IsUrl, Length, MaxLength } from 'class-validator';
import { Args, ArgsType, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { RegioBezorgadresEntity } from './regio-bezorgadres.entity';
import { regioBezorgadresService } from './regio-bezorgadres.service';

const BEHEER = ['regio', 'beheerder'];

@ArgsType()
class RegioArgs {
  @Field({ nullable: true, description: 'The region (an administrator names it; a contract manager acts for its own).' })
  @IsOptional()
  @Length(1, 20)
  regioCode?: string;
}

@ArgsType()
class RegistreerRegioBezorgadresArgs extends RegioArgs {
  @Field({ description: 'The endpoint URL what is for the region (budget alerts) is POSTed to.' })
  @MaxLength(500)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url!: string;
}

@ObjectType({ description: 'A region\'s endpoint with, only in the answer that issued it, its signing secret.' })
class RegioBezorgadresUitgifte {
  @Field(() => RegioBezorgadresEntity)
  bezorgadres!: RegioBezorgadresEntity;

  @Field(() => String, { nullable: true, description: 'The new signing secret (HMAC-SHA256 key). Shown once; empty when none was issued.' })
  ondertekeningsgeheim!: string | null;
}

@Resolver(() => RegioBezorgadresEntity)
export class RegioBezorgadresResolver {
  @Authorized(BEHEER)
  @Mutation(() => RegioBezorgadresUitgifte, { description: 'Register or move the region\'s delivery endpoint (its contract manager\'s: budget alerts); a first registration returns the signing secret once.' })
  async registreerRegioBezorgadres(@Ctx() ctx: HubContext, @Args(() => RegistreerRegioBezorgadresArgs) a: RegistreerRegioBezorgadresArgs) {
    return regioBezorgadresService.registreer(await ctx.em(), ctx.principal, ctx.sleutels, a.regioCode, a.url);
  }

  @Authorized(BEHEER)
  @Mutation(() => RegioBezorgadresUitgifte, { description: 'Issue a new signing secret for the region\'s endpoint, returned once; the previous one still signs during the overlap.' })
  async roteerRegioOndertekeningsgeheim(@Ctx() ctx: HubContext, @Args(() => RegioArgs) a: RegioArgs) {
    return regioBezorgadresService.roteer(await ctx.em(), ctx.principal, ctx.sleutels, a.regioCode);
  }

  @Authorized(BEHEER)
  @Mutation(() => Boolean, { description: 'Remove the region\'s delivery endpoint: budget alerts are then only in budgetstanden.' })
  async verwijderRegioBezorgadres(@Ctx() ctx: HubContext, @Args(() => RegioArgs) a: RegioArgs) {
    return regioBezorgadresService.verwijder(await ctx.em(), ctx.principal, a.regioCode);
  }
}
