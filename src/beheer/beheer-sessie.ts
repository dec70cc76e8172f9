import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Principal } from '../auth/principal';

/** Name of the administrator's session cookie (HttpOnly, SameSite=Strict, Path=/beheer). */
export const SESSIE_COOKIE = 'hub_beheer';

/**
 * Administrator sessions for the pages under /beheer, which a browser opens by navigation and so
 * without a bearer header. Kept in Redis (every api instance sees them; a logout ends them
 * everywhere), keyed by the SHA-256 of the cookie's value, so a read of Redis yields no cookie.
 */
export class BeheerSessies {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private sleutel(id: string): string {
    return `${this.prefix}:beheer:sessie:${createHash('sha256').update(id).digest('hex')}`;
  }

  /** A new session for `p`, valid `seconden`; returns the cookie's value. */
  async open(p: Principal, seconden: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.sleutel(id), JSON.stringify(p), 'EX', seconden);
    return id;
  }

  /** The principal of a live session, or nothing. */
  async lees(id: string): Promise<Principal | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const v = await this.redis.get(this.sleutel(id));
    return v === null ? undefined : (JSON.parse(v) as Principal);
  }

  async sluit(id: string): Promise<void> {
    await this.redis.del(this.sleutel(id));
  }
}

/** The value of one cookie of a `Cookie` header. */
export function cookieWaarde(header: string | undefined, naam: string): string | undefined {
  for (const deel of (header ?? '').split(';')) {
    const i = deel.indexOf('=');
    if (i > 0 && deel.slice(0, i).trim() === naam) return deel.slice(i + 1).trim();
  }
  return undefined;
}
