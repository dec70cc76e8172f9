import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config';
import { isRol, principalProblem, type Principal } from './principal';

export class TokenError extends Error {}

/** Checks a verified token's tenant claims against the hub's register (see TenantRegister). */
export interface TenantCheck {
  probleem(p: Principal): Promise<string | undefined>;
}

/** Verifies bearer tokens: HS256 with the configured secret (development) or RS256 via JWKS (production). */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;

  constructor(
    private readonly cfg: Pick<Config, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>,
    /** Every entry point verifies through here, so a token whose tenant claims do not fit is refused (401) everywhere. */
    private readonly tenants?: TenantCheck,
  ) {
    if (cfg.JWT_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(cfg.JWT_JWKS_URL));
    else if (cfg.JWT_SECRET) this.secret = new TextEncoder().encode(cfg.JWT_SECRET);
    else throw new TokenError('no key source configured');
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      const opts = { issuer: this.cfg.JWT_ISSUER, audience: this.cfg.JWT_AUDIENCE };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...opts, algorithms: ['RS256'] })).payload
        : (await jwtVerify(token, this.secret as Uint8Array, { ...opts, algorithms: ['HS256'] })).payload;
    } catch (e) {
      throw new TokenError(`invalid token: ${(e as Error).message}`);
    }
    const p = principalFromClaims(payload);
    const problem = await this.tenants?.probleem(p);
    if (problem) throw new TokenError(problem);
    return p;
  }
}

/** Maps verified JWT claims onto a Principal; refuses a token whose claims do not fit its role. */
export function principalFromClaims(c: JWTPayload): Principal {
  if (!isRol(c.rol)) throw new TokenError('token has no valid rol claim');
  const gemeenten = Array.isArray(c.gemeenten) ? c.gemeenten.map(String) : [];
  const p: Principal = {
    sub: typeof c.sub === 'string' ? c.sub : 'onbekend',
    rol: c.rol,
    regio: typeof c.regio === 'string' && c.regio !== '' ? c.regio : undefined,
    gemeenten,
    agb: typeof c.agb === 'string' && c.agb !== '' ? c.agb : undefined,
  };
  const problem = principalProblem(p);
  if (problem) throw new TokenError(problem);
  return p;
}

/** Mints an HS256 development token (the `npm run token` CLI and tests). */
export async function signDevToken(p: Omit<Principal, 'sub'> & { sub?: string }, secret: string, ttl = '12h'): Promise<string> {
  const problem = principalProblem({ sub: p.sub ?? 'dev', ...p });
  if (problem) throw new TokenError(problem);
  const claims: JWTPayload = { rol: p.rol };
  if (p.regio) claims.regio = p.regio;
  if (p.gemeenten.length) claims.gemeenten = p.gemeenten;
  if (p.agb) claims.agb = p.agb;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.sub ?? `dev-${p.rol}`)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}
