import type { NextFunction, Request, Response } from 'express';
import { TokenError, type TokenVerifier } from '../auth/jwt';
import type { Principal } from '../auth/principal';
import { HubError, HubErrorCode } from '../common/hub-error';
import { noteCaller } from '../observability/request-context';
import { probleemAfhandelaar, statusVanCode } from './probleem';

/** The protection space named in every bearer challenge (RFC 6750). */
export const REALM = 'jeugdzorg-hub';

/**
 * A refused caller: no token, an expired one or an invalid one. It carries the
 * WWW-Authenticate challenge of its answer, so REST and GraphQL say the same.
 */
export class Unauthenticated extends HubError {
  constructor(readonly reden: 'ontbreekt' | 'verlopen' | 'ongeldig') {
    super(
      reden === 'verlopen' ? HubErrorCode.TOKEN_EXPIRED : HubErrorCode.UNAUTHENTICATED,
      { ontbreekt: 'Geen bearer token', verlopen: 'Token is verlopen', ongeldig: 'Ongeldig token' }[reden],
    );
  }

  /** RFC 6750 section 3: no error attribute when no token was sent. */
  get challenge(): string {
    if (this.reden === 'ontbreekt') return `Bearer realm="${REALM}"`;
    const description = this.reden === 'verlopen' ? 'The access token expired' : 'The access token is invalid';
    return `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
  }
}

/** The token of an `Authorization: Bearer <token>` header value, if it is one. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer (.+)$/i.exec(header ?? '')?.[1];
}

/** The caller of an `Authorization` header value; throws Unauthenticated. */
export async function principalFromHeader(verifier: TokenVerifier, header: string | undefined): Promise<Principal> {
  const token = bearerToken(header);
  if (token === undefined) throw new Unauthenticated('ontbreekt');
  try {
    const p = await verifier.verify(token);
    // The request's log line names the caller's role and organisation (never the token).
    noteCaller(p);
    return p;
  } catch (e) {
    if (e instanceof TokenError) throw new Unauthenticated(e.reden);
    throw e;
  }
}

/** The caller of a plain HTTP route, from its bearer token; a missing or bad token is a 401 with its challenge. */
export async function bearerPrincipal(verifier: TokenVerifier, req: Request): Promise<Principal> {
  try {
    return await principalFromHeader(verifier, req.headers.authorization);
  } catch (e) {
    // Set here so every router's error handler answers with the challenge.
    if (e instanceof Unauthenticated) req.res?.setHeader('WWW-Authenticate', e.challenge);
    throw e;
  }
}

/** An async route handler whose rejection reaches the router's error handler. */
export const wrap = (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
  h(req, res).catch(next);
};

/** The HTTP status of a coded error. */
export function httpStatus(e: HubError): number {
  return statusVanCode(e.code);
}

/**
 * The error handler of a plain JSON/CSV route: every error as `application/problem+json`
 * (src/http/probleem.ts); a coded error as its status and code, anything else a logged 500.
 */
export function jsonFouten(soort: string) {
  return probleemAfhandelaar(soort);
}
