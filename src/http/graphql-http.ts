import { createHash } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { parse, type DocumentNode } from 'graphql';
import { documentProblem, type DocumentLimits, type DocumentProblem } from '../graphql/limits';
import { log } from '../observability/logger';

/** A GraphQL-shaped error answer, as Apollo would give, for refusals before Apollo runs. */
function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Answers 503 REQUEST_TIMEOUT when `handler` has not answered within `ms`. The work itself is
 * bounded elsewhere (document limits, statement timeout); this bounds the caller's wait. A late
 * answer of the handler is dropped.
 */
export function withDeadline(ms: number, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    let late = false;
    const started = Date.now();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      late = true;
      log.warn('graphql request timed out', { ms: Date.now() - started });
      refuse(res, 503, 'REQUEST_TIMEOUT', `Geen antwoord binnen ${ms} ms`);
    }, ms);
    res.on('close', () => clearTimeout(timer));
    const dropLate = (e: unknown) => {
      if (!late) next(e);
    };
    try {
      Promise.resolve(handler(req, res, (e?: unknown) => (e === undefined ? next() : dropLate(e)))).catch(dropLate);
    } catch (e) {
      dropLate(e);
    }
  };
}

/** JSON is UTF-8 (RFC 8259): a declared charset must say so; none means UTF-8. */
function utf8(contentType: string | undefined): boolean {
  const m = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(contentType ?? '');
  return !m || /^utf-?8$/i.test(m[1]);
}

/**
 * The body of /graphql: JSON only (UTF-8), at most `maxBytes`. Anything else is refused with its
 * own status and code in the GraphQL error shape, and logged without the body.
 */
export function graphqlBody(maxBytes: number): RequestHandler[] {
  const json = express.json({ limit: maxBytes });
  const contentType: RequestHandler = (req, res, next) => {
    if (req.method === 'POST' && (!req.is('application/json') || !utf8(req.headers['content-type']))) {
      log.warn('graphql request refused', { limit: 'contentType' });
      refuse(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Alleen application/json in UTF-8');
      return;
    }
    // GET carries its operation in the URL; Apollo wants a body object all the same.
    if (req.method !== 'POST') req.body ??= {};
    next();
  };
  return [contentType, json];
}

/** The refusals of the body reader (too large, not JSON, a charset other than UTF-8) as GraphQL errors. */
export function graphqlBodyErrors() {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const e = err as { type?: unknown; status?: unknown };
    if (res.headersSent || typeof e.status !== 'number' || typeof e.type !== 'string') {
      next(err);
      return;
    }
    const [status, code, message] =
      e.type === 'entity.too.large'
        ? [413, 'PAYLOAD_TOO_LARGE', 'Verzoek is te groot']
        : e.type === 'charset.unsupported' || e.type === 'encoding.unsupported'
          ? [415, 'UNSUPPORTED_MEDIA_TYPE', 'Alleen JSON in UTF-8']
          : [400, 'BAD_REQUEST', 'Verzoek is geen geldige JSON'];
    log.warn('graphql request refused', { limit: 'body', reason: e.type });
    refuse(res, status, code, message);
  };
}

/**
 * The verdicts of `documentLimits` on documents seen before, by a hash of their text, the least
 * recently used dropped beyond `max`: a client sends the same few documents again and again, and
 * Apollo keeps their parsed form (its document store) the same way, so a known document is parsed
 * by neither.
 */
export class VerdictCache {
  private readonly map = new Map<string, DocumentProblem | null>();

  constructor(private readonly max = 1000) {}

  /** The verdict on `text`: computed by `judge` (and kept) when not known. */
  verdict(text: string, judge: () => DocumentProblem | null): DocumentProblem | null {
    const key = createHash('sha256').update(text).digest('base64');
    const known = this.map.get(key);
    if (known !== undefined) {
      // Most recently used last.
      this.map.delete(key);
      this.map.set(key, known);
      return known;
    }
    const v = judge();
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * Refuses a document over the selection or directive limit (400 QUERY_TOO_COMPLEX) before Apollo
 * sees it. It must come before validation: the standard rules run in one visitor, and one of them
 * (overlapping fields) costs time quadratic in the selections, so a rule beside them comes too
 * late; and Apollo turns an error thrown from a plugin hook into a 500. Parsing is bounded by
 * `maxTokens`; a document that does not parse is left to Apollo, which says why. Verdicts are kept
 * per document text (`VerdictCache`), so a known document is not parsed again.
 */
export function documentLimits(limits: DocumentLimits & { maxTokens: number }, cache = new VerdictCache()): RequestHandler {
  const judge = (text: string) => (): DocumentProblem | null => {
    let doc: DocumentNode;
    try {
      doc = parse(text, { maxTokens: limits.maxTokens, noLocation: true });
    } catch {
      return null;
    }
    return documentProblem(doc, limits) ?? null;
  };
  return (req, res, next) => {
    const body: unknown = req.body;
    const fromBody = body && typeof body === 'object' && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
    const text = req.method === 'GET' ? req.query.query : fromBody;
    if (typeof text !== 'string') {
      next();
      return;
    }
    const problem = cache.verdict(text, judge(text));
    if (!problem) {
      next();
      return;
    }
    log.warn('graphql request refused', { limit: problem.limit, found: problem.found });
    refuse(res, 400, problem.limit === 'fragmentCycle' ? 'GRAPHQL_VALIDATION_FAILED' : 'QUERY_TOO_COMPLEX', problem.message);
  };
}
