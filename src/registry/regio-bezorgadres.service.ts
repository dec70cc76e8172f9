import type { EntityManager } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import { schrijfRegio } from '../auth/scope';
import { HubError, HubErrorCode } from '../common/hub-error';
import { nieuwGeheim, type Sleutels } from '../common/sleutels';
import { RegioBezorgadresEntity } from './regio-bezorgadres.entity';

/** A region's endpoint and, only right after it was issued, its signing secret in the clear. */
export interface RegioUitgifte {
  bezorgadres: RegioBezorgadresEntity;
  ondertekeningsgeheim: string | null;
}

async function bestaand(em: EntityManager, regio: string): Promise<RegioBezorgadresEntity | null> {
  return em.findOne(RegioBezorgadresEntity, { where: { regioCode: regio }, lock: { mode: 'pessimistic_write' } });
}

/** A region's endpoint, kept by its contract manager (or an administrator naming the region). */
export const regioBezorgadresService = {
  /** Registers (or moves) the endpoint; a first registration issues its secret, returned here once. */
  async registreer(em: EntityManager, p: Principal, sleutels: Sleutels, regioCode: string | undefined, url: string): Promise<RegioUitgifte> {
    const regio = schrijfRegio(p, regioCode);
    const oud = await bestaand(em, regio);
    let geheim: string | null = null;
    const b = oud ?? em.create(RegioBezorgadresEntity, { regioCode: regio, vorigGeheimVersleuteld: null, vorigGeldigTot: null, geroteerdOp: null });
    b.url = url;
    if (!oud) {
      geheim = nieuwGeheim();
      b.geheimVersleuteld = sleutels.versleutel(Buffer.from(geheim, 'utf8'));
    }
    await em.save(RegioBezorgadresEntity, b);
    await audit(em, p, 'contract.bezorgadres-geregistreerd', 'regio_bezorgadres', regio, { url, nieuwGeheim: geheim !== null }, regio);
    return { bezorgadres: b, ondertekeningsgeheim: geheim };
  },

  /** Issues a new secret, returned once; the previous one keeps signing beside it for the overlap. */
  async roteer(em: EntityManager, p: Principal, sleutels: Sleutels, regioCode: string | undefined): Promise<RegioUitgifte> {
    const regio = schrijfRegio(p, regioCode);
    const b = await bestaand(em, regio);
    if (!b) throw new HubError(HubErrorCode.NOT_FOUND, `Regio ${regio} heeft geen bezorgadres`);
    const geheim = nieuwGeheim();
    const nu = new Date();
    b.vorigGeheimVersleuteld = b.geheimVersleuteld;
    b.vorigGeldigTot = new Date(nu.getTime() + sleutels.geheimOverlapMs);
    b.geheimVersleuteld = sleutels.versleutel(Buffer.from(geheim, 'utf8'));
    b.geroteerdOp = nu;
    await em.save(RegioBezorgadresEntity, b);
    await audit(em, p, 'contract.bezorgadres-geheim-geroteerd', 'regio_bezorgadres', regio, { vorigGeldigTot: b.vorigGeldigTot.toISOString() }, regio);
    return { bezorgadres: b, ondertekeningsgeheim: geheim };
  },

  /** Removes the endpoint: later alerts are only in `budgetstanden`. */
  async verwijder(em: EntityManager, p: Principal, regioCode: string | undefined): Promise<boolean> {
    const regio = schrijfRegio(p, regioCode);
    const r = await em.delete(RegioBezorgadresEntity, { regioCode: regio });
    if (!r.affected) throw new HubError(HubErrorCode.NOT_FOUND, `Regio ${regio} heeft geen bezorgadres`);
    await audit(em, p, 'contract.bezorgadres-verwijderd', 'regio_bezorgadres', regio, {}, regio);
    return true;
  },
};
