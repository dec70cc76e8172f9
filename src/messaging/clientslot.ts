import type { EntityManager } from 'typeorm';
import { prepared } from '../db/prepared';

/**
 * A client's key for the order of its messages: its municipality and the keyed hash of its BSN
 * (each municipality keeps its own client record).
 */
export const clientSlot = (gemeente: string, clientSleutel: string) => `${gemeente}:${clientSleutel}`;

/**
 * Locks these clients until the caller's transaction ends (advisory, per client key), always in
 * one order, so no two transactions wait on each other in a cycle. The inbox holds them while it
 * numbers and stores a client's messages, the worker while it judges them: a worker that holds a
 * client's lock sees every message of that client that was numbered before it.
 */
export async function vergrendelClienten(em: EntityManager, slots: Iterable<string>): Promise<void> {
  const k = [...new Set(slots)].sort();
  if (k.length) await prepared(em, `SELECT count(pg_advisory_xact_lock(hashtext('client:' || k)))::int AS n FROM unnest($1::text[]) AS k`, [k]);
}
