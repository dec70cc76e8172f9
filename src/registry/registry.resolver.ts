import { IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, InputType, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import type { Principal } from '../auth/principal';
import { Params } from '../auth/scope';
import { opVolgorde, uuids } from '../graphql/node';
import { columnsOf } from '../db/rows';
import { ConnectionType, PageArgs, pageOf } from '../graphql/pagination';
import { AanbiederEntity } from './aanbieder.entity';
import { GemeenteEntity } from './gemeente.entity';
import { RegioEntity } from './regio.entity';
import type { AanbiederRij, GemeenteRij, RegioRij } from './registry.types';

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

/** Regions by id: the registry is not tenant data, every caller reads it (regios). node(id). */
export async function regiosPerId(ctx: HubContext, keys: readonly string[]) {
  const ids = uuids(keys);
  if (!ids.length) return [];
  return opVolgorde(keys, await ctx.reader.rows<RegioRij>(`SELECT ${columnsOf(ctx.reader.dataSource, RegioEntity, 'r')} FROM regio r WHERE r.id = ANY ($1::uuid[])`, [ids]));
}

/** Municipality versions by id: public like gemeenten (any region may be asked for there). node(id). */
export async function gemeentenPerId(ctx: HubContext, keys: readonly string[]) {
  const ids = uuids(keys);
  if (!ids.length) return [];
  return opVolgorde(keys, await ctx.reader.rows<GemeenteRij>(`SELECT ${columnsOf(ctx.reader.dataSource, GemeenteEntity, 'g')} FROM gemeente g WHERE g.id = ANY ($1::uuid[])`, [ids]));
}

/** Providers by id with the list's scope (a provider only itself). node(id). */
export async function aanbiedersPerId(ctx: HubContext, keys: readonly string[]) {
  const ids = uuids(keys);
  if (!ids.length) return [];
  const P = new Params();
  const where = [...aanbiederScope(ctx.principal, P), `a.id = ANY (${P.add(ids)}::uuid[])`];
  return opVolgorde(keys, await ctx.reader.rows<AanbiederRij>(`SELECT ${columnsOf(ctx.reader.dataSource, AanbiederEntity, 'a')} FROM aanbieder a WHERE ${where.join(' AND ')}`, P.values));
}

/** The providers a caller may see (alias a): a provider only itself. */
function aanbiederScope(p: Principal, P: Params): string[] {
  return p.rol === 'aanbieder' ? [`a.agb = ${P.add(p.agb)}`] : [];
}

@Resolver(() => RegioEntity)
export class RegioResolver {
  @Authorized()
  @Query(() => [RegioEntity], { description: 'The regions (tenants).' })
  async regios(@Ctx() ctx: HubContext): Promise<RegioRij[]> {
    return ctx.reader.rows<RegioRij>(`SELECT ${columnsOf(ctx.reader.dataSource, RegioEntity, 'r')} FROM regio r ORDER BY r.code`);
  }

  @FieldResolver(() => [GemeenteEntity], { description: 'Municipalities of the region, all versions.' })
  gemeenten(@Root() r: RegioRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.gemeentenVanRegio.load(r.code);
  }
}

@Resolver(() => GemeenteEntity)
export class GemeenteResolver {
  @Authorized()
  @Query(() => GemeenteConnection, { description: 'Municipalities (CBS codes), filtered and paged.' })
  async gemeenten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => GemeenteFilter, { nullable: true }) filter?: GemeenteFilter) {
    const P = new Params();
    const where: string[] = [];
    const regio = filter?.regioCode ?? ctx.principal.regio;
    if (regio) where.push(`g.regio_code = ${P.add(regio)}`);
    if (filter?.peildatum) {
      const d = P.add(filter.peildatum);
      where.push(`g.geldig_vanaf <= ${d}::date AND (g.geldig_tot IS NULL OR g.geldig_tot >= ${d}::date)`);
    }
    const columns = columnsOf(ctx.reader.dataSource, GemeenteEntity, 'g');
    return pageOf<GemeenteRij>(ctx.reader, { columns, from: 'gemeente g', alias: 'g', where, params: P, sortColumn: 'code', sortKey: (g) => g.code }, page);
  }
}

@Resolver(() => AanbiederEntity)
export class AanbiederResolver {
  @Authorized()
  @Query(() => AanbiederConnection, { description: 'Providers; a provider sees only itself.' })
  async aanbieders(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => AanbiederFilter, { nullable: true }) filter?: AanbiederFilter) {
    const P = new Params();
    const where = aanbiederScope(ctx.principal, P);
    if (filter?.naam) where.push(`a.naam ILIKE ${P.add(`%${filter.naam.replace(/[%_\\]/g, '')}%`)}`);
    const columns = columnsOf(ctx.reader.dataSource, AanbiederEntity, 'a');
    return pageOf<AanbiederRij>(ctx.reader, { columns, from: 'aanbieder a', alias: 'a', where, params: P, sortColumn: 'agb', sortKey: (a) => a.agb }, page);
  }
}
