import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp, startTime } from 'pino-http';
import { httpLogger, log } from '../observability/logger';
import { REQUEST_ID_HEADER, requestIdFrom, runInRequest, type RequestScope } from '../observability/request-context';

/** Probes and scrapes: their lines are debug, or every few seconds would add one. */
const ROUTINE = new Set(['/healthz', '/readyz', '/metrics']);

/** A path segment shown as it is: a plain word (a route name or a file), never an id, a number or a code. */
const WOORD = /^[a-z][a-z-]{0,40}(\.[a-z]{2,5})?$/i;

/**
 * The route of a request as logged: the pattern of the route that served it (`/ijw/berichten/:id`)
 * or else its path with every segment that is not a plain word replaced by `:x`. Never the query
 * string: ids, codes and anything personal stay out of the logs.
 */
export function routeVan(req: Request): string {
  const patroon: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof patroon === 'string') return `${req.baseUrl}${patroon}`;
  const pad = (req.originalUrl ?? req.url).split('?')[0];
  return pad
    .split('/')
    .map((s) => (s === '' || WOORD.test(s) ? s : ':x'))
    .join('/');
}

const SCOPE = Symbol('request scope');
type MetScope = Request & { [SCOPE]?: RequestScope };

/** The GraphQL operation's name, when it is a plain name (it is the client's text). */
function operatie(req: Request): string | undefined {
  const body: unknown = req.body;
  const naam = body && typeof body === 'object' ? (body as { operationName?: unknown }).operationName : undefined;
  return typeof naam === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(naam) ? naam : undefined;
}

/**
 * The request log, first in the app: a request id (the caller's `X-Request-Id` when it is short
 * and plain, else a new UUID; echoed in the answer) current for everything the request does
 * (src/observability/request-context.ts), and one line per request: method, route, status,
 * duration, the caller's role and organisation, never a header value, a body or a query string.
 * A request still running after `slowMs` gets a `slow request` warning then, not only at its end
 * (a request that never ends still leaves a line).
 */
export function requestLog(opts: { slowMs: number }): RequestHandler[] {
  const scope: RequestHandler = (req, res, next) => {
    const s: RequestScope = { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]) };
    (req as MetScope)[SCOPE] = s;
    res.setHeader('X-Request-Id', s.requestId);
    runInRequest(s, () => {
      if (opts.slowMs > 0) {
        const started = performance.now();
        const timer = setTimeout(() => {
          log.warn('slow request', { method: req.method, route: routeVan(req), elapsedMs: Math.round(performance.now() - started), thresholdMs: opts.slowMs, role: s.role, org: s.org });
        }, opts.slowMs);
        timer.unref();
        const stop = () => clearTimeout(timer);
        res.once('finish', stop);
        res.once('close', stop);
      }
      next();
    });
  };
  const regel = (req: Request, res: Response, responseTime: number) => {
    const s = (req as MetScope)[SCOPE];
    return {
      method: req.method,
      route: routeVan(req),
      ...(operatie(req) && { operation: operatie(req) }),
      status: res.headersSent ? res.statusCode : undefined,
      durationMs: responseTime,
      ...(s?.role && { role: s.role, org: s.org }),
      ...(opts.slowMs > 0 && responseTime > opts.slowMs && { slow: true }),
    };
  };
  const http = pinoHttp<Request, Response>({
    logger: httpLogger,
    genReqId: (req) => (req as MetScope)[SCOPE]?.requestId ?? requestIdFrom(undefined),
    customAttributeKeys: { reqId: 'requestId' },
    // Only the request id is bound; the line is built by `regel`, nothing of req/res is serialised.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      const duur = Date.now() - (res[startTime] ?? Date.now());
      if (opts.slowMs > 0 && duur > opts.slowMs) return 'warn';
      return ROUTINE.has(req.path) && res.statusCode < 400 ? 'debug' : 'info';
    },
    customSuccessObject: (req, res, o: { responseTime: number }) => regel(req, res, o.responseTime),
    customErrorObject: (req, res, _err, o: { responseTime: number }) => regel(req, res, o.responseTime),
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request' : 'request aborted'),
    customErrorMessage: () => 'request',
  });
  return [scope, http];
}

