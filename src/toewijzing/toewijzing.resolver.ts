import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../auth/audit.service';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs } from '../graphql/pagination';
import { ClientType, ToewijzenInput, ToewijzingFilter, ToewijzingResultaat, WijzigToewijzingInput } from './toewijzing.inputs';
import { ToewijzingEntity } from './toewijzing.entity';
import { leesClient, toewijzingService } from './toewijzing.service';

export const ToewijzingConnection = ConnectionType(ToewijzingEntity, 'Toewijzing');

/** Who allocates: the municipality's access team or back office (for its own CBS codes). */
const TOEWIJZERS = ['toegang', 'gemeente', 'beheerder'];

@Resolver(() => ToewijzingEntity)
export class ToewijzingResolver {
  @Authorized()
  @Query(() => ToewijzingConnection, { description: 'Toewijzingen the caller may see (a provider its own; a municipality its residents\'), by number, paged.' })
  async toewijzingen(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ToewijzingFilter, { nullable: true }) filter?: ToewijzingFilter) {
    return toewijzingService.toewijzingen(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized(TOEWIJZERS)
  @Mutation(() => ToewijzingResultaat, { description: 'Allocate products (or an arrangement) to a client at a provider; sends a JW301.' })
  async toewijzen(@Ctx() ctx: HubContext, @Arg('input', () => ToewijzenInput) input: ToewijzenInput) {
    return toewijzingService.toewijzen(await ctx.em(), ctx.principal, ctx.sleutels, input);
  }

  @Authorized(TOEWIJZERS)
  @Mutation(() => ToewijzingResultaat, { description: 'Change a toewijzing keeping its number (Einddatum, Budget, Volume of a total), with a reason; sends a JW301.' })
  async wijzigToewijzing(@Ctx() ctx: HubContext, @Arg('input', () => WijzigToewijzingInput) input: WijzigToewijzingInput) {
    return toewijzingService.wijzig(await ctx.em(), ctx.principal, ctx.sleutels, input);
  }

  @Authorized(TOEWIJZERS)
  @Mutation(() => ToewijzingResultaat, { description: 'Delete a toewijzing (Einddatum = Ingangsdatum, reden 13); sends a JW301.' })
  async verwijderToewijzing(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return toewijzingService.verwijder(await ctx.em(), ctx.principal, ctx.sleutels, id);
  }

  @FieldResolver(() => ClientType, { nullable: true, description: 'The client. Client data: every read is audited.' })
  async client(@Root() t: ToewijzingEntity, @Ctx() ctx: HubContext): Promise<ClientType | null> {
    const em = await ctx.em();
    const rows = await em.query<{ id: string; gemeente_code: string; regio_code: string; bsn_hash: string; gegevens_versleuteld: Buffer }[]>(
      `SELECT id, gemeente_code, regio_code, bsn_hash, gegevens_versleuteld FROM client WHERE id = $1`,
      [t.clientId],
    );
    if (!rows[0]) return null;
    await audit(em, ctx.principal, 'client.gelezen', 'client', rows[0].id, { via: 'toewijzing', toewijzing: t.id }, rows[0].regio_code, rows[0].bsn_hash);
    const g = leesClient(rows[0].gegevens_versleuteld, ctx.sleutels);
    return { id: rows[0].id, bsn: g.bsn, geboortedatum: g.geboortedatum, geslacht: g.geslacht, achternaam: g.achternaam, gemeenteCode: rows[0].gemeente_code };
  }
}
