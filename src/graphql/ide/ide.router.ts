import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** What the IDE page says about this api. */
export interface IdeOpties {
  /** The api answers introspection (everywhere but production). */
  introspectie: boolean;
  /** `GET /dev/identiteiten` is mounted: the page offers its development identities. */
  identiteiten: boolean;
  omgeving: string;
}

/** The directory of an installed package (its package.json is exported; its UMD files are not). */
function pakket(naam: string): string {
  return path.dirname(require.resolve(`${naam}/package.json`));
}

/**
 * The page's files, served by the hub itself: GraphiQL 3's UMD build with React 18's UMD builds
 * from node_modules (no CDN, no bundler step), and the page's own script and style sheet.
 */
function bestanden(): Map<string, { type: string; inhoud: Buffer }> {
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  const lijst: [string, string, string][] = [
    ['/react.production.min.js', js, path.join(pakket('react'), 'umd', 'react.production.min.js')],
    ['/react-dom.production.min.js', js, path.join(pakket('react-dom'), 'umd', 'react-dom.production.min.js')],
    ['/graphiql.min.js', js, path.join(pakket('graphiql'), 'graphiql.min.js')],
    ['/graphiql.min.css', css, path.join(pakket('graphiql'), 'graphiql.min.css')],
    ['/ide.js', js, path.join(__dirname, 'ide.js')],
    ['/ide.css', css, path.join(__dirname, 'ide.css')],
  ];
  return new Map(lijst.map(([route, type, bestand]) => [route, { type, inhoud: readFileSync(bestand) }]));
}

/**
 * Scripts from this origin only, never inline. Styles from this origin plus the one <style>
 * element GraphiQL's dialogs add (its scroll lock), admitted by this response's nonce; fonts are
 * data: URIs inside GraphiQL's style sheet. The page talks to this origin only.
 */
export function ideCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "font-src 'self' data:",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function beveilig(res: Response, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

/**
 * The GraphiQL IDE: `page` answers a browser's `GET /graphql` (Accept: text/html, no query) and
 * `GET /ide`; `assets` serves the page's files under `/ide/`. Both answer with a strict CSP.
 */
export function graphqlIde(opties: IdeOpties): { pagina: (req: Request, res: Response, next: NextFunction) => void; router: Router } {
  const sjabloon = readFileSync(path.join(__dirname, 'ide.html'), 'utf8')
    .replace('{{omgeving}}', opties.omgeving)
    .replace('{{introspectie}}', opties.introspectie ? 'aan' : 'uit')
    .replace('{{identiteiten}}', opties.identiteiten ? 'aan' : 'uit');
  const geefPagina = (res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    beveilig(res, ideCsp(nonce));
    res.setHeader('cache-control', 'no-store');
    res.type('text/html; charset=utf-8').send(sjabloon.replace('{{nonce}}', nonce));
  };
  const pagina = (req: Request, res: Response, next: NextFunction) => {
    // A GraphQL GET (a query in the URL) or a client that does not want HTML goes to Apollo.
    if (req.query.query !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();
    geefPagina(res);
  };
  const inhoud = bestanden();
  const router = express.Router({ strict: true });
  router.get('/', (req, res) => {
    // The page's files are relative to /ide; from /ide/ they would be looked for one level down.
    if (req.originalUrl.split('?')[0].endsWith('/')) return void res.redirect(301, '../ide');
    geefPagina(res);
  });
  router.get([...inhoud.keys()], (req, res) => {
    const b = inhoud.get(req.path);
    if (!b) return void res.sendStatus(404);
    beveilig(res, "default-src 'none'");
    // Revalidated each time (ETag): the files change with an upgrade of the packages.
    res.setHeader('cache-control', 'no-cache');
    res.type(b.type).send(b.inhoud);
  });
  return { pagina, router };
}
