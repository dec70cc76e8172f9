import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import { audit } from '../auth/audit.service';
import { HubError, HubErrorCode } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import { toCsv } from '../http/csv';
import { RAPPORT_LEZERS } from './rapportage.resolver';
import { rapportageService } from './rapportage.service';
import type { Kwartaalrapportage } from './rapportage.types';

type Rij = Record<string, string | number | null>;

const REGEL_KOLOMMEN = [
  'code', 'naam', 'budgetCenten', 'gerealiseerdCenten', 'gerealiseerdJaarCenten', 'verplichtCenten', 'prognoseCenten', 'ruimteCenten',
  'clientenInZorg', 'instroom', 'uitstroom', 'uitstroomVolgensPlan', 'uitstroomVoortijdig', 'uitstroomOverig',
  'aantalGestart', 'mediaanWachtdagen', 'p90Wachtdagen', 'aantalWachtend', 'aantalWachtendBovenNorm',
];

/** The text columns of the report; every other column is a number (amounts in eurocents, counts, days). */
const TEKST = new Set(['code', 'naam', 'productcategorieen', 'soort', 'aanbiederAgb', 'contractNummer']);

/** The tables of the report as CSV: columns named as the GraphQL fields, amounts in eurocents. */
export const TABELLEN: Record<string, { kolommen: string[]; rijen: (r: Kwartaalrapportage) => Rij[] }> = {
  regio: { kolommen: REGEL_KOLOMMEN, rijen: (r) => [{ ...r.regio }] },
  gemeenten: { kolommen: REGEL_KOLOMMEN, rijen: (r) => r.gemeenten.map((x) => ({ ...x })) },
  aanbieders: { kolommen: REGEL_KOLOMMEN, rijen: (r) => r.aanbieders.map((x) => ({ ...x })) },
  begrotingsposten: {
    kolommen: ['naam', 'productcategorieen', 'budgetCenten', 'gerealiseerdCenten', 'gerealiseerdJaarCenten', 'verplichtCenten', 'prognoseCenten', 'ruimteCenten'],
    rijen: (r) => r.begrotingsposten.map((x) => ({ ...x, productcategorieen: x.productcategorieen.join(' ') })),
  },
  signalen: { kolommen: ['soort', 'aanbiederAgb', 'naam', 'contractNummer', 'grens', 'werkelijk'], rijen: (r) => r.signalen.map((x) => ({ ...x })) },
};

/**
 * GET /export/kwartaal/{jaar}/{kwartaal}/{tabel}.csv: one table of the quarterly report, with the
 * same roles and scope as the GraphQL query; every export is audited.
 */
export function kwartaalExportRouter(ds: DataSource, verifier: TokenVerifier): Router {
  const router = express.Router();
  router.get(
    '/kwartaal/:jaar/:kwartaal/:tabel.csv',
    wrap(async (req, res) => {
      const p = await bearerPrincipal(verifier, req);
      if (!RAPPORT_LEZERS.includes(p.rol)) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot de kwartaalrapportage');
      const { jaar, kwartaal, tabel } = req.params as Record<string, string>;
      const t = Object.hasOwn(TABELLEN, tabel) ? TABELLEN[tabel] : undefined;
      if (!t) throw new HubError(HubErrorCode.NOT_FOUND, `Onbekende tabel; kies uit ${Object.keys(TABELLEN).join(', ')}`);
      if (!/^\d{4}$/.test(jaar) || !/^[1-4]$/.test(kwartaal)) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'jaar: 4 cijfers, kwartaal: 1–4');
      const regioCode = typeof req.query.regio === 'string' ? req.query.regio : undefined;
      const csv = await withTenant(ds, p, async (em) => {
        const r = await rapportageService.kwartaalrapportage(em, p, Number(jaar), Number(kwartaal), regioCode);
        await audit(em, p, 'kwartaalrapportage.geexporteerd', 'kwartaalrapportage', null, { jaar: r.jaar, kwartaal: r.kwartaal, tabel }, r.regioCode);
        return toCsv(t.rijen(r), t.kolommen, new Set(t.kolommen.filter((k) => !TEKST.has(k))));
      });
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="kwartaal-${jaar}-Q${kwartaal}-${tabel}.csv"`);
      res.send(csv);
    }),
  );
  router.use(jsonFouten('export'));
  return router;
}
