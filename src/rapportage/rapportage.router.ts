import express, { type Request, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../auth/jwt';
import { audit } from '../auth/audit.service';
import { HubError, HubErrorCode } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, jsonFouten, wrap } from '../http/bearer';
import type { Principal } from '../auth/principal';
import { PRODUCTCATEGORIEEN } from '../catalogue/product.rules';
import { CSV_TYPE, kolom, schrijfCsv, tabel, type Kolom } from '../http/csv';
import { blad, schrijfXlsx, XLSX_TYPE } from '../http/xlsx';
import { RAPPORT_LEZERS } from './rapportage.resolver';
import { rapportageService } from './rapportage.service';
import { SignaalSoortKwartaal, type BegrotingspostRegel, type Kwartaalrapportage, type KwartaalRegel, type KwartaalSignaal } from './rapportage.types';

const SIGNAAL_TEKST: Record<SignaalSoortKwartaal, string> = {
  [SignaalSoortKwartaal.boven_plafond]: 'Boven budgetplafond',
  [SignaalSoortKwartaal.buiten_lumpsumband]: 'Buiten lumpsumband',
};

/** The columns of a row of the region, a municipality or a provider, after its code and name. */
const REGEL_CIJFERS = tabel<KwartaalRegel>(
  kolom.bedrag('budget_euro', (r) => r.budgetCenten),
  kolom.bedrag('gerealiseerd_euro', (r) => r.gerealiseerdCenten),
  kolom.bedrag('gerealiseerd_jaar_euro', (r) => r.gerealiseerdJaarCenten),
  kolom.bedrag('verplicht_euro', (r) => r.verplichtCenten),
  kolom.bedrag('prognose_euro', (r) => r.prognoseCenten),
  kolom.bedrag('ruimte_euro', (r) => r.ruimteCenten),
  kolom.aantal('clienten_in_zorg', (r) => r.clientenInZorg),
  kolom.aantal('instroom', (r) => r.instroom),
  kolom.aantal('uitstroom', (r) => r.uitstroom),
  kolom.aantal('uitstroom_volgens_plan', (r) => r.uitstroomVolgensPlan),
  kolom.aantal('uitstroom_voortijdig', (r) => r.uitstroomVoortijdig),
  kolom.aantal('uitstroom_overig', (r) => r.uitstroomOverig),
  kolom.aantal('aantal_gestart', (r) => r.aantalGestart),
  kolom.aantal('mediaan_wachtdagen', (r) => r.mediaanWachtdagen),
  kolom.aantal('p90_wachtdagen', (r) => r.p90Wachtdagen),
  kolom.aantal('aantal_wachtend', (r) => r.aantalWachtend),
  kolom.aantal('aantal_wachtend_boven_norm', (r) => r.aantalWachtendBovenNorm),
);


/** A table of the report: its columns and its rows. */
interface Tabel<R> {
  kolommen: Kolom<R>[];
  rijen: (r: Kwartaalrapportage) => R[];
}

const tabelVan = <R>(kolommen: Kolom<R>[], rijen: (r: Kwartaalrapportage) => R[]): Tabel<R> => ({ kolommen, rijen });

/**
 * The tables of the report, for CSV and XLSX alike: headers in snake_case Dutch, amounts in
 * euros, every code followed by its name.
 */
export const TABELLEN = {
  regio: tabelVan(
    tabel<KwartaalRegel & { van: string; tot: string }>(
      kolom.codeNaam('regio_code', 'regio_naam', (r) => r.code, (r) => r.naam),
      kolom.datum('van', (r) => r.van),
      kolom.datum('tot', (r) => r.tot),
      REGEL_CIJFERS,
    ),
    (r) => [{ ...r.regio, van: r.van, tot: r.tot }],
  ),
  gemeenten: tabelVan(tabel<KwartaalRegel>(kolom.codeNaam('gemeente_code', 'gemeente_naam', (r) => r.code, (r) => r.naam), REGEL_CIJFERS), (r) => r.gemeenten),
  aanbieders: tabelVan(tabel<KwartaalRegel>(kolom.codeNaam('aanbieder_agb', 'aanbieder_naam', (r) => r.code, (r) => r.naam), REGEL_CIJFERS), (r) => r.aanbieders),
  begrotingsposten: tabelVan(
    tabel<BegrotingspostRegel>(
      kolom.tekst('naam', (r) => r.naam),
      kolom.codeNaam('productcategorieen', 'productcategorieen_namen', (r) => r.productcategorieen.join(' '), (r) => r.productcategorieen.map((c) => PRODUCTCATEGORIEEN[c] ?? c).join(', ')),
      kolom.bedrag('budget_euro', (r) => r.budgetCenten),
      kolom.bedrag('gerealiseerd_euro', (r) => r.gerealiseerdCenten),
      kolom.bedrag('gerealiseerd_jaar_euro', (r) => r.gerealiseerdJaarCenten),
      kolom.bedrag('verplicht_euro', (r) => r.verplichtCenten),
      kolom.bedrag('prognose_euro', (r) => r.prognoseCenten),
      kolom.bedrag('ruimte_euro', (r) => r.ruimteCenten),
    ),
    (r) => r.begrotingsposten,
  ),
  // A ceiling is an amount, a lumpsum band a number of clients: each in a column of its own kind.
  signalen: tabelVan(
    tabel<KwartaalSignaal>(
      kolom.codeNaam('signaal', 'signaal_omschrijving', (r) => r.soort, (r) => SIGNAAL_TEKST[r.soort]),
      kolom.codeNaam('aanbieder_agb', 'aanbieder_naam', (r) => r.aanbiederAgb, (r) => r.naam),
      kolom.tekst('contract_nummer', (r) => r.contractNummer),
      kolom.bedrag('plafond_euro', (r) => (r.soort === SignaalSoortKwartaal.boven_plafond ? r.grens : null)),
      kolom.bedrag('toegekend_euro', (r) => (r.soort === SignaalSoortKwartaal.boven_plafond ? r.werkelijk : null)),
      kolom.aantal('grens_clienten', (r) => (r.soort === SignaalSoortKwartaal.buiten_lumpsumband ? r.grens : null)),
      kolom.aantal('clienten', (r) => (r.soort === SignaalSoortKwartaal.buiten_lumpsumband ? r.werkelijk : null)),
    ),
    (r) => r.signalen,
  ),
};

type TabelNaam = keyof typeof TABELLEN;
const isTabel = (t: string): t is TabelNaam => Object.hasOwn(TABELLEN, t);

/** The checked path parameters and the caller allowed to read the report. */
async function verzoek(verifier: TokenVerifier, req: Request): Promise<{ p: Principal; jaar: number; kwartaal: number; regioCode?: string }> {
  const p = await bearerPrincipal(verifier, req);
  if (!RAPPORT_LEZERS.includes(p.rol)) throw new HubError(HubErrorCode.FORBIDDEN, 'Geen toegang tot de kwartaalrapportage');
  const { jaar, kwartaal } = req.params as Record<string, string>;
  if (!/^\d{4}$/.test(jaar) || !/^[1-4]$/.test(kwartaal)) throw new HubError(HubErrorCode.VALIDATION_FAILED, 'jaar: 4 cijfers, kwartaal: 1–4');
  const regioCode = typeof req.query.regio === 'string' ? req.query.regio : undefined;
  return { p, jaar: Number(jaar), kwartaal: Number(kwartaal), regioCode };
}

/** The report, read with the caller's scope as the GraphQL query is; the export is audited (`onderdeel`: a table, or `xlsx`). */
function leesRapport(ds: DataSource, v: { p: Principal; jaar: number; kwartaal: number; regioCode?: string }, onderdeel: string): Promise<Kwartaalrapportage> {
  return withTenant(ds, v.p, async (em) => {
    const r = await rapportageService.kwartaalrapportage(em, v.p, v.jaar, v.kwartaal, v.regioCode);
    await audit(em, v.p, 'kwartaalrapportage.geexporteerd', 'kwartaalrapportage', null, { jaar: r.jaar, kwartaal: r.kwartaal, tabel: onderdeel }, r.regioCode);
    return r;
  });
}

/**
 * GET /export/kwartaal/{jaar}/{kwartaal}/{tabel}.csv: one table of the quarterly report;
 * GET /export/kwartaal/{jaar}/{kwartaal}.xlsx: every table, a sheet each. The same roles and scope
 * as the GraphQL query; every export is audited.
 */
export function kwartaalExportRouter(ds: DataSource, verifier: TokenVerifier): Router {
  const router = express.Router();
  router.get(
    '/kwartaal/:jaar/:kwartaal/:tabel.csv',
    wrap(async (req, res) => {
      const v = await verzoek(verifier, req);
      const { tabel: naam } = req.params as Record<string, string>;
      if (!isTabel(naam)) throw new HubError(HubErrorCode.NOT_FOUND, `Onbekende tabel; kies uit ${Object.keys(TABELLEN).join(', ')}`);
      const r = await leesRapport(ds, v, naam);
      const t: Tabel<unknown> = TABELLEN[naam] as Tabel<unknown>;
      res.type(CSV_TYPE).setHeader('content-disposition', `attachment; filename="kwartaal-${v.jaar}-Q${v.kwartaal}-${naam}.csv"`);
      res.send(schrijfCsv(t.kolommen, t.rijen(r)));
    }),
  );
  router.get(
    '/kwartaal/:jaar/:kwartaal.xlsx',
    wrap(async (req, res) => {
      const v = await verzoek(verifier, req);
      const r = await leesRapport(ds, v, 'xlsx');
      // One sheet per table; the rows are the report's (bounded by the region's municipalities and providers).
      const bladen = (Object.keys(TABELLEN) as TabelNaam[]).map((naam) => {
        const t = TABELLEN[naam] as Tabel<unknown>;
        return blad(naam, t.kolommen, t.rijen(r));
      });
      res.type(XLSX_TYPE).setHeader('content-disposition', `attachment; filename="kwartaal-${v.jaar}-Q${v.kwartaal}.xlsx"`);
      await schrijfXlsx(res, bladen);
    }),
  );
  router.use(jsonFouten('export'));
  return router;
}
