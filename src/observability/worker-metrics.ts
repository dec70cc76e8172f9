import { Queue, type ConnectionOptions, type Job, type Worker } from 'bullmq';
import { Counter, Gauge, Histogram } from 'prom-client';
import { registerDatabaseGauges, registry } from './metrics';

let jobs: { processed: Counter<'queue' | 'name' | 'outcome'>; duration: Histogram<'queue' | 'name' | 'outcome'> } | undefined;

/** Job metrics exist only in a process that runs jobs: the api's /metrics stays free of empty ones. */
function jobMetrics(): NonNullable<typeof jobs> {
  jobs ??= {
    processed: new Counter({
      name: 'hub_jobs_processed_total',
      help: 'Job attempts finished, by queue, job name and outcome (ok, failed; each failed attempt counts)',
      labelNames: ['queue', 'name', 'outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'hub_job_duration_seconds',
      help: 'Job attempt duration, by queue, job name and outcome',
      labelNames: ['queue', 'name', 'outcome'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
  return jobs;
}

/** Counts and times every finished attempt of `worker`'s jobs. */
export function instrumentWorker(worker: Worker, queue: string): void {
  const m = jobMetrics();
  const finished = (job: Job | undefined, outcome: 'ok' | 'failed') => {
    const labels = { queue, name: job?.name ?? 'onbekend', outcome };
    m.processed.inc(labels);
    if (job?.processedOn) m.duration.observe(labels, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  };
  worker.on('completed', (job) => finished(job, 'ok'));
  worker.on('failed', (job) => finished(job, 'failed'));
}

let berichten: { verwerkt: Counter<'uitkomst'>; batch: Histogram } | undefined;

/**
 * Received messages processed by this worker, by outcome (verwerkt, ongeldig, mislukt: tried again
 * later, vastgelopen: a dead letter), and each batch's duration: what the job metrics said of
 * messages when each was a job.
 */
export function telBatch(uitkomsten: Iterable<{ status: string }>, seconden: number): void {
  berichten ??= {
    verwerkt: new Counter({
      name: 'hub_berichten_verwerkt_total',
      help: 'Received messages processed, by outcome (verwerkt, ongeldig, mislukt: tried again later, vastgelopen: dead letter)',
      labelNames: ['uitkomst'] as const,
      registers: [registry],
    }),
    batch: new Histogram({
      name: 'hub_bericht_batch_seconds',
      help: 'Duration of a batch of received messages (claim to commit)',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
  for (const u of uitkomsten) berichten.verwerkt.inc({ uitkomst: u.status });
  berichten.batch.observe(seconden);
}

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * `hub_queue_jobs{queue,state}`, read from Redis at each scrape: a few O(1) counts per queue,
 * given up after `timeoutMs` so a scrape never hangs on a Redis that is away (the series are
 * then absent). Returns what closes the queues it opened.
 */
export function watchQueues(names: string[], opts: { connection: ConnectionOptions; prefix: string }, timeoutMs = 1000): { close: () => Promise<void> } {
  const queues = names.map((n) => new Queue(n, { connection: opts.connection, prefix: opts.prefix }));
  for (const q of queues) q.on('error', () => undefined); // the workers on the same connection log these
  const within = <T>(p: Promise<T>): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    return Promise.race([p.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
  };
  registry.removeSingleMetric('hub_queue_jobs');
  new Gauge({
    name: 'hub_queue_jobs',
    help: 'Jobs per queue and state (waiting, active, delayed, failed), read from Redis at scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await Promise.all(queues.map((q) => within(q.getJobCounts(...STATES))));
      this.reset();
      counts.forEach((c, i) => {
        if (c) for (const state of STATES) this.set({ queue: queues[i].name, state }, c[state] ?? 0);
      });
    },
  });
  return { close: async () => void (await Promise.all(queues.map((q) => q.close()))) };
}

/** The message path's backlog, from the database at most every `maxAgeS` seconds (see registerDatabaseGauges). */
export function registerBacklogGauges(read: () => Promise<{ open: number; oudsteSeconden: number; mislukt: number }>, maxAgeS: number): void {
  registerDatabaseGauges(
    [
      { name: 'hub_outbox_open', help: 'Work waiting in the message path: received messages not yet processed, and deliveries whose job has not finished' },
      { name: 'hub_outbox_oldest_seconds', help: 'Age of the oldest of those (0 when none): the message path lag' },
      { name: 'hub_dead_letters', help: 'Dead letters waiting for a redrive: deliveries that failed their last attempt (mislukt), received messages whose processing kept failing (vastgelopen)' },
    ],
    async () => {
      const a = await read();
      return { hub_outbox_open: a.open, hub_outbox_oldest_seconds: a.oudsteSeconden, hub_dead_letters: a.mislukt };
    },
    maxAgeS,
  );
}
