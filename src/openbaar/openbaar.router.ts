import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../config/config';
import { HubError, HubErrorCode } from '../common/hub-error';
import { jsonFouten, wrap } from '../http/bearer';
import { CSV_TYPE, kolom, schrijfCsv, tabel } from '../http/csv';
import { dashboardCsp } from '../rapportage/dashboard.router';
import type { OpenWachttijden } from './openbaar.service';
import type { OpenCel, OpenFeed } from './openbaar.types';

/** The public page's files, read once: the same static approach as the dashboard. */
const BESTANDEN: Record<string, { type: string; naam: string }> = {
  '/': { type: 'text/html; charset=utf-8', naam: 'index.html' },
  '/open.js': { type: 'text/javascript; charset=utf-8', naam: 'open.js' },
  '/open.css': { type: 'text/css; charset=utf-8', naam: 'open.css' },
};

/** The CSV's columns: per row its period and when it was computed, so a saved file says what it is. */
const KOLOMMEN = tabel<OpenCel & { van: string; tot: string; gegenereerdOp: string }>(
  kolom.codeNaam('regio_code', 'regio_naam', (r) => r.regioCode, (r) => r.regioNaam),
  kolom.codeNaam('productcategorie', 'productcategorie_naam', (r) => r.productCategorie, (r) => r.productCategorieNaam),
  kolom.codeNaam('aanbieder_agb', 'aanbieder_naam', (r) => r.aanbiederAgb, (r) => r.aanbiederNaam),
  // Text: a count from 10 up, or `<10`.
  kolom.tekst('aantal_clienten', (r) => String(r.aantalClienten)),
  kolom.aantal('mediaan_dagen_aanmelding_tot_start', (r) => r.mediaanAanmeldingTotStart),
  kolom.aantal('p80_dagen_aanmelding_tot_start', (r) => r.p80AanmeldingTotStart),
  kolom.aantal('mediaan_dagen_aanmelding_tot_toewijzing', (r) => r.mediaanAanmeldingTotToewijzing),
  kolom.aantal('p80_dagen_aanmelding_tot_toewijzing', (r) => r.p80AanmeldingTotToewijzing),
  kolom.aantal('mediaan_dagen_toewijzing_tot_start', (r) => r.mediaanToewijzingTotStart),
  kolom.aantal('p80_dagen_toewijzing_tot_start', (r) => r.p80ToewijzingTotStart),
  kolom.datum('periode_van', (r) => r.van),
  kolom.datum('periode_tot', (r) => r.tot),
  kolom.tekst('gegenereerd_op', (r) => r.gegenereerdOp),
);

/** The feed, or one region's part of it (`?regio=`). */
function selectie(req: Request, feed: OpenFeed): OpenFeed {
  const regio = req.query.regio;
  if (regio === undefined) return feed;
  if (typeof regio !== 'string' || !/^[A-Za-z0-9_-]{1,20}$/.test(regio)) {
    throw new HubError(HubErrorCode.VALIDATION_FAILED, 'regio: een regiocode (letters, cijfers, - of _; ten hoogste 20)', { veld: 'regio' });
  }
  return { ...feed, cellen: feed.cellen.filter((c) => c.regioCode === regio) };
}

/**
 * Public data: anyone may read it from anywhere (CORS open), shared caches may keep it as long as
 * the hub does, and a client that has this version gets 304 without a body.
 */
function stuur(req: Request, res: Response, type: string, body: string, feed: OpenFeed, maxAge: number): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', `public, max-age=${maxAge}`);
  res.setHeader('etag', `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`);
  res.setHeader('last-modified', new Date(feed.gegenereerdOp).toUTCString());
  res.type(type);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.send(body);
}

/**
 * GET /open: the public waiting-time page; GET /open/wachttijden.json and .csv (`?regio=` for one
 * region): the feed it shows. No token: the feed holds aggregates only, suppressed below 10.
 */
export function openRouter(cfg: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>, wachttijden: OpenWachttijden): Router {
  const router = express.Router();
  const inhoud = new Map(Object.entries(BESTANDEN).map(([route, b]) => [route, readFileSync(path.join(__dirname, 'pagina', b.naam))]));
  const csp = dashboardCsp(cfg);
  router.get(Object.keys(BESTANDEN), (req, res) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-cache');
    res.type(BESTANDEN[req.path].type).send(inhoud.get(req.path));
  });
  router.get(
    '/wachttijden.json',
    wrap(async (req, res) => {
      const { feed, resterendSeconden } = await wachttijden.lees();
      const deel = selectie(req, feed);
      stuur(req, res, 'application/json; charset=utf-8', JSON.stringify(deel), deel, resterendSeconden);
    }),
  );
  router.get(
    '/wachttijden.csv',
    wrap(async (req, res) => {
      const { feed, resterendSeconden } = await wachttijden.lees();
      const deel = selectie(req, feed);
      res.setHeader('content-disposition', `attachment; filename="wachttijden-${deel.periode.van}-${deel.periode.tot}.csv"`);
      const rijen = deel.cellen.map((c) => ({ ...c, ...deel.periode, gegenereerdOp: deel.gegenereerdOp }));
      stuur(req, res, CSV_TYPE, schrijfCsv(KOLOMMEN, rijen), deel, resterendSeconden);
    }),
  );
  router.use(jsonFouten('open'));
  return router;
}
