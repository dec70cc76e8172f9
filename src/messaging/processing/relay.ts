import type { Queue } from 'bullmq';
import { berichtStatus } from '../status';
import { NAAR_AANBIEDER } from '../ijw/soorten';
import { prepared } from '../../db/prepared';
import type { DataSource, EntityManager } from 'typeorm';
import { withTenant } from '../../db/tenant';
import { SYSTEEM } from './verwerking';
import { bevrorenSql, moment, wachtrijSql } from '../verzendstop/verzendstop';

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
  /** Rounds it was handed back by a freeze (outbox.ronde): each round is a job of its own. */
  ronde: number;
}

// In the select list, so FOR UPDATE locks only the outbox row.
const VERZOEK = '(SELECT b.verzoek_id FROM bericht b WHERE b.id = outbox.bericht_id) AS verzoek_id, ronde';
const VERZOEK_O = '(SELECT vb.verzoek_id FROM bericht vb WHERE vb.id = o.bericht_id) AS verzoek_id, o.ronde';

/** Whether a freeze window holds a chain channel now, or rows it held are still to leave. */
const STAND = `SELECT EXISTS (SELECT 1 FROM verzendstop v WHERE v.ingetrokken_op IS NULL AND v.van <= $1 AND v.tot > $1 AND v.kanaal <> 'vecozo') AS bevroren,
                      EXISTS (SELECT 1 FROM outbox WHERE vastgehouden_op IS NOT NULL AND afgehandeld_op IS NULL) AS vastgehouden`;

/**
 * Held rows whose window is over: per sending system (chain channel, municipality) the oldest open
 * held one, when it is not handed over yet; the next leaves once it is done.
 */
const VRIJ = `SELECT o.id, o.soort, o.bericht_id, o.budgetsignaal_id, ${VERZOEK_O} FROM outbox o
               JOIN bericht b ON b.id = o.bericht_id JOIN keten_route k ON k.aanbieder_agb = b.aanbieder_agb
              WHERE o.vastgehouden_op IS NOT NULL AND o.afgehandeld_op IS NULL AND o.doorgezet_op IS NULL
                AND NOT ${bevrorenSql('k.kanaal', 'b.regio_code', '$1::timestamptz')}
                AND NOT ${wachtrijSql('k.kanaal', 'b.gemeente_code', 'h.id < o.id')}
              ORDER BY o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED`;

/** During or after a window: the rows not held, but none of a frozen channel or of a sending system with held rows open. */
const VRIJ_VAN_STOP = `SELECT o.id, o.soort, o.bericht_id, o.budgetsignaal_id, ${VERZOEK_O} FROM outbox o
                        WHERE o.doorgezet_op IS NULL AND o.vastgehouden_op IS NULL
                          AND NOT EXISTS (SELECT 1 FROM bericht b JOIN keten_route k ON k.aanbieder_agb = b.aanbieder_agb
                                           WHERE b.id = o.bericht_id AND b.type = ANY($3::text[])
                                             AND (${bevrorenSql('k.kanaal', 'b.regio_code', '$1::timestamptz')} OR ${wachtrijSql('k.kanaal', 'b.gemeente_code')}))
                        ORDER BY o.id LIMIT $2 FOR UPDATE OF o SKIP LOCKED`;

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
          ? { outboxId: r.id, berichtId: r.bericht_id, ...(r.verzoek_id && { requestId: r.verzoek_id }), ...(r.ronde > 0 && { ronde: r.ronde }) }
          : { outboxId: r.id, budgetsignaalId: r.budgetsignaal_id },
      // A job that fails its last attempt stays in Redis as failed (the dead letter) until redriven.
      // A round after a freeze handed the row back is a new job (the earlier one is done).
      opts: { jobId: r.ronde ? `outbox-${r.id}-${r.ronde}` : `outbox-${r.id}`, attempts: p.attempts, backoff: { type: 'exponential', delay: p.backoffMs }, removeOnComplete: 1000, removeOnFail: false },
    })),
  );
  await berichtStatus.doorgezet(em, rows.map((r) => r.id));
  return rows.length;
}

/**
 * Hands committed outbox rows to BullMQ. Returns the rows relayed. While a freeze window holds a
 * chain channel (src/messaging/verzendstop), its rows are held instead; after it they are handed
 * over one at a time per sending system, oldest first, and nothing of that sending system overtakes them.
 */
export async function relayOnce(ds: DataSource, queue: Queue, batch = 500, p: Pogingen = STANDAARD): Promise<number> {
  return withTenant(ds, SYSTEEM, async (em) => {
    const nu = moment();
    const [stand] = await prepared<{ bevroren: boolean; vastgehouden: boolean }>(em, STAND, [nu]);
    if (!stand.bevroren && !stand.vastgehouden) {
      return geefDoor(em, queue, await prepared<OutboxRij>(em, `SELECT id, soort, bericht_id, budgetsignaal_id, ${VERZOEK} FROM outbox WHERE doorgezet_op IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [batch]), p);
    }
    await berichtStatus.houdVast(em, nu);
    const vrij = await prepared<OutboxRij>(em, VRIJ, [nu, batch]);
    const rest = await prepared<OutboxRij>(em, VRIJ_VAN_STOP, [nu, batch, [...NAAR_AANBIEDER]]);
    return geefDoor(em, queue, [...vrij, ...rest], p);
  });
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
