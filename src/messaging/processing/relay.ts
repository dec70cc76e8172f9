import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { withTenant } from '../../db/tenant';
import { SYSTEEM } from './verwerking';

/** Job names of the `berichten` queue; payloads carry ids only. */
export const JOB_VOOR_SOORT = { verwerk: 'verwerk-bericht', bezorg: 'bezorg-bericht' } as const;

/**
 * Hands committed outbox rows to BullMQ. The job id is the outbox id, so a relay that dies
 * between enqueue and marking re-adds the same job id, which BullMQ ignores while the job
 * exists; a job that already ran is a no-op for the processor. Returns the rows relayed.
 */
export async function relayOnce(ds: DataSource, queue: Queue, batch = 500): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const rows = await em.query<{ id: string; soort: 'verwerk' | 'bezorg'; bericht_id: string }[]>(
      `SELECT id, soort, bericht_id FROM outbox WHERE doorgezet_op IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batch],
    );
    if (!rows.length) return 0;
    await queue.addBulk(
      rows.map((r) => ({
        name: JOB_VOOR_SOORT[r.soort],
        data: { outboxId: r.id, berichtId: r.bericht_id },
        opts: { jobId: `outbox-${r.id}`, attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: false },
      })),
    );
    await em.query(`UPDATE outbox SET doorgezet_op = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
    return rows.length;
  });
}

/** Runs the relay every `intervalMs` until stopped; errors (Redis or PostgreSQL away) are retried. */
export function startRelay(ds: DataSource, queue: Queue, intervalMs: number, onError: (e: unknown) => void): { stop: () => Promise<void> } {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    while (!stopped) {
      try {
        // Drain in batches, then wait.
        while (!stopped && (await relayOnce(ds, queue)) > 0);
      } catch (e) {
        onError(e);
      }
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  running = tick();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
