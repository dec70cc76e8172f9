import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../auth/audit.service';
import type { Principal } from '../../auth/principal';
import { HubError, HubErrorCode } from '../../common/hub-error';
import type { HubContext } from '../../graphql/context';
import { BerichtEntity } from '../bericht.entity';
import { NAAR_AANBIEDER } from '../ijw/soorten';
import { bevrorenSql, moment } from './verzendstop';
import { VerzendstopEntity, type VerzendstopKanaal } from './verzendstop.entity';

export const VerzendstopKanaalEnum = { ggk: 'ggk', vecozo: 'vecozo', alle: 'alle' } as const satisfies Record<VerzendstopKanaal, VerzendstopKanaal>;
registerEnumType(VerzendstopKanaalEnum, { name: 'VerzendstopKanaal', description: 'What a freeze window stops: the GGk (chain delivery), the VECOZO portal’s push, or both (alle).' });

@InputType({ description: 'A freeze window to declare.' })
export class VerzendstopInput {
  @Field(() => Date, { description: 'From this moment nothing is sent through the channel(s).' })
  van!: Date;

  @Field(() => Date, { description: 'Until this moment (exclusive); after it the waiting messages leave, in their original order.' })
  tot!: Date;

  @Field(() => VerzendstopKanaalEnum, { description: 'ggk, vecozo or alle.' })
  kanaal!: VerzendstopKanaal;

  @Field({ description: 'Why: a release change of iJw, a chain maintenance window.' })
  reden!: string;

  @Field(() => String, { nullable: true, description: 'Hold only this region’s messages (a regional administrator: always its own region); absent: every region.' })
  regioCode?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const verzendstopService = {
  /** The windows a caller sees: every hub-wide one and its region's (an administrator over all regions: all), the latest first. */
  async lijst(em: EntityManager, p: Principal, actueel: boolean): Promise<VerzendstopEntity[]> {
    const qb = em.createQueryBuilder(VerzendstopEntity, 'v').orderBy('v.van', 'DESC').addOrderBy('v.id', 'DESC');
    if (p.regio) qb.andWhere('(v.regio_code IS NULL OR v.regio_code = :regio)', { regio: p.regio });
    if (actueel) qb.andWhere('v.ingetrokken_op IS NULL AND v.tot > :nu', { nu: moment() });
    return qb.getMany();
  },

  async kondigAan(em: EntityManager, p: Principal, i: VerzendstopInput): Promise<VerzendstopEntity> {
    const regio = p.regio ?? i.regioCode ?? null;
    if (p.regio && i.regioCode && i.regioCode !== p.regio) throw new HubError(HubErrorCode.FORBIDDEN, 'Een regiobeheerder kondigt alleen een verzendstop voor de eigen regio aan', { veld: 'regioCode' });
    if (!(i.tot.getTime() > i.van.getTime())) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Het einde van de verzendstop ligt niet na het begin', { veld: 'tot' });
    if (i.tot.getTime() <= moment().getTime()) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'De verzendstop is al voorbij', { veld: 'tot' });
    const reden = i.reden.trim();
    if (!reden || reden.length > 500) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Geef een reden (ten hoogste 500 tekens)', { veld: 'reden' });
    if (regio && !(await em.query<unknown[]>(`SELECT 1 FROM regio WHERE code = $1`, [regio])).length) {
      throw new HubError(HubErrorCode.NOT_FOUND, 'Onbekende regio', { veld: 'regioCode' });
    }
    const v = await em.save(em.create(VerzendstopEntity, { van: i.van, tot: i.tot, kanaal: i.kanaal, reden, regioCode: regio, aangekondigdDoor: p.sub }));
    await audit(em, p, 'verzendstop.aangekondigd', 'verzendstop', v.id, { van: i.van.toISOString(), tot: i.tot.toISOString(), kanaal: i.kanaal, reden }, regio);
    return v;
  },

  async trekIn(em: EntityManager, p: Principal, id: string): Promise<VerzendstopEntity> {
    const v = UUID.test(id) ? await em.findOneBy(VerzendstopEntity, { id }) : null;
    // A regional administrator's windows are its region's; a hub-wide one is not its to withdraw.
    if (!v || (p.regio && v.regioCode !== p.regio)) throw new HubError(HubErrorCode.NOT_FOUND, 'Geen verzendstop met dit id', { veld: 'id' });
    if (v.ingetrokkenOp) throw new HubError(HubErrorCode.CONFLICT, 'Deze verzendstop is al ingetrokken', { veld: 'id' });
    const r = await em.query<{ ingetrokken_op: Date }[]>(
      `WITH u AS (UPDATE verzendstop SET ingetrokken_op = now(), ingetrokken_door = $2 WHERE id = $1 AND ingetrokken_op IS NULL RETURNING ingetrokken_op) SELECT ingetrokken_op FROM u`,
      [id, p.sub],
    );
    if (!r.length) throw new HubError(HubErrorCode.CONFLICT, 'Deze verzendstop is al ingetrokken', { veld: 'id' });
    await audit(em, p, 'verzendstop.ingetrokken', 'verzendstop', id, { kanaal: v.kanaal }, v.regioCode);
    return { ...v, ingetrokkenOp: r[0].ingetrokken_op, ingetrokkenDoor: p.sub };
  },

  /** The same, by the message's id (the REST read of one message; in the caller's context). */
  async berichtWachtId(em: EntityManager, id: string): Promise<boolean> {
    const r = await em.query<{ b: boolean }[]>(
      `SELECT b.status = 'klaar' AND b.type = ANY($2::text[]) AND ${bevrorenSql('k.kanaal', 'b.regio_code', '$3::timestamptz')} AS b
         FROM bericht b JOIN keten_route k ON k.aanbieder_agb = b.aanbieder_agb WHERE b.id = $1`,
      [id, [...NAAR_AANBIEDER], moment()],
    );
    return r[0]?.b === true;
  },

  /** Whether an outgoing message waits for a freeze window now: still to deliver, to a provider reached through a frozen chain channel. */
  async berichtWacht(em: EntityManager, b: BerichtEntity): Promise<boolean> {
    if (b.status !== 'klaar' || !(NAAR_AANBIEDER as ReadonlySet<string>).has(b.type)) return false;
    const r = await em.query<{ b: boolean }[]>(
      `SELECT ${bevrorenSql('k.kanaal', '$2::text', '$3::timestamptz')} AS b FROM keten_route k WHERE k.aanbieder_agb = $1`,
      [b.aanbiederAgb, b.regioCode, moment()],
    );
    return r[0]?.b === true;
  },
};

@Resolver(() => VerzendstopEntity)
export class VerzendstopResolver {
  @Authorized(['beheerder'])
  @Query(() => [VerzendstopEntity], { description: 'Freeze windows (verzendstops), the latest first: an administrator of one region the hub-wide ones and its region’s. `actueel`: only those not withdrawn and not over.' })
  async verzendstops(@Ctx() ctx: HubContext, @Arg('actueel', () => Boolean, { defaultValue: false }) actueel: boolean) {
    return verzendstopService.lijst(await ctx.em(), ctx.principal, actueel);
  }

  @Authorized(['beheerder'])
  @Mutation(() => VerzendstopEntity, { description: 'Declare a freeze window: from `van` until `tot` nothing is sent through the channel(s); messages wait (later te versturen) and leave afterwards in their original order. Audited.' })
  async kondigVerzendstopAan(@Ctx() ctx: HubContext, @Arg('input', () => VerzendstopInput) input: VerzendstopInput) {
    return verzendstopService.kondigAan(await ctx.em(), ctx.principal, input);
  }

  @Authorized(['beheerder'])
  @Mutation(() => VerzendstopEntity, { description: 'Withdraw a freeze window (also one under way: what waited leaves now, in order). Audited.' })
  async trekVerzendstopIn(@Ctx() ctx: HubContext, @Arg('id', () => ID) id: string) {
    return verzendstopService.trekIn(await ctx.em(), ctx.principal, id);
  }
}

@Resolver(() => BerichtEntity)
export class BerichtVerzendstopResolver {
  @FieldResolver(() => Boolean, { description: 'Later te versturen: a freeze window holds its chain channel now; it leaves after the window, in its original order.' })
  async laterTeVersturen(@Root() b: BerichtEntity, @Ctx() ctx: HubContext): Promise<boolean> {
    return verzendstopService.berichtWacht(await ctx.em(), b);
  }
}
