import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import { POSTBUS_MAX, postbusService } from './postbus.service';

/**
 * The mailbox over HTTP, VECOZO's pull with Dutch names:
 * - `GET /ijw/postbus[?aantal=1..250][&na=<cursor>]`: what waits for the caller, oldest first,
 *   metadata only; `volgende` continues the round, null at its end.
 * - `GET /ijw/postbus/{id}`: the XML (audited), also once confirmed.
 * - `DELETE /ijw/postbus/{id}`: confirm receipt (204, again 204: nothing changes twice); 404 for
 *   an id that is no item of the caller's, whether it exists or not.
 */
export function postbusRouter(ds: DataSource, verifier: TokenVerifier, sleutels: Sleutels): Router {
  const router = express.Router();

  router.get(
    '/',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : undefined);
      const aantal = q('aantal') ?? String(POSTBUS_MAX);
      if (!/^\d{1,3}$/.test(aantal) || Number(aantal) < 1 || Number(aantal) > POSTBUS_MAX) {
        throw new HubError(HubErrorCode.BAD_USER_INPUT, `aantal moet 1 tot en met ${POSTBUS_MAX} zijn`);
      }
      const na = q('na');
      const page = await withTenant(ds, p, (em) => postbusService.wacht(em, p, { first: Number(aantal), ...(na !== undefined && { after: na }) }, POSTBUS_MAX));
      res.json({
        berichten: page.edges.map(({ node: b }) => ({
          id: b.id,
          type: b.type,
          afzender: b.afzender,
          ontvanger: b.ontvanger,
          identificatie: b.identificatie,
          dagtekening: b.dagtekening,
          ontvangenOp: b.ontvangenOp,
          grootte: b.grootte,
          sha256: b.inhoudHash,
          heenId: b.heenId,
        })),
        volgende: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
      });
    }),
  );

  router.get(
    '/:id',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      const versleuteld = await withTenant(ds, p, (em) => postbusService.xml(em, p, String(req.params.id)));
      res.type('application/xml').send(sleutels.voor(p.regio).ontsleutel(versleuteld));
    }),
  );

  router.delete(
    '/:id',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      const id = String(req.params.id);
      const bevestigd = await withTenant(ds, p, (em) => postbusService.bevestig(em, p, [id]));
      if (!bevestigd.length) throw new HubError(HubErrorCode.NOT_FOUND, 'Bericht niet gevonden in de postbus');
      res.status(204).end();
    }),
  );

  router.use(jsonFouten('postbus'));
  return router;
}
