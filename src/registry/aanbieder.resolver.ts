import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { AanbiederContactEntity } from './aanbieder-contact.entity';
import { AanbiederEntity } from './aanbieder.entity';
import { RegistreerAanbiederInput, WijzigAanbiederContactenInput } from './aanbieder.inputs';
import { aanbiederService } from './aanbieder.service';
import { BezorgadresEntity } from './bezorgadres.entity';

@ObjectType({ description: 'A registered provider and, only in this answer, the signing secret of the endpoint registered with it.' })
class AanbiederRegistratie {
  @Field(() => AanbiederEntity, { description: 'The new provider.' })
  aanbieder!: AanbiederEntity;

  @Field(() => BezorgadresEntity, { nullable: true, description: 'Its delivery endpoint, when one was given.' })
  bezorgadres!: BezorgadresEntity | null;

  @Field(() => String, {
    nullable: true,
    description: 'The endpoint\'s signing secret (HMAC-SHA256 key, as this string). Shown once: store it now; the hub never shows it again. Empty without an endpoint.',
  })
  ondertekeningsgeheim!: string | null;
}

@Resolver(() => AanbiederEntity)
export class AanbiederOnboardingResolver {
  @Authorized(['regio', 'beheerder'])
  @Mutation(() => AanbiederRegistratie, {
    description: 'Register a new provider (onboarding): AGB, name, contacts and, for the hub-wide administrator, its delivery endpoint. A known AGB is refused (PROVIDER_EXISTS).',
  })
  async registreerAanbieder(@Ctx() ctx: HubContext, @Arg('input', () => RegistreerAanbiederInput) input: RegistreerAanbiederInput) {
    return aanbiederService.registreer(await ctx.em(), ctx.principal, ctx.sleutels, input);
  }

  @Authorized(['aanbieder', 'regio', 'beheerder'])
  @Mutation(() => AanbiederEntity, {
    description: 'Replace a provider\'s contact persons: the provider for itself, or the region that contracted or registered it, or an administrator.',
  })
  async wijzigAanbiederContacten(@Ctx() ctx: HubContext, @Arg('input', () => WijzigAanbiederContactenInput) input: WijzigAanbiederContactenInput) {
    return aanbiederService.wijzigContacten(await ctx.em(), ctx.principal, input);
  }

  @FieldResolver(() => [AanbiederContactEntity], { description: 'Contact persons of the provider, in its order.' })
  contacten(@Root() a: AanbiederEntity, @Ctx() ctx: HubContext) {
    return ctx.loaders.contactenVanAanbieder.load(a.agb);
  }
}
