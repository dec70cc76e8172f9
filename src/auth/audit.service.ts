import type { EntityManager } from 'typeorm';
import { redenVoor } from './audit-redenen';
import type { Principal } from './principal';

/**
 * Appends an audit row in the caller's transaction, so the action and its trail commit together.
 * `details` must never carry a BSN. `client` names the client(s) concerned by the keyed hash of
 * their BSN (`sleutels.bsnHash`, as `client.bsn_hash`): one row per client, so the trail of one
 * client is found by its hash (NEN 7513). The row's reason is derived from `actie`; on whose
 * behalf is set by the database from the transaction's context.
 */
export async function audit(
  em: EntityManager,
  p: Principal,
  actie: string,
  entiteit: string,
  entiteitId: string | null,
  details: Record<string, unknown> = {},
  regioCode: string | null = p.regio ?? null,
  client: string | readonly string[] | null = null,
): Promise<void> {
  const clienten = client === null ? [null] : typeof client === 'string' ? [client] : client.length ? [...new Set(client)] : [null];
  // Plain INSERT without RETURNING: callers may append to the trail but not read it back (RLS).
  await em.query(
    `INSERT INTO audit_log (actor, rol, regio_code, actie, entiteit, entiteit_id, details, reden, client_hash)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, c FROM unnest($9::char(64)[]) AS c`,
    [p.sub, p.rol, regioCode, actie, entiteit, entiteitId, JSON.stringify(details), redenVoor(actie), clienten],
  );
}
