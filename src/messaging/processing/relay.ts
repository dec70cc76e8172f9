import type { Queue } from 'bullmq';
import { berichtStatus } from '../status';
import { prepared } from '../../db/prepared';
import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from '../../db/tenant';
import { SYSTEEM } from './verwerking';

/** Job names of the `berichten` queue by outbox kind; payloads carry ids only. */
export const JOB_VOOR_SOORT = { bezorg: 'bezorg-bericht', budgetsignaal: 'bezorg-budgetsignaal' } as const;

/** How often a job is tried, and the first backoff (doubling after each failure). */
export interface Pogingen {
  attempts: number;
  backoffMs: number;
}
const STANDAARD: Pogingen = { attempts: 8, backoffMs: 1000 };

interface OutboxRij {
  id: string;
  soort: keyof typeof JOB_VOOR_SOORT;
  bericht_id: string | null;
  budgetsignaal_id: string | null;
  /** The request that caused the message: carried into the job (an id, never content). */
  verzoek_id: string | null;
}

// In the select list, so FOR UPDATE locks only the outbox row.
const VERZOEK = '(SELECT b.verzoek_id FROM bericht b WHERE b.id = outbox.bericht_id) AS verzoek_id';

/**
 * Adds the rows' jobs and marks them handed over, in the caller's transaction. The job id is
 * the outbox id, so adding a row twice (a relay that died before its commit, or the sweep) is
 * ignored by BullMQ while the job exists, and a job that already ran is a no-op for the processor.
 */
async function geefDoor(em: EntityManager, queue: Queue, rows: OutboxRij[], p: Pogingen): Promise<number> {
  if (!rows.length) return 0;
  await queue.addBulk(
    rows.map((r) => ({
      name: JOB_VOOR_SOORT[r.soort],
      data:
        r.soort === 'bezorg'
          ? { outboxId: r.id, berichtId: r.bericht_id, ...(r.verzoek_id && { requestId: r.verzoek_id }) }
          : { outboxId: r.id, budgetsignaalId: r.budgetsignaal_id },
      // A job that fails its last attempt stays in Redis as failed (the dead letter) until redriven.
      opts: { jobId: `outbox-${r.id}`, attempts: p.attempts, backoff: { type: 'exponential', delay: p.backoffMs }, removeOnComplete: 1000, removeOnFail: false },
    })),
  );
  await berichtStatus.doorgezet(em, rows.map((r) => r.id));
  return rows.length;
}

/** Hands committed outbox rows to BullMQ. Returns the rows relayed. */
export async function relayOnce(ds: DataSource, queue: Queue, batch = 500, p: Pogingen = STANDAARD): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) =>
    geefDoor(
      em,
      queue,
      await prepared<OutboxRij>(em, `SELECT id, soort, bericht_id, budgetsignaal_id, ${VERZOEK} FROM outbox WHERE doorgezet_op IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batch]),
      p,
    ),
  );
}

/**
 * The sweep: rows handed over more than `staleMs` ago whose job never finished are handed over
 * again. That is what makes a Redis that lost its data (restart without persistence, failover)
 * lose no message: the jobs come back from PostgreSQL. Jobs still in Redis are left as they are.
 */
export async function herstelOnce(ds: DataSource, queue: Queue, staleMs: number, batch = 500, p: Pogingen = STANDAARD): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) =>
    geefDoor(
      em,
      queue,
      await prepared<OutboxRij>(em, 
        `SELECT id, soort, bericht_id, budgetsignaal_id, ${VERZOEK} FROM outbox
          WHERE afgehandeld_op IS NULL AND doorgezet_op < now() - make_interval(secs => $1::double precision / 1000)
          ORDER BY doorgezet_op LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [staleMs, batch],
      ),
      p,
    ),
  );
}

/**
 * Runs the relay every `intervalMs` and the sweep every `staleMs` until stopped; errors (Redis
 * or PostgreSQL away) are reported and retried on the next tick.
 */
export function startRelay(
  ds: DataSource,
  queue: Queue,
  opts: { intervalMs: number; staleMs: number; pogingen?: Pogingen },
  onError: (e: unknown) => void,
): { stop: () => Promise<void> } {
  let stopped = false;
  let laatsteHerstel = Date.now();
  const tick = async () => {
    while (!stopped) {
      try {
        // Drain in batches, then wait.
        while (!stopped && (await relayOnce(ds, queue, 500, opts.pogingen)) > 0);
        if (!stopped && Date.now() - laatsteHerstel >= opts.staleMs) {
          laatsteHerstel = Date.now();
          while (!stopped && (await herstelOnce(ds, queue, opts.staleMs, 500, opts.pogingen)) > 0);
        }
      } catch (e) {
        onError(e);
      }
      await new Promise((r) => setTimeout(r, opts.intervalMs));
    }
  };
  const running = tick();
  return {
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
