import type { NextFunction, Request, Response } from 'express';
import { TokenError, type TokenVerifier } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import { log } from '../observability/logger';

/** The caller of a plain HTTP route, from its bearer token; a missing or bad token is a 401. */
export async function bearerPrincipal(verifier: TokenVerifier, req: Request): Promise<Principal> {
  const m = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  if (!m) throw new HubError(HubErrorCode.UNAUTHENTICATED, 'Geen bearer token');
  try {
    return await verifier.verify(m[1]);
  } catch (e) {
    if (e instanceof TokenError) throw new HubError(HubErrorCode.UNAUTHENTICATED, 'Ongeldig token');
    throw e;
  }
}

/** An async route handler whose rejection reaches the router's error handler. */
export const wrap = (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
  h(req, res).catch(next);
};

/** The HTTP status of a coded error. */
export function httpStatus(e: HubError): number {
  return { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 }[e.code] ?? 400;
}

/** The error handler of a plain JSON/CSV route: a coded error as its status and code, anything else a logged 500. */
export function jsonFouten(soort: string) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    void next;
    if (err instanceof HubError) res.status(httpStatus(err)).json({ code: err.code, message: err.message });
    else {
      log.error(`${soort} error`, { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      res.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: 'Interne fout' });
    }
  };
}
