import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config';
import { isRol, principalProblem, SYSTEEM_SUB, type Principal } from './principal';

/** Why a token was refused: a caller can renew an expired token, an invalid one never works. */
export type TokenFout = 'verlopen' | 'ongeldig';

export class TokenError extends Error {
  constructor(
    message: string,
    readonly reden: TokenFout = 'ongeldig',
  ) {
    super(message);
  }
}

/** Longest accepted lifetime when none is configured: one working day. */
export const DEFAULT_MAX_TTL_SECONDS = 12 * 3600;

type VerifierConfig = Pick<Config, 'JWT_SECRET' | 'JWT_JWKS_URL' | 'JWT_ISSUER' | 'JWT_AUDIENCE'> & { JWT_MAX_TTL_SECONDS?: number };

/** Checks a verified token's tenant claims against the hub's register (see TenantRegister). */
export interface TenantCheck {
  probleem(p: Principal): Promise<string | undefined>;
}

/** Verifies bearer tokens: HS256 with the configured secret (development) or RS256 via JWKS (production). */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;
  private readonly maxTtl: number;

  constructor(
    private readonly cfg: VerifierConfig,
    /** Every entry point verifies through here, so a token whose tenant claims do not fit is refused (401) everywhere. */
    private readonly tenants?: TenantCheck,
  ) {
    if (cfg.JWT_JWKS_URL) this.jwks = createRemoteJWKSet(new URL(cfg.JWT_JWKS_URL));
    else if (cfg.JWT_SECRET) this.secret = new TextEncoder().encode(cfg.JWT_SECRET);
    else throw new TokenError('no key source configured');
    this.maxTtl = cfg.JWT_MAX_TTL_SECONDS ?? DEFAULT_MAX_TTL_SECONDS;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      // A token without exp would be valid forever: exp is required, and bounded below.
      const opts = { issuer: this.cfg.JWT_ISSUER, audience: this.cfg.JWT_AUDIENCE, requiredClaims: ['exp'] };
      payload = this.jwks
        ? (await jwtVerify(token, this.jwks, { ...opts, algorithms: ['RS256'] })).payload
        : (await jwtVerify(token, this.secret as Uint8Array, { ...opts, algorithms: ['HS256'] })).payload;
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new TokenError('token expired', 'verlopen');
      throw new TokenError(`invalid token: ${(e as Error).message}`);
    }
    const problem = lifetimeProblem(payload, this.maxTtl, Math.floor(Date.now() / 1000));
    if (problem) throw new TokenError(problem);
    const p = principalFromClaims(payload);
    const tenantProblem = await this.tenants?.probleem(p);
    if (tenantProblem) throw new TokenError(tenantProblem);
    return p;
  }
}

/**
 * A token may live at most `maxTtl` seconds: counted from its iat, or from now when it has none
 * (so a token minted without iat cannot be valid for longer either).
 */
export function lifetimeProblem(c: JWTPayload, maxTtl: number, now: number): string | undefined {
  if (typeof c.exp !== 'number') return 'token has no exp claim';
  const from = typeof c.iat === 'number' ? c.iat : now;
  if (c.exp - from > maxTtl) return `token lifetime exceeds ${maxTtl} seconds`;
  return undefined;
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
  // The hub's own processes are told apart by their subject (they alone see sandbox and production).
  if (SYSTEEM_SUB.test(p.sub)) throw new TokenError('sub systeem:… is reserved for the hub itself');
  return p;
}

/**
 * Mints an HS256 development token (the `npm run token` CLI and tests). It carries iss and aud
 * when given, so it passes a verifier that requires them.
 */
export async function signDevToken(
  p: Omit<Principal, 'sub'> & { sub?: string },
  secret: string,
  ttl: string | number = '12h',
  opts: { issuer?: string; audience?: string } = {},
): Promise<string> {
  const problem = principalProblem({ sub: p.sub ?? 'dev', ...p });
  if (problem) throw new TokenError(problem);
  const claims: JWTPayload = { rol: p.rol };
  if (p.regio) claims.regio = p.regio;
  if (p.gemeenten.length) claims.gemeenten = p.gemeenten;
  if (p.agb) claims.agb = p.agb;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(p.sub ?? `dev-${p.rol}`)
    .setIssuedAt()
    .setExpirationTime(typeof ttl === 'number' ? Math.floor(Date.now() / 1000) + ttl : ttl);
  if (opts.issuer) jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
