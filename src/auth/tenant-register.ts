import type { DataSource } from 'typeorm';
import { withTenant } from '../db/tenant';
import type { Principal } from './principal';

/** Reads the register of regions and municipalities; the system needs a context to read under RLS. */
const LEZER: Principal = { sub: 'systeem:toegangscontrole', rol: 'beheerder', gemeenten: [] };

interface Kaart {
  /** Municipality codes per region code (every period of a municipality counts). */
  regios: Map<string, Set<string>>;
  geladen: number;
}

/**
 * Checks a token's tenant claims against the register at the door: the region must be known and
 * every municipality named must belong to it. Row-level security checks the region of each row
 * as well, so this is the first line, not the only one.
 *
 * The register is cached for `ttlMs` (it changes a few times a year, by an administrator) so a
 * request costs no extra round trip. A miss (a region or municipality not in the cached copy)
 * reloads it once before refusing, so a newly registered region is let in at once; concurrent
 * misses share one reload, and only a token with a valid signature gets this far, so bad claims
 * cannot be used to flood the database. A municipality moved to another region may still pass for
 * up to `ttlMs` on the old region; its rows then carry the new region and row-level security
 * shows the token none of them.
 */
export class TenantRegister {
  private kaart?: Kaart;
  private laden?: Promise<Kaart>;

  constructor(
    private readonly ds: DataSource,
    private readonly opts: { ttlMs?: number; nu?: () => number } = {},
  ) {}

  /** Why the principal's tenant claims do not fit the register, or undefined when they do. */
  async probleem(p: Principal): Promise<string | undefined> {
    if (!p.regio) return p.gemeenten.length ? 'gemeenten need a regio claim' : undefined;
    const nu = (this.opts.nu ?? Date.now)();
    const bewaard = this.kaart && nu - this.kaart.geladen < (this.opts.ttlMs ?? 60_000) ? this.kaart : undefined;
    const reden = toets(bewaard ?? (await this.herlaad()), p);
    // A miss on a kept copy may be a region or municipality registered since: read once more.
    return reden && bewaard ? toets(await this.herlaad(), p) : reden;
  }

  private herlaad(): Promise<Kaart> {
    this.laden ??= this.lees().finally(() => (this.laden = undefined));
    return this.laden;
  }

  private async lees(): Promise<Kaart> {
    const geladen = (this.opts.nu ?? Date.now)();
    const rows = await withTenant(this.ds, LEZER, (em) =>
      em.query<{ regio: string; gemeente: string | null }[]>(`SELECT r.code AS regio, g.code AS gemeente FROM regio r LEFT JOIN gemeente g ON g.regio_code = r.code`),
    );
    const regios = new Map<string, Set<string>>();
    for (const r of rows) {
      const s = regios.get(r.regio) ?? new Set<string>();
      if (r.gemeente) s.add(r.gemeente);
      regios.set(r.regio, s);
    }
    this.kaart = { regios, geladen };
    return this.kaart;
  }
}

function toets(k: Kaart, p: Principal): string | undefined {
  const gemeenten = p.regio ? k.regios.get(p.regio) : undefined;
  if (!gemeenten) return `unknown regio ${p.regio ?? ''}`;
  const vreemd = p.gemeenten.filter((g) => !gemeenten.has(g));
  return vreemd.length ? `gemeenten ${vreemd.join(', ')} are not in regio ${p.regio ?? ''}` : undefined;
}
