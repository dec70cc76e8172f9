import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Principal } from '../auth/principal';
import { opVolgorde, uuids } from '../graphql/node';
import type { HubContext } from '../graphql/context';
import { Params } from '../auth/scope';
import { columnsOf } from '../db/rows';
import { ConnectionType, PageArgs, pageOf } from '../graphql/pagination';
import { ArrangementInput, ProductFilter, ProductInput } from '../contracting/contracting.inputs';
import { contractingService } from '../contracting/contracting.service';
import { ArrangementEntity } from './arrangement.entity';
import type { ArrangementOnderdeelRij, ArrangementRij, ProductRij } from './catalogue.types';
import { ArrangementOnderdeelType, ArrangementType } from './arrangement.types';
import { ProductEntity } from './product.entity';

export const ProductConnection = ConnectionType(ProductEntity, 'Product');
export const ArrangementConnection = ConnectionType(ArrangementType, 'Arrangement');

/** The products a caller may see (alias p): a provider those it is contracted for, region staff their region's. */
function productScope(p: Principal, P: Params): string[] {
  if (p.rol === 'aanbieder') return [`EXISTS (SELECT 1 FROM contract_product cp WHERE cp.product_id = p.id AND cp.aanbieder_agb = ${P.add(p.agb)})`];
  return p.regio ? [`p.regio_code = ${P.add(p.regio)}`] : [];
}

/** The arrangements a caller may see (alias a): its region's. */
function arrangementScope(p: Principal, P: Params): string[] {
  return p.regio ? [`a.regio_code = ${P.add(p.regio)}`] : [];
}

/** Products by id with the list's scope: node(id). */
export async function productenPerId(ctx: HubContext, keys: readonly string[]) {
  const ids = uuids(keys);
  if (!ids.length) return [];
  const P = new Params();
  const where = [...productScope(ctx.principal, P), `p.id = ANY (${P.add(ids)}::uuid[])`];
  return opVolgorde(keys, await ctx.reader.rows<ProductRij>(`SELECT ${columnsOf(ctx.reader.dataSource, ProductEntity, 'p')} FROM product p WHERE ${where.join(' AND ')}`, P.values));
}

/**
 * Arrangements by id with the list's scope: node(id). The list's role guard too (a provider
 * may not read arrangements): null for a role the list refuses.
 */
export async function arrangementenPerId(ctx: HubContext, keys: readonly string[]) {
  const ids = uuids(keys);
  if (!ids.length || !ARRANGEMENT_LEZERS.includes(ctx.principal.rol)) return [];
  const P = new Params();
  const where = [...arrangementScope(ctx.principal, P), `a.id = ANY (${P.add(ids)}::uuid[])`];
  return opVolgorde(keys, await ctx.reader.rows<ArrangementRij>(`SELECT ${columnsOf(ctx.reader.dataSource, ArrangementEntity, 'a')} FROM arrangement a WHERE ${where.join(' AND ')}`, P.values));
}

const ARRANGEMENT_LEZERS: string[] = ['regio', 'toegang', 'gemeente', 'auditor', 'beheerder'];

@Resolver(() => ProductEntity)
export class ProductResolver {
  @Authorized()
  @Query(() => ProductConnection, { description: 'The product book: a provider sees only the products it is contracted for.' })
  async producten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ProductFilter, { nullable: true }) filter?: ProductFilter) {
    const P = new Params();
    const where = productScope(ctx.principal, P);
    if (filter?.categorie) where.push(`p.categorie = ${P.add(filter.categorie)}`);
    if (filter?.codeBegintMet) where.push(`p.code LIKE ${P.add(`${filter.codeBegintMet.replace(/[%_\\]/g, '')}%`)}`);
    if (filter?.uitvoeringsvariant) where.push(`p.uitvoeringsvariant = ${P.add(filter.uitvoeringsvariant)}`);
    const columns = columnsOf(ctx.reader.dataSource, ProductEntity, 'p');
    return pageOf<ProductRij>(ctx.reader, { columns, from: 'product p', alias: 'p', where, params: P, sortColumn: 'code', sortKey: (x) => x.code }, page);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => ProductEntity, { description: 'Add a product to the region\'s product book.' })
  async voegProductToe(@Ctx() ctx: HubContext, @Arg('input', () => ProductInput) input: ProductInput) {
    return contractingService.voegProductToe(await ctx.em(), ctx.principal, input);
  }
}

@Resolver(() => ArrangementType)
export class ArrangementResolver {
  @Authorized(ARRANGEMENT_LEZERS)
  @Query(() => ArrangementConnection, { description: 'Arrangements of the region.' })
  async arrangementen(@Ctx() ctx: HubContext, @Args() page: PageArgs) {
    const P = new Params();
    const where = arrangementScope(ctx.principal, P);
    const columns = columnsOf(ctx.reader.dataSource, ArrangementEntity, 'a');
    return pageOf<ArrangementRij>(ctx.reader, { columns, from: 'arrangement a', alias: 'a', where, params: P, sortColumn: 'naam', sortKey: (a) => a.naam }, page);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => ArrangementType, { description: 'Create an arrangement from products of the product book.' })
  async maakArrangement(@Ctx() ctx: HubContext, @Arg('input', () => ArrangementInput) input: ArrangementInput) {
    return contractingService.maakArrangement(await ctx.em(), ctx.principal, input);
  }

  @FieldResolver(() => [ArrangementOnderdeelType], { description: 'Products of the arrangement with default volumes.' })
  onderdelen(@Root() a: ArrangementRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.onderdelen.load(a.id);
  }
}

@Resolver(() => ArrangementOnderdeelType)
export class ArrangementOnderdeelResolver {
  @FieldResolver(() => ProductEntity, { nullable: true, description: 'The product.' })
  product(@Root() o: ArrangementOnderdeelRij, @Ctx() ctx: HubContext) {
    return ctx.loaders.product.load(o.productId);
  }
}
