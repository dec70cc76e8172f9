import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { ConnectionType, PageArgs, paginate } from '../graphql/pagination';
import { ArrangementInput, ProductFilter, ProductInput } from '../contracting/contracting.inputs';
import { contractingService } from '../contracting/contracting.service';
import { ArrangementEntity } from './arrangement.entity';
import { ArrangementOnderdeelType, ArrangementType } from './arrangement.types';
import { ProductEntity } from './product.entity';

export const ProductConnection = ConnectionType(ProductEntity, 'Product');
export const ArrangementConnection = ConnectionType(ArrangementType, 'Arrangement');

@Resolver(() => ProductEntity)
export class ProductResolver {
  @Authorized()
  @Query(() => ProductConnection, { description: 'The product book: a provider sees only the products it is contracted for.' })
  async producten(@Ctx() ctx: HubContext, @Args() page: PageArgs, @Arg('filter', () => ProductFilter, { nullable: true }) filter?: ProductFilter) {
    const em = await ctx.em();
    const p = ctx.principal;
    const qb = em.createQueryBuilder(ProductEntity, 'p');
    if (p.rol === 'aanbieder') {
      qb.where('EXISTS (SELECT 1 FROM contract_product cp WHERE cp.product_id = p.id AND cp.aanbieder_agb = :agb)', { agb: p.agb });
    } else if (p.regio) {
      qb.where('p.regio_code = :r', { r: p.regio });
    }
    if (filter?.categorie) qb.andWhere('p.categorie = :cat', { cat: filter.categorie });
    if (filter?.codeBegintMet) qb.andWhere('p.code LIKE :code', { code: `${filter.codeBegintMet.replace(/[%_\\]/g, '')}%` });
    if (filter?.uitvoeringsvariant) qb.andWhere('p.uitvoeringsvariant = :uv', { uv: filter.uitvoeringsvariant });
    return paginate(qb, page, 'code', (x) => x.code);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => ProductEntity, { description: 'Add a product to the region\'s product book.' })
  async voegProductToe(@Ctx() ctx: HubContext, @Arg('input', () => ProductInput) input: ProductInput) {
    return contractingService.voegProductToe(await ctx.em(), ctx.principal, input);
  }
}

@Resolver(() => ArrangementType)
export class ArrangementResolver {
  @Authorized(['regio', 'toegang', 'gemeente', 'auditor', 'beheerder'])
  @Query(() => ArrangementConnection, { description: 'Arrangements of the region.' })
  async arrangementen(@Ctx() ctx: HubContext, @Args() page: PageArgs) {
    const em = await ctx.em();
    const qb = em.createQueryBuilder(ArrangementEntity, 'a');
    if (ctx.principal.regio) qb.where('a.regio_code = :r', { r: ctx.principal.regio });
    return paginate(qb, page, 'naam', (a) => a.naam);
  }

  @Authorized(['regio', 'beheerder'])
  @Mutation(() => ArrangementType, { description: 'Create an arrangement from products of the product book.' })
  async maakArrangement(@Ctx() ctx: HubContext, @Arg('input', () => ArrangementInput) input: ArrangementInput) {
    return contractingService.maakArrangement(await ctx.em(), ctx.principal, input);
  }

  @FieldResolver(() => [ArrangementOnderdeelType], { description: 'Products of the arrangement with default volumes.' })
  onderdelen(@Root() a: ArrangementType, @Ctx() ctx: HubContext) {
    return ctx.loaders.onderdelen.load(a.id);
  }
}

@Resolver(() => ArrangementOnderdeelType)
export class ArrangementOnderdeelResolver {
  @FieldResolver(() => ProductEntity, { nullable: true, description: 'The product.' })
  product(@Root() o: ArrangementOnderdeelType, @Ctx() ctx: HubContext) {
    return ctx.loaders.product.load(o.productId);
  }
}
