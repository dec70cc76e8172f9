import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEEM } from '../auth/principal';
import type { KeyRing } from '../common/sleutels';
import { withTenant } from '../db/tenant';

/** A sandbox's rows are under the sandbox's own key (README, "Sandbox region"), not the ring's: never rewritten by it. */
const SANDBOX_AANBIEDER = 'NOT EXISTS (SELECT 1 FROM aanbieder a WHERE a.agb = bezorgadres.aanbieder_agb AND a.sandbox_regio IS NOT NULL)';

/** Every column the key ring encrypts, with the key of its table. A new encrypted column belongs here. */
export const VERSLEUTELDE_KOLOMMEN = [
  { tabel: 'bericht', id: 'id', kolom: 'xml_versleuteld', productie: 'hub_productie(regio_code)' },
  { tabel: 'client', id: 'id', kolom: 'gegevens_versleuteld', productie: 'hub_productie(regio_code)' },
  { tabel: 'verzoek', id: 'id', kolom: 'gegevens_versleuteld', productie: 'hub_productie(regio_code)' },
  { tabel: 'bezorgadres', id: 'aanbieder_agb', kolom: 'geheim_versleuteld', productie: SANDBOX_AANBIEDER },
  { tabel: 'bezorgadres', id: 'aanbieder_agb', kolom: 'vorig_geheim_versleuteld', productie: SANDBOX_AANBIEDER },
] as const;

export type Kolom = (typeof VERSLEUTELDE_KOLOMMEN)[number];

/** Rows whose blob does not start with the current key's header: written under an older key (or none). */
const oud = (k: Kolom) => `${k.kolom} IS NOT NULL AND substr(${k.kolom}, 1, $2) <> $1 AND ${k.productie}`;

/** Per column, how many values are not yet under the current key. */
export async function resterend(em: EntityManager, ring: KeyRing): Promise<{ kolom: string; aantal: number }[]> {
  const prefix = ring.huidigPrefix;
  const uit: { kolom: string; aantal: number }[] = [];
  for (const k of VERSLEUTELDE_KOLOMMEN) {
    const r = await em.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${k.tabel} WHERE ${oud(k)}`, [prefix, prefix.length]);
    uit.push({ kolom: `${k.tabel}.${k.kolom}`, aantal: r[0].n });
  }
  return uit;
}

/**
 * Rewrites every encrypted value still under an older key into the current one, in batches of
 * `batch` rows, each its own transaction as the system: a kill loses at most one batch, and a
 * rerun (the next worker start, or BullMQ after a stall) continues with what is left. Rows are
 * locked with SKIP LOCKED, so two runs never rewrite the same row. Returns the rows rewritten.
 */
export async function herversleutel(ds: DataSource, ring: KeyRing, batch = 200): Promise<{ herversleuteld: number }> {
  const prefix = ring.huidigPrefix;
  let totaal = 0;
  for (const k of VERSLEUTELDE_KOLOMMEN) {
    for (;;) {
      const n = await withTenant(ds, SYSTEEM, async (em) => {
        const rows = await em.query<{ id: string; blob: Buffer }[]>(
          `SELECT ${k.id} AS id, ${k.kolom} AS blob FROM ${k.tabel} WHERE ${oud(k)} ORDER BY ${k.id} LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [prefix, prefix.length, batch],
        );
        for (const r of rows) {
          await em.query(`UPDATE ${k.tabel} SET ${k.kolom} = $2 WHERE ${k.id} = $1`, [r.id, ring.herversleutel(r.blob)]);
        }
        return rows.length;
      });
      totaal += n;
      if (n < batch) break;
    }
  }
  return { herversleuteld: totaal };
}

/**
 * Queues the re-encryption when the ring still has keys that only read. The job id keeps one
 * run per current key at a time; a finished or failed run is removed, so the next start queues
 * again while anything is left (a run with nothing left costs one count per column).
 */
export async function startHerversleuteling(q: Queue, ring: KeyRing): Promise<boolean> {
  if (ring.oudeIds.length === 0) return false;
  await q.add('herversleutel', {}, { jobId: `herversleutel-${ring.huidigId}`, removeOnComplete: true, removeOnFail: true });
  return true;
}
