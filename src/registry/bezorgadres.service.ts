import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import { nieuwGeheim, type Sleutels } from '../common/sleutels';
import { AanbiederEntity } from './aanbieder.entity';
import { BezorgadresEntity } from './bezorgadres.entity';

/** An endpoint and, only right after it was issued, its signing secret in the clear. */
export interface Uitgifte {
  bezorgadres: BezorgadresEntity;
  ondertekeningsgeheim: string | null;
}

/** An administrator over all regions manages every provider's endpoint; a provider only its own. */
function magBeheren(p: Principal, agb: string): void {
  // A provider serves every region: where its messages go is its own or the hub-wide administrator's, not one region's.
  if ((p.rol === 'beheerder' && !p.regio) || (p.rol === 'aanbieder' && p.agb === agb)) return;
  throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen de aanbieder zelf of een beheerder over alle regio\'s beheert dit bezorgadres');
}

async function bestaand(em: EntityManager, agb: string): Promise<BezorgadresEntity | null> {
  return em.findOne(BezorgadresEntity, { where: { aanbiederAgb: agb }, lock: { mode: 'pessimistic_write' } });
}

export const bezorgadresService = {
  /**
   * Registers (or moves) a provider's endpoint. An endpoint without a secret gets one, returned
   * here once; moving an endpoint that has one keeps it (rotate for a new one).
   */
  async registreer(em: EntityManager, p: Principal, sleutels: Sleutels, agb: string, url: string): Promise<Uitgifte> {
    magBeheren(p, agb);
    if (!(await em.existsBy(AanbiederEntity, { agb }))) throw new HubError(HubErrorCode.NOT_FOUND, `Aanbieder ${agb} bestaat niet`);
    const b = (await bestaand(em, agb)) ?? em.create(BezorgadresEntity, { aanbiederAgb: agb, geheimVersleuteld: null, vorigGeheimVersleuteld: null, vorigGeldigTot: null, geroteerdOp: null });
    b.url = url;
    let geheim: string | null = null;
    if (!b.geheimVersleuteld) {
      geheim = nieuwGeheim();
      b.geheimVersleuteld = sleutels.versleutel(Buffer.from(geheim, 'utf8'));
    }
    await em.save(BezorgadresEntity, b);
    await audit(em, p, 'bezorgadres.geregistreerd', 'bezorgadres', agb, { url, nieuwGeheim: geheim !== null }, null);
    return { bezorgadres: b, ondertekeningsgeheim: geheim };
  },

  /**
   * Issues a new signing secret, returned here once. The previous one keeps signing beside it
   * for the configured overlap, so the provider can switch without missing a delivery.
   */
  async roteer(em: EntityManager, p: Principal, sleutels: Sleutels, agb: string): Promise<Uitgifte> {
    magBeheren(p, agb);
    const b = await bestaand(em, agb);
    if (!b) throw new HubError(HubErrorCode.NOT_FOUND, `Aanbieder ${agb} heeft geen bezorgadres`);
    const geheim = nieuwGeheim();
    const nu = new Date();
    b.vorigGeheimVersleuteld = b.geheimVersleuteld;
    b.vorigGeldigTot = b.geheimVersleuteld ? new Date(nu.getTime() + sleutels.geheimOverlapMs) : null;
    b.geheimVersleuteld = sleutels.versleutel(Buffer.from(geheim, 'utf8'));
    b.geroteerdOp = nu;
    await em.save(BezorgadresEntity, b);
    await audit(em, p, 'bezorgadres.geheim-geroteerd', 'bezorgadres', agb, { vorigGeldigTot: b.vorigGeldigTot?.toISOString() ?? null }, null);
    return { bezorgadres: b, ondertekeningsgeheim: geheim };
  },

  /** Removes the endpoint: later messages wait in the provider's mailbox. */
  async verwijder(em: EntityManager, p: Principal, agb: string): Promise<boolean> {
    magBeheren(p, agb);
    const r = await em.delete(BezorgadresEntity, { aanbiederAgb: agb });
    if (!r.affected) throw new HubError(HubErrorCode.NOT_FOUND, `Aanbieder ${agb} heeft geen bezorgadres`);
    await audit(em, p, 'bezorgadres.verwijderd', 'bezorgadres', agb, {}, null);
    return true;
  },

  async lees(em: EntityManager, agb: string): Promise<BezorgadresEntity | null> {
    return em.findOne(BezorgadresEntity, { where: { aanbiederAgb: agb } });
  },
};
