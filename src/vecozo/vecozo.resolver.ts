import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { VecozoAanbiederEntity } from './vecozo-aanbieder.entity';
import { VecozoBerichtEntity } from './vecozo-bericht.entity';
import { VecozoBerichtFilter, VecozoBerichtInput } from './vecozo.inputs';
import { vecozoService } from './vecozo.service';
import { isBevroren } from '../messaging/verzendstop/verzendstop';

export const VecozoBerichtConnection = ConnectionType(VecozoBerichtEntity, 'VecozoBericht');

@ObjectType({ description: 'A melding with a VECOZO berichtstatus (components.schemas.Melding).' })
export class VecozoMelding {
  @Field({ description: 'code.' })
  code!: string;

  @Field({ description: 'omschrijving.' })
  omschrijving!: string;

  @Field({ nullable: true, description: 'toelichting.' })
  toelichting?: string;
}

@ObjectType({ description: 'One field VECOZO refused a push for (ValidationProblemDetails.errors).' })
export class VecozoVeldfout {
  @Field({ description: 'The field, as VECOZO names it.' })
  veld!: string;

  @Field(() => [String], { description: 'What is wrong with it.' })
  meldingen!: string[];
}

@ObjectType({ description: 'Why VECOZO refused a push (400/422, ValidationProblemDetails): not sent again.' })
export class VecozoProbleem {
  @Field(() => Int, { nullable: true, description: 'status.' })
  status?: number;

  @Field({ nullable: true, description: 'title.' })
  titel?: string;

  @Field({ nullable: true, description: 'detail.' })
  detail?: string;

  @Field(() => [VecozoVeldfout], { description: 'errors, per field.' })
  fouten!: VecozoVeldfout[];
}

/**
 * Who reads portal messages: the provider its own, the administrator all (an administrator of
 * one region those to its municipalities). Not region staff: it is the provider's correspondence.
 */
const LEZERS = ['aanbieder', 'beheerder'];

@Resolver(() => VecozoBerichtEntity)
export class VecozoResolver {
  @Authorized(LEZERS)
  @Query(() => VecozoBerichtConnection, { description: 'Messages of portal providers through VECOZO (pushed and pulled), oldest first, paged, with their VECOZO status: a provider its own.' })
  async vecozoBerichten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => VecozoBerichtFilter, { nullable: true }) filter?: VecozoBerichtFilter) {
    return vecozoService.lijst(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(['aanbieder'])
  @Mutation(() => VecozoBerichtEntity, {
    description: 'A portal provider writes a message (JW305, JW307, JW315, JW317, JW323) to send through VECOZO: composed or uploaded, validated against the iJw XSD, stored with its traceerId and pushed by the worker.',
  })
  async stelVecozoBerichtOp(@Ctx() ctx: HubContext, @Arg('input', () => VecozoBerichtInput) input: VecozoBerichtInput) {
    return vecozoService.stelOp(await ctx.em(), ctx.principal, ctx.sleutels, ctx.verwerking?.xsd, input);
  }

  @Authorized(['aanbieder', 'regio', 'beheerder'])
  @Mutation(() => VecozoAanbiederEntity, { description: 'Switches a provider’s VECOZO portal on or off (the provider itself, or a region that contracted or registered it).' })
  async zetVecozoPortaal(@Ctx() ctx: HubContext, @Arg('aanbiederAgb') aanbiederAgb: string, @Arg('aan') aan: boolean) {
    return vecozoService.zetPortaal(await ctx.em(), ctx.principal, aanbiederAgb, aan);
  }

  @FieldResolver(() => Boolean, { description: 'Later te versturen: still to push, and a freeze window holds VECOZO now; it is pushed after the window, in its original order.' })
  async laterTeVersturen(@Root() b: VecozoBerichtEntity, @Ctx() ctx: HubContext): Promise<boolean> {
    return b.richting === 'uit' && b.status === 'te_versturen' && isBevroren(await ctx.em(), 'vecozo', b.regioCode);
  }

  @FieldResolver(() => VecozoProbleem, { nullable: true, description: 'Of a refused push: VECOZO’s ValidationProblemDetails.' })
  probleem(@Root() b: VecozoBerichtEntity): VecozoProbleem | null {
    const p = b.probleem;
    if (!p) return null;
    const errors = (p.errors ?? {}) as Record<string, string[]>;
    return {
      status: typeof p.status === 'number' ? p.status : undefined,
      titel: typeof p.title === 'string' ? p.title : undefined,
      detail: typeof p.detail === 'string' ? p.detail : undefined,
      fouten: Object.entries(errors).map(([veld, meldingen]) => ({ veld, meldingen: Array.isArray(meldingen) ? meldingen.map(String) : [] })),
    };
  }

  @FieldResolver(() => [VecozoMelding], { description: 'The meldingen with the VECOZO status (empty when none).' })
  meldingen(@Root() b: VecozoBerichtEntity): VecozoMelding[] {
    return b.meldingen ?? [];
  }

  @FieldResolver(() => String, { description: 'The message XML (client data: reading it is audited).' })
  async xml(@Ctx() ctx: HubContext, @Root() b: VecozoBerichtEntity): Promise<string> {
    return vecozoService.xml(await ctx.em(), ctx.principal, ctx.sleutels, b.id);
  }
}
