import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { berichtStatus } from '../status';
import type { EntityManager } from 'typeorm';
import { audit } from '../../auth/audit.service';
import type { Principal } from '../../auth/principal';
import { HubError, HubErrorCode } from '../../common/hub-error';
import { scopeClientData } from '../../auth/scope';
import type { HubContext } from '../../graphql/context';
import { ConnectionType, PageArgs, paginate } from '../../graphql/pagination';
import { BerichtEntity } from '../bericht.entity';
import { betekenisVan } from '../ijw/retourcodes';
import { grenzen, verlopenBericht } from '../termijnen';
import { BerichtFilter, BerichtFoutType, RetourCodeType } from './bericht.types';

export const BerichtConnection = ConnectionType(BerichtEntity, 'Bericht');

/**
 * The messages the caller may see: its party's (scopeClientData), and for a provider only what it
 * sent or what was released to it (row-level security enforces the same).
 */
function zichtbaar(em: EntityManager, p: Principal) {
  const qb = scopeClientData(em.createQueryBuilder(BerichtEntity, 'b'), p);
  return p.rol === 'aanbieder' ? qb.andWhere('b.aanbieder_ziet') : qb;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const berichtService = {
  async berichten(em: EntityManager, p: Principal, filter: BerichtFilter | undefined, page: PageArgs) {
    const qb = zichtbaar(em, p);
    if (filter?.type) qb.andWhere('b.type = :type', { type: filter.type });
    if (filter?.richting) qb.andWhere('b.richting = :richting', { richting: filter.richting });
    if (filter?.status) qb.andWhere('b.status = :status', { status: filter.status });
    if (filter?.partij) qb.andWhere('(b.aanbieder_agb = :partij OR b.gemeente_code = :partij)', { partij: filter.partij });
    if (filter?.vanaf) qb.andWhere('b.ontvangen_op >= :vanaf', { vanaf: filter.vanaf });
    if (filter?.tot) qb.andWhere('b.ontvangen_op < :tot', { tot: filter.tot });
    if (filter?.retourcode) qb.andWhere(':code = ANY (b.retourcodes)', { code: filter.retourcode });
    if (filter?.verlopen) {
      const g = grenzen();
      qb.andWhere(verlopenBericht('b'), { retourGrens: g.retour, declaratieGrens: g.declaratie });
    }
    return paginate(qb, page, 'ontvangen_op', (b) => b.ontvangenOp.toISOString());
  },

  /**
   * Redrives a dead letter: a delivery that failed its last attempt is delivered again from the
   * start; a received message whose processing kept failing (`vastgelopen`) waits to be processed again.
   */
  async herbezorg(em: EntityManager, p: Principal, id: string): Promise<BerichtEntity> {
    const r = UUID.test(id) ? await berichtStatus.herstart(em, id) : undefined;
    if (!r) throw new HubError(HubErrorCode.NOT_FOUND, 'Geen mislukte bezorging of vastgelopen bericht met dit id', { veld: 'id' });
    await audit(em, p, 'bericht.herbezorgd', 'bericht', id, {}, r.regio_code);
    return em.findOneByOrFail(BerichtEntity, { id });
  },

  async bericht(em: EntityManager, p: Principal, id: string): Promise<BerichtEntity | null> {
    if (!UUID.test(id)) return null;
    return zichtbaar(em, p).andWhere('b.id = :id', { id }).getOne();
  },
};

@Resolver(() => BerichtEntity)
export class BerichtResolver {
  @Authorized()
  @Query(() => BerichtConnection, { description: 'iJw messages the caller is a party to (or, for region staff, of the region), oldest first.' })
  async berichten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => BerichtFilter, { nullable: true }) filter?: BerichtFilter) {
    return berichtService.berichten(await ctx.em(), ctx.principal, filter, page);
  }

  @Authorized()
  @Query(() => BerichtEntity, { nullable: true, description: 'One message, if the caller may see it.' })
  async bericht(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return berichtService.bericht(await ctx.em(), ctx.principal, id);
  }

  @Authorized(['beheerder'])
  @Mutation(() => BerichtEntity, { description: 'Redrive a dead letter: a delivery that failed its last attempt, or a received message whose processing kept failing (vastgelopen).' })
  async herbezorg(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return berichtService.herbezorg(await ctx.em(), ctx.principal, id);
  }

  @FieldResolver(() => [RetourCodeType], { description: 'Retour codes given to this message (or, for a retour, carried by it), with their meaning.' })
  retourcodes(@Root() b: BerichtEntity): RetourCodeType[] {
    return b.retourcodes.map((code) => ({ code, betekenis: betekenisVan(code) }));
  }

  @FieldResolver(() => [BerichtFoutType], { nullable: true, description: 'For a message that failed the XSD: what is wrong (it got no retour).' })
  fouten(@Root() b: BerichtEntity): BerichtFoutType[] | null {
    return b.fouten;
  }

  @FieldResolver(() => BerichtEntity, { nullable: true, description: 'The retour the hub wrote for this message.' })
  retour(@Root() b: BerichtEntity, @Ctx() ctx: HubContext) {
    return b.retourId ? ctx.loaders.bericht.load(b.retourId) : null;
  }

  @FieldResolver(() => BerichtEntity, { nullable: true, description: 'For a retour: the message it answers.' })
  heen(@Root() b: BerichtEntity, @Ctx() ctx: HubContext) {
    return b.heenId ? ctx.loaders.bericht.load(b.heenId) : null;
  }
}
