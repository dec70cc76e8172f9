import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { scopeClientData } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import { type PageArgs, paginate, type Connection } from '../graphql/pagination';
import { BerichtEntity } from '../messaging/bericht.entity';
import { NAAR_AANBIEDER, VAN_AANBIEDER } from '../messaging/ijw/soorten';
import { berichtStatus } from '../messaging/status';

/** Most items of one page of `GET /ijw/postbus`, and most ids of one confirmation (VECOZO's pull: 250). */
export const POSTBUS_MAX = 250;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every column but the encrypted XML: a page lists metadata only. */
const METADATA = ['id', 'richting', 'type', 'afzender', 'ontvanger', 'identificatie', 'dagtekening', 'inhoudHash', 'regioCode', 'aanbiederAgb', 'gemeenteCode', 'status', 'grootte', 'heenId', 'retourId', 'retourcodes', 'fouten', 'ontvangenOp', 'verwerktOp', 'opgehaaldOp'].map((k) => `b.${k}`);

/**
 * The message types the caller receives: a provider what a municipality sends (and the hub writes
 * on its behalf), a municipality (back office or its case system, through `toegang`) what a
 * provider sends. Header Ontvanger cannot say it: a retour copies the header of the message it
 * answers. Other roles receive nothing.
 */
function ontvangt(p: Principal): string[] {
  if (p.rol === 'aanbieder') return [...NAAR_AANBIEDER];
  if (p.rol === 'gemeente' || p.rol === 'toegang') return [...VAN_AANBIEDER];
  throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een aanbieder of een gemeente heeft een postbus');
}

/**
 * The caller's mailbox items in `statussen`: addressed to it (its municipalities, or released to
 * it as provider), in the caller's scope (row-level security says the same, policy `ophalen`).
 */
function items(em: EntityManager, p: Principal, statussen: readonly ('beschikbaar' | 'opgehaald')[]): SelectQueryBuilder<BerichtEntity> {
  // The statuses as literals: the planner then matches the partial indexes on what waits.
  const qb = scopeClientData(em.createQueryBuilder(BerichtEntity, 'b'), p)
    .andWhere('b.type IN (:...postbusTypes)', { postbusTypes: ontvangt(p) })
    .andWhere(`b.status IN (${statussen.map((x) => `'${x}'`).join(', ')})`);
  return p.rol === 'aanbieder' ? qb.andWhere('b.aanbieder_ziet') : qb;
}

/**
 * The mailbox: VECOZO's pull (list the oldest waiting, fetch one, confirm after storing it) with
 * Dutch names. What waits is `beschikbaar`; a confirmed item is `opgehaald`: it leaves the list
 * and stays readable by id.
 */
export const postbusService = {
  /**
   * What waits for the caller, oldest first (received or written by the hub, then id), metadata
   * only. The cursor continues after the last item of the previous page; items confirmed in
   * between leave the list without moving the rest.
   */
  async wacht(em: EntityManager, p: Principal, page: Partial<PageArgs>, max?: number): Promise<Connection<BerichtEntity>> {
    const qb = items(em, p, ['beschikbaar']).select(METADATA);
    return paginate(qb, page, 'ontvangen_op', (b) => b.ontvangenOp.toISOString(), max);
  },

  /** The XML of one of the caller's mailbox items, waiting or confirmed; reading it is audited (it carries client data). */
  async xml(em: EntityManager, p: Principal, id: string): Promise<Buffer> {
    const b = UUID.test(id)
      ? await items(em, p, ['beschikbaar', 'opgehaald']).select(['b.id', 'b.regioCode', 'b.xmlVersleuteld']).andWhere('b.id = :id', { id }).getOne()
      : null;
    if (!b) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden in de postbus');
    await audit(em, p, 'bericht.xml.gelezen', 'bericht', id, { via: 'postbus' }, b.regioCode);
    return b.xmlVersleuteld;
  },

  /**
   * Confirms receipt of the caller's items among `ids`: waiting ones become `opgehaald` (each
   * audited once), confirmed ones stay as they are. Returns the ids of the caller's items among
   * them, all confirmed now; ids of no item of the caller's are left out, whether they exist or not.
   */
  async bevestig(em: EntityManager, p: Principal, ids: readonly string[]): Promise<string[]> {
    if (ids.length > POSTBUS_MAX) throw new HubError(HubErrorCode.BAD_USER_INPUT, `Bevestig ten hoogste ${POSTBUS_MAX} berichten tegelijk`, { veld: 'ids' });
    const geldig = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
    const eigen = geldig.length
      ? await items(em, p, ['beschikbaar', 'opgehaald']).select(['b.id', 'b.regioCode']).andWhere('b.id IN (:...ids)', { ids: geldig }).getMany()
      : [];
    if (!eigen.length) return [];
    const nu = new Set(await berichtStatus.opgehaald(em, eigen.map((b) => b.id)));
    for (const b of eigen) if (nu.has(b.id)) await audit(em, p, 'bericht.opgehaald', 'bericht', b.id, {}, b.regioCode);
    return eigen.map((b) => b.id);
  },

  /** The caller's confirmed items among `ids`, oldest first (what `bevestigOntvangst` answers). */
  async opgehaald(em: EntityManager, p: Principal, ids: readonly string[]): Promise<BerichtEntity[]> {
    if (!ids.length) return [];
    return items(em, p, ['opgehaald']).select(METADATA).andWhere('b.id IN (:...ids)', { ids }).orderBy('b.ontvangen_op').addOrderBy('b.id').getMany();
  },
};
