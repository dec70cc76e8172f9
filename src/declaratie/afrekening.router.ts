import express, { type Router } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/jwt';
import { HubError } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import { CSV_TYPE } from '../http/csv';
import { afrekeningService } from './afrekening.service';
import { declaratieService } from './declaratie.service';

/** A month's CSV of one kind: what the caller may see, filtered by municipality and provider. */
type MaandCsv = (em: EntityManager, p: Principal, f: { maand: string; gemeenteCode?: string; aanbiederAgb?: string }) => Promise<string>;

/**
 * GET /export/afrekeningen.csv?maand=YYYY-MM-01[&gemeente=][&aanbieder=]: settled prestaties for a
 * finance system. GET /export/declaraties.csv (same parameters): reconciliation of every prestatie
 * of a month, with the contract conditions behind a rejection or flag.
 */
export function exportRouter(ds: DataSource, verifier: TokenVerifier): Router {
  const router = express.Router();
  const maandCsv = (naam: string, csv: MaandCsv) =>
    router.get(
      `/${naam}.csv`,
      wrap(async (req, res) => {
        const p = await bearerPrincipal(verifier, req);
        const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : undefined);
        const gemeente = q('gemeente');
        const aanbieder = q('aanbieder');
        if ((gemeente && !/^\d{4}$/.test(gemeente)) || (aanbieder && !/^\d{8}$/.test(aanbieder))) throw new HubError('VALIDATION_FAILED', 'gemeente: 4 cijfers, aanbieder: 8 cijfers');
        const inhoud = await withTenant(ds, p, (em) => csv(em, p, { maand: q('maand') ?? '', gemeenteCode: gemeente, aanbiederAgb: aanbieder }));
        res.type(CSV_TYPE).setHeader('content-disposition', `attachment; filename="${naam}-${q('maand') ?? ''}.csv"`);
        res.send(inhoud);
      }),
    );
  maandCsv('afrekeningen', (em, p, f) => afrekeningService.csv(em, p, f));
  maandCsv('declaraties', (em, p, f) => declaratieService.csv(em, p, f));
  router.use(jsonFouten('export'));
  return router;
}
