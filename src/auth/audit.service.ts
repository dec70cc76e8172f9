import type { EntityManager } from 'typeorm';
import type { Principal } from './principal';

/**
 * Appends an audit row in the caller's transaction, so the action and its trail commit together.
 * `details` must never carry a BSN.
 */
export async function audit(
  em: EntityManager,
  p: Principal,
  actie: string,
  entiteit: string,
  entiteitId: string | null,
  details: Record<string, unknown> = {},
  regioCode: string | null = p.regio ?? null,
): Promise<void> {
  // Plain INSERT without RETURNING: callers may append to the trail but not read it back (RLS).
  await em.query(
    'INSERT INTO audit_log (actor, rol, regio_code, actie, entiteit, entiteit_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [p.sub, p.rol, regioCode, actie, entiteit, entiteitId, JSON.stringify(details)],
  );
}
