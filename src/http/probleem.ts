import type { IncomingMessage, ServerResponse } from 'node:http';
import { HubError, HubErrorCode, inputProblem, invalidParams, type InvalidParam } from '../common/hub-error';
import { log } from '../observability/logger';

/**
 * The one writer of REST error answers: RFC 9457 problem details (NL API Design Rules), as
 * `application/problem+json`. Every router's error handler and every refusal outside GraphQL goes
 * through here; /graphql keeps the GraphQL error shape.
 */
export const PROBLEEM_MEDIA_TYPE = 'application/problem+json';

/** A problem before it is written: its status, its stable code and a Dutch explanation. */
export interface Probleem {
  status: number;
  /** The stable machine code (`UNAUTHENTICATED`, `NOT_FOUND`, …); clients switch on it. */
  code: string;
  /** Dutch, for the caller: what was wrong with this request. */
  detail: string;
  /** For a validation failure: the failing input fields (the one field-name member, also in GraphQL). */
  invalidParams?: InvalidParam[];
  /** Further extension members a problem carries (e.g. the unknown party). */
  extra?: Record<string, unknown>;
}

/** RFC 9457 problem details as written. */
export interface ProbleemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  invalidParams?: InvalidParam[];
  [extension: string]: unknown;
}

/** Dutch titles per status: the same for every occurrence of a type. */
const TITELS: Record<number, string> = {
  400: 'Ongeldig verzoek',
  401: 'Niet geauthenticeerd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  405: 'Methode niet toegestaan',
  409: 'Conflict',
  413: 'Verzoek te groot',
  415: 'Mediatype niet ondersteund',
  422: 'Verzoek niet uitvoerbaar',
  500: 'Interne fout',
  503: 'Dienst niet beschikbaar',
};

/**
 * The type of a code: a URI reference per code, stable across releases, resolved against the
 * hub's own address (RFC 9457 section 3.1.1). Not meant to be dereferenced.
 */
export function probleemType(code: string): string {
  return `/problemen/${code.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Coded errors whose status is not 400. */
const STATUS_VAN_CODE: Record<string, number> = {
  [HubErrorCode.UNAUTHENTICATED]: 401,
  [HubErrorCode.TOKEN_EXPIRED]: 401,
  [HubErrorCode.FORBIDDEN]: 403,
  [HubErrorCode.NOT_FOUND]: 404,
  [HubErrorCode.CONFLICT]: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNSUPPORTED_CONTENT_TYPE: 415,
  UNSUPPORTED_CONTENT_ENCODING: 415,
  // A party in an iJw header the hub does not serve: understood, but it cannot be routed.
  UNKNOWN_SENDER: 422,
  UNKNOWN_RECEIVER: 422,
  // A sandbox's message or input with a BSN outside the test range: understood, refused, not stored.
  SANDBOX_ECHTE_BSN: 422,
  // These exact bytes were received before (a claim pre-flight of a claim already sent).
  ALREADY_RECEIVED: 409,
};

/** The HTTP status of a coded error. */
export function statusVanCode(code: string): number {
  return STATUS_VAN_CODE[code] ?? 400;
}

/** The refusals of Express's body readers (body-parser), by their `type`. */
function lezerProbleem(err: unknown): Probleem | undefined {
  const e = err as { type?: unknown; status?: unknown } | null;
  if (!e || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'Het verzoek is te groot' };
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Deze tekenset wordt niet ondersteund; gebruik UTF-8' };
    case 'encoding.unsupported':
      return { status: 415, code: 'UNSUPPORTED_CONTENT_ENCODING', detail: 'Deze Content-Encoding wordt niet ondersteund' };
    case 'entity.parse.failed':
      return { status: 400, code: 'BAD_REQUEST', detail: 'De inhoud van het verzoek is geen geldige JSON' };
    default:
      return { status: e.status, code: e.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', detail: 'De inhoud van het verzoek kan niet worden gelezen' };
  }
}

/**
 * The problem of anything a route threw: a coded error as its status and code, a body reader's
 * refusal as its own, a malformed value the database refused as 400; anything else a 500 that is
 * logged (by `soort`) and masked.
 */
export function probleemVan(err: unknown, soort: string): Probleem {
  if (err instanceof HubError) {
    const { veld, ...rest } = err.details;
    void veld;
    const params = invalidParams(err.details, err.message);
    return { status: statusVanCode(err.code), code: err.code, detail: err.message, ...(params && { invalidParams: params }), ...(Object.keys(rest).length && { extra: rest }) };
  }
  const lezer = lezerProbleem(err);
  if (lezer) {
    log.warn(`${soort} refused body`, { reason: (err as { type?: unknown }).type });
    return lezer;
  }
  const invoer = inputProblem(err);
  if (invoer) {
    log.warn(`${soort} refused input`, { sqlstate: invoer });
    return { status: 400, code: HubErrorCode.BAD_USER_INPUT, detail: 'Ongeldige invoer' };
  }
  log.error(`${soort} error`, { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  return { status: 500, code: HubErrorCode.INTERNAL, detail: 'Er ging iets mis in de hub; probeer het later opnieuw' };
}

/** The written form of `p` for the request `req`. */
export function probleemDetails(req: Pick<IncomingMessage, 'url'> & { originalUrl?: string }, p: Probleem): ProbleemDetails {
  return {
    ...p.extra,
    type: probleemType(p.code),
    title: TITELS[p.status] ?? (p.status >= 500 ? TITELS[500] : TITELS[400]),
    status: p.status,
    detail: p.detail,
    instance: (req.originalUrl ?? req.url ?? '/').split('?')[0],
    code: p.code,
    ...(p.invalidParams && { invalidParams: p.invalidParams }),
  };
}

/** Writes `p` as the answer to `req` (Express or plain node), unless an answer was already started. */
export function schrijfProbleem(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, p: Probleem): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(probleemDetails(req, p));
  res.statusCode = p.status;
  res.setHeader('content-type', `${PROBLEEM_MEDIA_TYPE}; charset=utf-8`);
  res.setHeader('content-length', Buffer.byteLength(body));
  res.end(body);
}

/** The error handler of a REST router (or the app): every error as problem details; unknown ones logged and masked. */
export function probleemAfhandelaar(soort: string) {
  return (err: unknown, req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: (e?: unknown) => void): void => {
    void next;
    schrijfProbleem(req, res, probleemVan(err, soort));
  };
}

/**
 * Refuses a request whose body is not of one of `types` with 415 before the body is read (a
 * request without a body passes). For every route that takes a body.
 */
export function vereisMediatype(...types: string[]) {
  const toegestaan = types.map((t) => t.toLowerCase());
  return (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: (e?: unknown) => void): void => {
    const heeftBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (heeftBody && !toegestaan.includes(type)) {
      schrijfProbleem(req, res, { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: `Content-Type moet ${types.join(' of ')} zijn` });
      return;
    }
    next();
  };
}

/** The answer for a path no route serves. */
export function onbekendePad(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse): void {
  schrijfProbleem(req, res, { status: 404, code: HubErrorCode.NOT_FOUND, detail: 'Deze URL bestaat niet in de hub' });
}
