import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { schrijfRegio } from '../auth/scope';
import { fromDatabaseError, HubError, HubErrorCode } from '../common/hub-error';
import { MAX_PAGE, paginate, type Connection, type PageArgs } from '../graphql/pagination';
import { nietVerwijderdSql } from '../toewijzing/toewijzing.rules';
import { BekostigingError } from './bekostiging.errors';
import { Verdeelsleutel } from './bekostiging.enums';
import type { BegrotingspostInput, KostenaandeelFilter } from './bekostiging.inputs';
import { sleutelGewichten } from './bekostiging.rules';
import { BegrotingspostEntity, KostenaandeelEntity } from './begrotingspost.entity';
import { inwonersInPeriode } from './lumpsum.service';
import { verdeel } from './verdeel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function procentVoor(sleutel: Verdeelsleutel, procent: number | undefined): number {
  switch (sleutel) {
    case Verdeelsleutel.inwoners:
      return 100;
    case Verdeelsleutel.gebruik:
      return 0;
    case Verdeelsleutel.gemengd:
      if (procent === undefined) throw new HubError(BekostigingError.INVALID_KEY, 'Geef bij een gemengde sleutel het percentage op inwoners', { veld: 'procentInwoners' });
      return procent;
  }
}

/**
 * Cost sharing of regional budget lines: each municipality's share by inhabitants, by actual
 * use (distinct clients with a toewijzing in the period and categories) or a weighted mix,
 * split with `verdeel`, so the shares always sum to the line.
 */
export const kostenverdelingService = {
  async maak(em: EntityManager, p: Principal, input: BegrotingspostInput): Promise<BegrotingspostEntity> {
    const regioCode = schrijfRegio(p, input.regioCode);
    if (input.einddatum < input.begindatum) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'De einddatum ligt voor de begindatum', { veld: 'einddatum' });
    const procentInwoners = procentVoor(input.sleutel, input.procentInwoners);
    const gemeenten = input.gemeenten
      ? [...new Set(input.gemeenten)].sort()
      : (
          await em.query<{ code: string }[]>(
            `SELECT DISTINCT code FROM gemeente WHERE regio_code = $1 AND geldig_vanaf <= $3 AND (geldig_tot IS NULL OR geldig_tot >= $2) ORDER BY code`,
            [regioCode, input.begindatum, input.einddatum],
          )
        ).map((r) => r.code);
    const post = em.create(BegrotingspostEntity, {
      regioCode,
      naam: input.naam,
      begindatum: input.begindatum,
      einddatum: input.einddatum,
      bedragCenten: input.bedragCenten,
      sleutel: input.sleutel,
      procentInwoners,
      productcategorieen: [...new Set(input.productcategorieen ?? [])].sort(),
      gemeenten,
      aangemaaktDoor: p.sub,
      verdeeldOp: new Date(),
    });
    try {
      await em.insert(BegrotingspostEntity, post);
    } catch (e) {
      fromDatabaseError(e, {
        uq_begrotingspost: new HubError(BekostigingError.BUDGET_LINE_EXISTS, `Begrotingspost ${input.naam} vanaf ${input.begindatum} bestaat al`, { veld: 'naam' }),
      });
    }
    await verdeelPost(em, post);
    await audit(em, p, 'begrotingspost.aangemaakt', 'begrotingspost', post.id, { naam: post.naam, bedragCenten: post.bedragCenten, sleutel: post.sleutel }, regioCode);
    return post;
  },

  /** Recomputes the shares of a line with today's inhabitants and use. */
  async herverdeel(em: EntityManager, p: Principal, id: string): Promise<BegrotingspostEntity> {
    const post = UUID.test(id) ? await em.findOneBy(BegrotingspostEntity, { id }) : null;
    if (!post) throw new HubError(BekostigingError.BUDGET_LINE_NOT_FOUND, `Begrotingspost ${id} niet gevonden`, { id });
    schrijfRegio(p, post.regioCode);
    post.verdeeldOp = new Date();
    await em.update(BegrotingspostEntity, { id: post.id }, { verdeeldOp: post.verdeeldOp });
    await verdeelPost(em, post);
    await audit(em, p, 'begrotingspost.herverdeeld', 'begrotingspost', post.id, { naam: post.naam }, post.regioCode);
    return post;
  },

  /** The region's budget lines (optionally those overlapping a year), one keyset page by period start and name. */
  async begrotingsposten(em: EntityManager, p: Principal, jaar: number | undefined, page: PageArgs): Promise<Connection<BegrotingspostEntity>> {
    const qb = posten(em, p);
    if (jaar) qb.andWhere('b.begindatum <= :eind AND b.einddatum >= :begin', { begin: `${jaar}-01-01`, eind: `${jaar}-12-31` });
    return paginate(qb, page, ['begindatum', 'naam'], (b) => [b.begindatum, b.naam]);
  },

  /** Budget lines by id, as far as the caller may see them (node(id)). */
  async postenPerId(em: EntityManager, p: Principal, ids: string[]): Promise<BegrotingspostEntity[]> {
    return ids.length ? posten(em, p).andWhere('b.id IN (:...ids)', { ids }).getMany() : [];
  },

  /**
   * Shares the caller may see (a municipality only its own rows), one keyset page by period
   * start, line name and municipality; a share's key is (line, municipality), so the line's id
   * ends the order.
   */
  async kostenaandelen(em: EntityManager, p: Principal, filter: KostenaandeelFilter | undefined, page: PageArgs): Promise<Connection<KostenaandeelEntity>> {
    const qb = em.createQueryBuilder(KostenaandeelEntity, 'k');
    if (p.regio) qb.andWhere('k.regio_code = :r', { r: p.regio });
    if (p.rol === 'gemeente') qb.andWhere('k.gemeente_code IN (:...eigen)', { eigen: p.gemeenten });
    if (filter?.begrotingspostId) qb.andWhere('k.begrotingspost_id = :bid', { bid: filter.begrotingspostId });
    if (filter?.gemeenteCode) qb.andWhere('k.gemeente_code = :g', { g: filter.gemeenteCode });
    if (filter?.peildatum) qb.andWhere(':peil BETWEEN k.begindatum AND k.einddatum', { peil: filter.peildatum });
    return paginate(qb, page, ['begindatum', 'naam', 'gemeente_code'], (k) => [k.begindatum, k.naam, k.gemeenteCode], MAX_PAGE, {
      column: 'begrotingspost_id',
      of: (k) => k.begrotingspostId,
    });
  },
};

/** The budget lines the caller's scope holds: its region's (an administrator all). */
function posten(em: EntityManager, p: Principal) {
  const qb = em.createQueryBuilder(BegrotingspostEntity, 'b');
  return p.regio ? qb.andWhere('b.regio_code = :r', { r: p.regio }) : qb;
}

/** Writes the shares of a line afresh: inhabitants and use per municipality, then `verdeel`. */
async function verdeelPost(em: EntityManager, post: BegrotingspostEntity): Promise<void> {
  const codes = post.gemeenten;
  const inwoners = await inwonersInPeriode(em, post.regioCode, codes, post.begindatum, post.einddatum);
  const missing = codes.filter((g) => !inwoners.has(g));
  if (missing.length) {
    throw new HubError(BekostigingError.UNKNOWN_MUNICIPALITY, `Onbekende of vervallen gemeente(n) in deze periode: ${missing.join(', ')}`, { veld: 'gemeenten', codes: missing });
  }
  const cats = post.productcategorieen;
  const gebruik = await em.query<{ gemeente_code: string; n: number }[]>(
    `SELECT t.gemeente_code, count(DISTINCT t.client_id)::int AS n
       FROM toewijzing t
      WHERE t.regio_code = $1 AND t.gemeente_code = ANY ($2)
        AND t.ingangsdatum <= $4 AND (t.einddatum IS NULL OR t.einddatum >= $3)
        AND (cardinality($5::varchar[]) = 0 OR t.product_categorie = ANY ($5::varchar[]))
        AND ${nietVerwijderdSql('t')}
      GROUP BY t.gemeente_code`,
    [post.regioCode, codes, post.begindatum, post.einddatum, cats],
  );
  const clienten = new Map(gebruik.map((g) => [g.gemeente_code, g.n]));
  const invoer = codes.map((g) => ({ inwoners: inwoners.get(g) ?? 0, clienten: clienten.get(g) ?? 0 }));
  const bedragen = verdeel(post.bedragCenten, sleutelGewichten(post.sleutel, invoer, post.procentInwoners));
  await em.delete(KostenaandeelEntity, { begrotingspostId: post.id });
  await em.insert(
    KostenaandeelEntity,
    codes.map((g, i) => ({
      begrotingspostId: post.id,
      gemeenteCode: g,
      regioCode: post.regioCode,
      naam: post.naam,
      begindatum: post.begindatum,
      einddatum: post.einddatum,
      inwoners: invoer[i].inwoners,
      clienten: invoer[i].clienten,
      bedragCenten: bedragen[i],
    })),
  );
}
