import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import { HubError } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import { CSV_TYPE } from '../http/csv';
import { afrekeningService } from './afrekening.service';
import { declaratieService } from './declaratie.service';

/** GET /export/afrekeningen.csv and GET /export/declaraties.csv. afrekeningen.csv?maand=YYYY-MM-01[&gemeente=][&aanbieder=]: settled prestaties for a finance system. */
export function exportRouter(ds: DataSource, verifier: TokenVerifier): Router {
  const router = express.Router();
  router.get(
    '/afrekeningen.csv',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : undefined);
      const gemeente = q('gemeente');
      const aanbieder = q('aanbieder');
      if ((gemeente && !/^\d{4}$/.test(gemeente)) || (aanbieder && !/^\d{8}$/.test(aanbieder))) throw new HubError('VALIDATION_FAILED', 'gemeente: 4 cijfers, aanbieder: 8 cijfers');
      const csv = await withTenant(ds, p, (em) => afrekeningService.csv(em, p, { maand: q('maand') ?? '', gemeenteCode: gemeente, aanbiederAgb: aanbieder }));
      res.type(CSV_TYPE).setHeader('content-disposition', `attachment; filename="afrekeningen-${q('maand') ?? ''}.csv"`);
      res.send(csv);
    }),
  );
  // GET /export/declaraties.csv?maand=YYYY-MM-01[&gemeente=][&aanbieder=]: reconciliation of every prestatie of a month, with the contract conditions behind a rejection or flag.
  router.get(
    '/declaraties.csv',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : undefined);
      const gemeente = q('gemeente');
      const aanbieder = q('aanbieder');
      if ((gemeente && !/^\d{4}$/.test(gemeente)) || (aanbieder && !/^\d{8}$/.test(aanbieder))) throw new HubError('VALIDATION_FAILED', 'gemeente: 4 cijfers, aanbieder: 8 cijfers');
      const csv = await withTenant(ds, p, (em) => declaratieService.csv(em, p, { maand: q('maand') ?? '', gemeenteCode: gemeente, aanbiederAgb: aanbieder }));
      res.type(CSV_TYPE).setHeader('content-disposition', `attachment; filename="declaraties-${q('maand') ?? ''}.csv"`);
      res.send(csv);
    }),
  );
  router.use(jsonFouten('export'));
  return router;
}
