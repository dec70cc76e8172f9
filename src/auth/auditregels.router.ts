import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import express, { type Request, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { HubError, HubErrorCode } from '../common/hub-error';
import type { Sleutels } from '../common/sleutels';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import type { TokenVerifier } from './jwt';
import { AUDIT_LEZERS, auditregelService } from './auditregels.service';
import { AuditregelFilter } from './auditregels.inputs';

/** The query parameters of the export: the GraphQL filter's fields but the BSN. */
const TEKST = ['actor', 'rol', 'clientReferentie', 'entiteit', 'entiteitId', 'actie', 'regioCode'] as const;

/** The header that carries a BSN filter: a URL lands in proxy and access logs, a BSN must not. */
export const BSN_HEADER = 'x-client-bsn';

async function filterVan(req: Request): Promise<AuditregelFilter> {
  const q = (k: string) => (typeof req.query[k] === 'string' ? req.query[k] : undefined);
  if (req.query.bsn !== undefined) {
    throw new HubError(HubErrorCode.VALIDATION_FAILED, `Geef een BSN nooit in de URL; gebruik de header ${BSN_HEADER}`, { veld: 'bsn' });
  }
  const ruw: Record<string, unknown> = {};
  for (const k of TEKST) if (q(k) !== undefined) ruw[k] = q(k);
  for (const k of ['van', 'tot'] as const) {
    const v = q(k);
    if (v === undefined) continue;
    const d = new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new HubError(HubErrorCode.VALIDATION_FAILED, `${k}: een datum of tijdstip (ISO 8601)`, { veld: k });
    ruw[k] = d;
  }
  const bsn = req.headers[BSN_HEADER];
  if (typeof bsn === 'string') ruw.bsn = bsn.trim();
  const filter = plainToInstance(AuditregelFilter, ruw);
  const fouten = await validate(filter, { forbidUnknownValues: false });
  if (fouten.length) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'Ongeldig filter', { velden: fouten.map((f) => f.property) });
  return filter;
}

/**
 * GET /export/auditregels.csv?actor=&rol=&clientReferentie=&entiteit=&entiteitId=&actie=&regioCode=&van=&tot=
 * (a BSN in the header X-Client-Bsn): the audit trail as CSV for the auditor and the administrator,
 * with the scope of the GraphQL query; the export is audited.
 */
export function auditregelsRouter(ds: DataSource, verifier: TokenVerifier, sleutels: Sleutels): Router {
  const router = express.Router();
  router.get(
    '/auditregels.csv',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      if (!AUDIT_LEZERS.includes(p.rol)) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een auditor of beheerder leest het auditlogboek');
      const filter = await filterVan(req);
      const csv = await withTenant(ds, p, (em) => auditregelService.csv(em, p, sleutels.voor(p.regio), filter));
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="auditregels.csv"');
      res.setHeader('cache-control', 'no-store');
      res.send(csv);
    }),
  );
  router.use(jsonFouten('auditregels export'));
  return router;
}
