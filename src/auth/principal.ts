/** The six roles of the hub (architecture: security model); rollen.json lists them for scripts/token.js (a spec keeps the two equal). */
export const ROLLEN = ['regio', 'gemeente', 'toegang', 'aanbieder', 'beheerder', 'auditor'] as const;
export type Rol = (typeof ROLLEN)[number];

/** Who is calling, from the verified token: role plus tenant claims. */
export interface Principal {
  sub: string;
  rol: Rol;
  /** Region (tenant) code; absent only for an administrator over all regions or a provider. */
  regio?: string;
  /** CBS codes of the municipalities a `gemeente` or `toegang` caller acts for. */
  gemeenten: string[];
  /** AGB code of a provider caller. */
  agb?: string;
}

export function isRol(v: unknown): v is Rol {
  return typeof v === 'string' && (ROLLEN as readonly string[]).includes(v);
}

/** Checks the tenant claims a role needs; returns a reason when they are missing or malformed. */
export function principalProblem(p: Principal): string | undefined {
  if (p.agb !== undefined && !/^[0-9]{8}$/.test(p.agb)) return 'agb must be 8 digits';
  if (p.gemeenten.some((g) => !/^[0-9]{4}$/.test(g))) return 'gemeenten must be 4-digit CBS codes';
  switch (p.rol) {
    case 'aanbieder':
      return p.agb ? undefined : 'role aanbieder needs an agb claim';
    case 'gemeente':
      if (!p.regio) return 'role gemeente needs a regio claim';
      return p.gemeenten.length > 0 ? undefined : 'role gemeente needs at least one gemeente';
    case 'regio':
    case 'toegang':
    case 'auditor':
      return p.regio ? undefined : `role ${p.rol} needs a regio claim`;
    case 'beheerder':
      return undefined;
  }
}

/**
 * Whether `p` administers region `regio`: an administrator whose token names a region administers
 * that region only; one without (the worker, the seed, the hub's own) all of them.
 */
export function beheertRegio(p: Principal, regio: string | null | undefined): boolean {
  return p.rol === 'beheerder' && (!p.regio || p.regio === regio);
}

/**
 * The worker and seed act as a system administrator; row-level security still applies to their role.
 * A subject `systeem:…` (which no token may carry, see jwt.ts) without a region is the one context
 * that sees sandbox regions beside production (README, "Sandbox region").
 */
export const SYSTEEM: Principal = { sub: 'systeem:worker', rol: 'beheerder', gemeenten: [] };

/**
 * The system acting inside one region (a contract manager's view of it), for aggregates over rows
 * the caller may not read one by one; used read-only on a connection of its own (`systeemLezen`).
 */
export function systeemInRegio(taak: string, regio: string): Principal {
  return { sub: `systeem:${taak}`, rol: 'regio', regio, gemeenten: [] };
}

/**
 * The system over production regions only: no sandbox row is visible to it (its subject is not
 * `systeem:…`), for figures that must never count a sandbox, such as the metrics.
 */
export const PRODUCTIE_SYSTEEM: Principal = { sub: 'hub:productie', rol: 'beheerder', gemeenten: [] };

/** The system as administrator of one region only (a sandbox's reset, a sandbox caller's pre-flight). */
export function systeemBeheerVan(taak: string, regio: string): Principal {
  return { sub: `systeem:${taak}`, rol: 'beheerder', regio, gemeenten: [] };
}

/** Subjects the hub's own processes use; a token naming one is refused. */
export const SYSTEEM_SUB = /^systeem:/;
