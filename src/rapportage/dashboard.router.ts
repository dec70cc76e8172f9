import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import type { Config } from '../config/config';

/** The dashboard's files, read once: a static page, its script, its style sheet and the OIDC client library. */
const BESTANDEN: Record<string, { type: string; pad: () => string }> = {
  '/': { type: 'text/html; charset=utf-8', pad: () => path.join(__dirname, 'dashboard', 'index.html') },
  '/dashboard.js': { type: 'text/javascript; charset=utf-8', pad: () => path.join(__dirname, 'dashboard', 'dashboard.js') },
  '/dashboard.css': { type: 'text/css; charset=utf-8', pad: () => path.join(__dirname, 'dashboard', 'dashboard.css') },
  // oauth4webapi (panva): authorization code + PKCE in the browser, one dependency-free ES module,
  // served by the hub itself so the page loads nothing from elsewhere.
  '/oauth4webapi.js': { type: 'text/javascript; charset=utf-8', pad: () => path.join(path.dirname(require.resolve('oauth4webapi/package.json')), 'build', 'index.js') },
};

/** What the page needs to sign in with OIDC; `null` without an OIDC provider. */
export interface DashboardConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
}

export function dashboardConfig(cfg: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>): DashboardConfig {
  return { oidc: cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID ? { issuer: cfg.OIDC_ISSUER, clientId: cfg.OIDC_CLIENT_ID, scope: cfg.OIDC_SCOPE } : null };
}

/**
 * The page only talks to this origin (and, for OIDC sign-in, to the provider's origin: discovery
 * and token endpoint), loads nothing from elsewhere, runs no inline script or style, and may not
 * be framed.
 */
export function dashboardCsp(cfg: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>): string {
  const oidc = dashboardConfig(cfg).oidc;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${oidc ? ` ${new URL(oidc.issuer).origin}` : ''}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * GET /dashboard: the read-only quarterly-report page (static; the data comes from GraphQL and the
 * exports with the user's token), and GET /dashboard/config.json: its OIDC settings.
 */
export function dashboardRouter(cfg: Pick<Config, 'OIDC_ISSUER' | 'OIDC_CLIENT_ID' | 'OIDC_SCOPE'>): Router {
  const router = express.Router();
  const inhoud = new Map(Object.entries(BESTANDEN).map(([route, b]) => [route, readFileSync(b.pad())]));
  const csp = dashboardCsp(cfg);
  const kop = (res: express.Response) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-store');
  };
  router.get('/config.json', (_req, res) => {
    kop(res);
    res.json(dashboardConfig(cfg));
  });
  router.get(Object.keys(BESTANDEN), (req, res) => {
    kop(res);
    res.type(BESTANDEN[req.path].type).send(inhoud.get(req.path));
  });
  return router;
}
