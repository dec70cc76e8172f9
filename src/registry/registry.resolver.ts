import { IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs, paginate } from '../graphql/pagination';
import { AanbiederEntity } from './aanbieder.entity';
import { GemeenteEntity } from './gemeente.entity';
import { RegioEntity } from './regio.entity';

export const GemeenteConnection = ConnectionType(GemeenteEntity, 'Gemeente');
export const AanbiederConnection = ConnectionType(AanbiederEntity, 'Aanbieder');

@InputType({ description: 'Filter for municipalities.' })
export class GemeenteFilter {
  @Field({ nullable: true, description: 'Only municipalities of this region.' })
  @IsOptional()
  @IsString()
  regioCode?: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Only codes valid on this date.' })
  @IsOptional()
  peildatum?: string;
}

@InputType({ description: 'Filter for providers.' })
export class AanbiederFilter {
  @Field({ nullable: true, description: 'Name contains this (case-insensitive).' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  naam?: string;
}

@Resolver(() => RegioEntity)
export class RegioResolver {
  @Authorized()
  @Query(() => [RegioEntity], { description: 'The regions (tenants).' })
  async regios(@Ctx() ctx: HubContext) {
    const em = await ctx.em();
    return em.createQueryBuilder(RegioEntity, 'r').orderBy('r.code').getMany();
  }

  @FieldResolver(() => [GemeenteEntity], { description: 'Municipalities of the region, all versions.' })
  async gemeenten(@Root() r: RegioEntity, @Ctx() ctx: HubContext) {
    const em = await ctx.em();
    return em.createQueryBuilder(GemeenteEntity, 'g').where('g.regio_code = :r', { r: r.code }).orderBy('g.naam').getMany();
  }
}

@Resolver(() => GemeenteEntity)
export class GemeenteResolver {
  @Authorized()
  @Query(() => GemeenteConnection, { description: 'Municipalities (CBS codes), filtered and paged.' })
  async gemeenten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => GemeenteFilter, { nullable: true }) filter?: GemeenteFilter) {
    const em = await ctx.em();
    const qb = em.createQueryBuilder(GemeenteEntity, 'g');
    const regio = filter?.regioCode ?? ctx.principal.regio;
    if (regio) qb.andWhere('g.regio_code = :r', { r: regio });
    if (filter?.peildatum) qb.andWhere('g.geldig_vanaf <= :d AND (g.geldig_tot IS NULL OR g.geldig_tot >= :d)', { d: filter.peildatum });
    return paginate(qb, page, 'code', (g) => g.code);
  }
}

@Resolver(() => AanbiederEntity)
export class AanbiederResolver {
  @Authorized()
  @Query(() => AanbiederConnection, { description: 'Providers; a provider sees only itself.' })
  async aanbieders(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AanbiederFilter, { nullable: true }) filter?: AanbiederFilter) {
    const em = await ctx.em();
    const qb = em.createQueryBuilder(AanbiederEntity, 'a');
    if (ctx.principal.rol === 'aanbieder') qb.andWhere('a.agb = :agb', { agb: ctx.principal.agb });
    if (filter?.naam) qb.andWhere('a.naam ILIKE :naam', { naam: `%${filter.naam.replace(/[%_\\]/g, '')}%` });
    return paginate(qb, page, 'agb', (a) => a.agb);
  }
}
