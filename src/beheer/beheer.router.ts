import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { decodeJwt } from 'jose';
import type { DataSource } from 'typeorm';
import { audit } from '../auth/audit.service';
import type { Principal } from '../auth/principal';
import type { RouteContext } from '../common/hub-module';
import { HubError, HubErrorCode } from '../common/hub-error';
import { withTenant } from '../db/tenant';
import { bearerPrincipal, bearerToken, jsonFouten, REALM, Unauthenticated, wrap } from '../http/bearer';
import { BeheerSessies, cookieWaarde, SESSIE_COOKIE } from './beheer-sessie';
import { wachtrijenDashboard } from './wachtrijen';

/** Where the module is mounted; the cookie is scoped to it. */
export const BEHEER_PAD = '/beheer';

/** Scripts, styles and requests of this origin only; nothing inline, no frames. */
export const BEHEER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function beveilig(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('content-security-policy', BEHEER_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  next();
}

/** Methods that change nothing; everything else is an administrator acting. */
const LEZEN = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request whose cookie came with it from this origin's own page. SameSite=Strict already keeps
 * the cookie off other sites' requests; the fetch metadata (or Origin) is the second lock.
 */
function vanEigenPagina(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The page's files: a static page, its script and its style sheet. */
const BESTANDEN: Record<string, { type: string; naam: string }> = {
  '/': { type: 'text/html; charset=utf-8', naam: 'index.html' },
  '/beheer.js': { type: 'text/javascript; charset=utf-8', naam: 'beheer.js' },
  '/beheer.css': { type: 'text/css; charset=utf-8', naam: 'beheer.css' },
};

interface Aantal {
  richting: string;
  status: string;
  aantal: number;
  oudste: string | null;
}

/**
 * `/beheer`: the administrator's pages. `POST /sessie` (bearer token of a `beheerder` over all
 * regions) opens a short session cookie, so a browser can open the queue dashboard
 * (`/wachtrijen`, bull-board over every BullMQ queue) and `GET /berichten` (the received and
 * outgoing messages per status: PostgreSQL is the queue of received messages) by navigation.
 * Both also take the bearer header. Other roles get 403, no credentials 401. Every action on a
 * queue (retry, clean, pause, …) is audited before it runs; with the cookie only from this
 * origin's own page.
 */
export function beheerRouter({ cfg, ds, verifier, redis }: Pick<RouteContext, 'cfg' | 'ds' | 'verifier' | 'redis'>): Router {
  const sessies = new BeheerSessies(redis, cfg.QUEUE_PREFIX);
  const productie = cfg.NODE_ENV === 'production';
  const cookie = (waarde: string, seconden: number) =>
    `${SESSIE_COOKIE}=${waarde}; Path=${BEHEER_PAD}; Max-Age=${seconden}; HttpOnly; SameSite=Strict${productie ? '; Secure' : ''}`;

  /** The administrator of a request: bearer header first, else the session cookie. */
  async function beheerder(req: Request): Promise<{ p: Principal; via: 'bearer' | 'sessie' }> {
    let p: Principal | undefined;
    let via: 'bearer' | 'sessie' = 'bearer';
    if (req.headers.authorization !== undefined) p = await bearerPrincipal(verifier, req);
    else {
      const id = cookieWaarde(req.headers.cookie, SESSIE_COOKIE);
      p = id === undefined ? undefined : await sessies.lees(id);
      via = 'sessie';
    }
    if (!p) {
      req.res?.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
      throw new Unauthenticated('ontbreekt');
    }
    // The queues carry every region's work: only an administrator over all regions sees them.
    if (p.rol !== 'beheerder' || p.regio) throw new HubError(HubErrorCode.FORBIDDEN, 'Alleen een beheerder van alle regio\'s heeft toegang tot het beheer');
    if (via === 'sessie' && !LEZEN.has(req.method) && !vanEigenPagina(req)) {
      throw new HubError(HubErrorCode.FORBIDDEN, 'Geweigerd: dit verzoek komt niet van de eigen beheerpagina');
    }
    return { p, via };
  }

  const router = express.Router();
  router.use(beveilig);

  const dir = path.join(__dirname, 'pagina');
  const inhoud = new Map(Object.entries(BESTANDEN).map(([route, b]) => [route, readFileSync(path.join(dir, b.naam))]));
  router.get(['/', '/beheer.js', '/beheer.css'], (req, res) => {
    // The page names its neighbours relatively: it must be read as /beheer/.
    if (req.path === '/' && !req.originalUrl.split('?')[0].endsWith('/')) return void res.redirect(301, `${BEHEER_PAD}/`);
    const b = BESTANDEN[req.path];
    res.setHeader('cache-control', 'no-store');
    res.type(b.type).send(inhoud.get(req.path));
  });

  router.post(
    '/sessie',
    wrap(async (req, res) => {
      // Only with the bearer header: a cookie cannot open a session, so no other site can either.
      if (req.headers.authorization === undefined) {
        res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
        throw new Unauthenticated('ontbreekt');
      }
      const { p } = await beheerder(req);
      const exp = decodeJwt(bearerToken(req.headers.authorization) ?? '').exp ?? 0;
      const seconden = Math.min(cfg.ADMIN_SESSION_SECONDS, exp - Math.floor(Date.now() / 1000));
      if (seconden < 1) throw new Unauthenticated('verlopen');
      await withTenant(ds, p, (em) => audit(em, p, 'beheer.sessie.geopend', 'beheersessie', null, { seconden }));
      const id = await sessies.open(p, seconden);
      res.setHeader('set-cookie', cookie(id, seconden));
      res.setHeader('cache-control', 'no-store');
      res.json({ geldigTot: new Date(Date.now() + seconden * 1000).toISOString() });
    }),
  );
  router.delete(
    '/sessie',
    wrap(async (req, res) => {
      const id = cookieWaarde(req.headers.cookie, SESSIE_COOKIE);
      if (id !== undefined) await sessies.sluit(id);
      res.setHeader('set-cookie', cookie('', 0));
      res.sendStatus(204);
    }),
  );

  router.get(
    '/berichten',
    wrap(async (req, res) => {
      const { p } = await beheerder(req);
      res.setHeader('cache-control', 'no-store');
      res.json({ berichten: await telBerichten(ds, p) });
    }),
  );

  const dashboard = wachtrijenDashboard(redis, cfg.QUEUE_PREFIX, `${BEHEER_PAD}/wachtrijen`);
  dashboard.router.disable('x-powered-by');
  const toegang = async (req: Request, res: Response) => {
    const { p, via } = await beheerder(req);
    if (!LEZEN.has(req.method)) {
      // Administration: on the record before it runs; no record, no action.
      const wachtrij = /^\/api\/queues\/([^/]+)/.exec(req.path)?.[1];
      await withTenant(ds, p, (em) => audit(em, p, 'wachtrij.actie', 'wachtrij', wachtrij === undefined ? null : decodeURIComponent(wachtrij), { methode: req.method, pad: req.path, via }));
    }
    res.setHeader('cache-control', 'no-store');
  };
  router.use(
    '/wachtrijen',
    (req: Request, res: Response, next: NextFunction) => {
      toegang(req, res).then(() => next(), next);
    },
    dashboard.router,
  );
  router.use(jsonFouten('beheer'));
  return router;
}

/** Messages per direction and status, with the oldest receipt: the backlog PostgreSQL holds. */
async function telBerichten(ds: DataSource, p: Principal): Promise<Aantal[]> {
  return withTenant(ds, p, (em) =>
    em.query<Aantal[]>(
      `SELECT richting, status, count(*)::int AS aantal, min(ontvangen_op) AS oudste
         FROM bericht GROUP BY richting, status ORDER BY richting, status`,
    ),
  );
}
