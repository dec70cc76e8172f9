import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import { beheertRegio, type Principal } from '../auth/principal';
import { schrijfRegio } from '../auth/scope';
import { vandaag } from '../common/klok';
import { fromDatabaseError, HubError, HubErrorCode } from '../common/hub-error';
import { CapaciteitEntity } from './capaciteit.entity';
import { CapaciteitError } from './capaciteit.errors';
import type { CapaciteitFilter, CapaciteitInput, WachttijdnormInput } from './capaciteit.inputs';
import { WachttijdnormEntity } from './wachttijdnorm.entity';
import { paginate, type Connection, type PageArgs } from '../graphql/pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The provider a writing caller acts for: a provider itself, an administrator the one it names. */
function schrijfAgb(p: Principal, gevraagd?: string): string {
  if (p.rol === 'beheerder') {
    if (!gevraagd) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Geef aanbiederAgb op', { veld: 'aanbiederAgb' });
    return gevraagd;
  }
  if (!p.agb || (gevraagd && gevraagd !== p.agb)) throw new HubError(HubErrorCode.FORBIDDEN, 'Een aanbieder houdt alleen de eigen capaciteit bij');
  return p.agb;
}

/** The order of capacity: per provider, product and location. */
const PLAATS = ['aanbieder_agb', 'product_code', 'locatie_naam', 'postcode'] as const;
const plaats = (c: CapaciteitEntity) => [c.aanbiederAgb, c.productCode, c.locatieNaam, c.postcode];

function lijst(em: EntityManager, p: Principal, filter: CapaciteitFilter | undefined) {
  const qb = em.createQueryBuilder(CapaciteitEntity, 'c');
  switch (p.rol) {
    case 'aanbieder':
      qb.andWhere('c.aanbieder_agb = :scopeAgb', { scopeAgb: p.agb });
      break;
    case 'beheerder':
      if (p.regio) qb.andWhere('c.regio_code = :scopeRegio', { scopeRegio: p.regio });
      break;
    case 'regio':
    case 'toegang':
    case 'auditor':
    case 'gemeente':
      qb.andWhere('c.regio_code = :scopeRegio', { scopeRegio: p.regio });
      break;
  }
  if (filter?.aanbiederAgb) qb.andWhere('c.aanbieder_agb = :agb', { agb: filter.aanbiederAgb });
  if (filter?.productId) qb.andWhere('c.product_id = :productId', { productId: filter.productId });
  if (filter?.productCode) qb.andWhere('c.product_code = :code', { code: filter.productCode });
  if (filter?.regioCode) qb.andWhere('c.regio_code = :regio', { regio: filter.regioCode });
  return qb;
}

/** Capacity per provider, product and location with its history, and the region's waiting-time norms. */
export const capaciteitService = {
  /** Current capacity: a provider its own, region staff and municipalities their region's. */
  async capaciteit(em: EntityManager, p: Principal, filter: CapaciteitFilter | undefined, page: PageArgs): Promise<Connection<CapaciteitEntity>> {
    return paginate(lijst(em, p, filter).andWhere('c.geldig_tot IS NULL'), page, PLAATS, plaats);
  },

  /** The capacity versions with these ids (UUIDs) that the lists would show the caller: node(id). */
  async perId(em: EntityManager, p: Principal, ids: string[]): Promise<CapaciteitEntity[]> {
    return ids.length ? lijst(em, p, undefined).andWhere('c.id IN (:...ids)', { ids }).getMany() : [];
  },

  /** Every version, per location oldest first. */
  async historie(em: EntityManager, p: Principal, filter: CapaciteitFilter | undefined, page: PageArgs): Promise<Connection<CapaciteitEntity>> {
    // Milliseconds: the cursor carries the moment as JavaScript reads it back.
    return paginate(lijst(em, p, filter), page, [...PLAATS, "date_trunc('milliseconds', c.geldig_vanaf)"], (c) => [...plaats(c), c.geldigVanaf.toISOString()]);
  },

  /**
   * A provider's new capacity for a product it is contracted for (a contract not ended that
   * runs today): the current version of that location is closed now and the new one starts now.
   */
  async werkBij(em: EntityManager, p: Principal, input: CapaciteitInput): Promise<CapaciteitEntity> {
    const agb = schrijfAgb(p, input.aanbiederAgb);
    const dag = vandaag();
    const product = await em.query<{ regio_code: string; categorie: string; code: string }[]>(
      `SELECT pr.regio_code, pr.categorie, pr.code FROM product pr
        WHERE pr.id = $1 AND EXISTS (
          SELECT 1 FROM contract_product cp JOIN contract c ON c.id = cp.contract_id
           WHERE cp.product_id = pr.id AND cp.aanbieder_agb = $2 AND c.status <> 'beeindigd' AND $3::date BETWEEN c.begindatum AND c.einddatum)`,
      [input.productId, agb, dag],
    );
    if (!product[0]) {
      throw new HubError(CapaciteitError.PRODUCT_NOT_CONTRACTED, 'De aanbieder is vandaag niet gecontracteerd voor dit product', { veld: 'productId' });
    }
    // An administrator of one region keeps capacity in that region only.
    if (p.rol === 'beheerder') schrijfRegio(p, product[0].regio_code);
    const locatie = { aanbiederAgb: agb, productId: input.productId, postcode: input.postcode, locatieNaam: input.locatieNaam };
    await em
      .createQueryBuilder()
      .update(CapaciteitEntity)
      .set({ geldigTot: () => 'now()' })
      .where('aanbieder_agb = :aanbiederAgb AND product_id = :productId AND postcode = :postcode AND locatie_naam = :locatieNaam AND geldig_tot IS NULL', locatie)
      .execute();
    try {
      const ins = await em
        .createQueryBuilder()
        .insert()
        .into(CapaciteitEntity)
        .values({
          ...locatie,
          regioCode: product[0].regio_code,
          productCategorie: product[0].categorie,
          productCode: product[0].code,
          vrijePlaatsen: input.vrijePlaatsen,
          intakesPerWeek: input.intakesPerWeek,
          openVoorNieuweClienten: input.openVoorNieuweClienten,
          toelichting: input.toelichting ?? null,
          gewijzigdDoor: p.sub,
        })
        .returning('id')
        .execute();
      const id = (ins.raw as { id: string }[])[0].id;
      await audit(em, p, 'capaciteit.bijgewerkt', 'capaciteit', id, { ...locatie, vrijePlaatsen: input.vrijePlaatsen, intakesPerWeek: input.intakesPerWeek, open: input.openVoorNieuweClienten }, product[0].regio_code);
      return em.findOneByOrFail(CapaciteitEntity, { id });
    } catch (e) {
      return fromDatabaseError(e, {
        uq_capaciteit_actueel: new HubError(CapaciteitError.CAPACITEIT_CHANGED, 'De capaciteit van deze locatie werd tegelijk gewijzigd; probeer opnieuw'),
      });
    }
  },

  /** A location no longer offers the product: its current version is closed, no new one follows. */
  async sluit(em: EntityManager, p: Principal, id: string): Promise<CapaciteitEntity> {
    const niet = new HubError(CapaciteitError.CAPACITEIT_NOT_FOUND, `Capaciteit ${id} niet gevonden of niet actueel`, { id });
    if (!UUID.test(id)) throw niet;
    const c = await em.findOneBy(CapaciteitEntity, { id });
    if (!c || c.geldigTot !== null || (!beheertRegio(p, c.regioCode) && c.aanbiederAgb !== p.agb)) throw niet;
    await em.createQueryBuilder().update(CapaciteitEntity).set({ geldigTot: () => 'now()' }).where('id = :id AND geldig_tot IS NULL', { id }).execute();
    await audit(em, p, 'capaciteit.gesloten', 'capaciteit', id, { aanbiederAgb: c.aanbiederAgb, productId: c.productId, postcode: c.postcode }, c.regioCode);
    return em.findOneByOrFail(CapaciteitEntity, { id });
  },

  async normen(em: EntityManager, p: Principal, regioCode?: string): Promise<WachttijdnormEntity[]> {
    const qb = em.createQueryBuilder(WachttijdnormEntity, 'n').orderBy('n.regio_code').addOrderBy('n.soort').addOrderBy('n.product_categorie', 'ASC', 'NULLS FIRST');
    const regio = p.rol === 'beheerder' || p.rol === 'aanbieder' ? regioCode : p.regio;
    if (regio) qb.where('n.regio_code = :regio', { regio });
    return qb.getMany();
  },

  /** Sets (or replaces) the region's norm for one interval, for all products or one category. */
  async stelNormVast(em: EntityManager, p: Principal, input: WachttijdnormInput): Promise<WachttijdnormEntity> {
    const regio = schrijfRegio(p, input.regioCode);
    const categorie = input.productCategorie ?? null;
    const doel = categorie ? `(regio_code, soort, product_categorie) WHERE product_categorie IS NOT NULL` : `(regio_code, soort) WHERE product_categorie IS NULL`;
    const rows = await em.query<{ id: string }[]>(
      `INSERT INTO wachttijdnorm (regio_code, soort, product_categorie, max_dagen) VALUES ($1, $2, $3, $4)
       ON CONFLICT ${doel} DO UPDATE SET max_dagen = EXCLUDED.max_dagen, gewijzigd_op = now()
       RETURNING id`,
      [regio, input.soort, categorie, input.maxDagen],
    );
    await audit(em, p, 'wachttijdnorm.vastgesteld', 'wachttijdnorm', rows[0].id, { soort: input.soort, productCategorie: categorie, maxDagen: input.maxDagen }, regio);
    return em.findOneByOrFail(WachttijdnormEntity, { id: rows[0].id });
  },

  async verwijderNorm(em: EntityManager, p: Principal, id: string): Promise<boolean> {
    const niet = new HubError(CapaciteitError.NORM_NOT_FOUND, `Norm ${id} niet gevonden`, { id });
    if (!UUID.test(id)) throw niet;
    const n = await em.findOneBy(WachttijdnormEntity, { id });
    if (!n) throw niet;
    schrijfRegio(p, n.regioCode);
    await em.delete(WachttijdnormEntity, { id });
    await audit(em, p, 'wachttijdnorm.verwijderd', 'wachttijdnorm', id, { soort: n.soort, productCategorie: n.productCategorie }, n.regioCode);
    return true;
  },
};
