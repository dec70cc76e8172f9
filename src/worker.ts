import 'reflect-metadata';
import { Queue, Worker } from 'bullmq';
import { contractStatus } from '../jobs/contract-status.processor';
import { maakVoorschotten } from './bekostiging/voorschotten.job';
import { bezorgBericht, naMislukking } from './messaging/processing/bezorging';
import { startRelay } from './messaging/processing/relay';
import { verwerkBericht } from './messaging/processing/verwerking';
import { XsdValidators } from './messaging/ijw/xsd-validator';
import { checkHandlers, selectQueues, type Handlers, type JobData, type JobName } from '../jobs/registry';
import { jobsProcessed } from './observability/metrics';
import { log } from './observability/logger';
import { appDataSource, bootConfig, onShutdown, workerRedis } from './runtime';
import { sleutelsUitConfig } from './common/sleutels';
import { herversleutel, startHerversleuteling } from './sleutels/herversleuteling';

/** The worker process: BullMQ workers for the configured queues, plus their schedulers. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  const ds = appDataSource(cfg, 'hub-worker');
  await ds.initialize();
  const sleutels = sleutelsUitConfig(cfg);
  // Optional: the official XSDs as a second, independent structural check of inbound messages.
  const xsd = cfg.IJW_XSD_DIR ? await XsdValidators.load(cfg.IJW_XSD_DIR) : undefined;
  const handlers: Handlers = {
    'contract-status': (d) => contractStatus(ds, d),
    'lumpsum-voorschotten': (d) => maakVoorschotten(ds, d),
    herversleutel: () => herversleutel(ds, sleutels.versleuteling),
    'verwerk-bericht': async (d) => ({ ...(await verwerkBericht(ds, sleutels, d.berichtId, xsd)) }),
    'bezorg-bericht': (d) => bezorgBericht(ds, sleutels, d.berichtId),
  };
  checkHandlers(handlers);
  const connection = workerRedis(cfg);
  const queues = selectQueues(cfg.WORKER_QUEUES);
  const workers: Worker[] = [];
  const schedulers: Queue[] = [];
  for (const name of queues) {
    const worker = new Worker(
      name,
      async (job) => {
        const handler = handlers[job.name as JobName] as (d: JobData[JobName]) => Promise<Record<string, unknown>>;
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        return handler(job.data as JobData[JobName]);
      },
      // A job whose worker died comes back after the lock expires (BullMQ's stalled check).
      { connection, prefix: cfg.QUEUE_PREFIX, concurrency: 4, lockDuration: cfg.QUEUE_LOCK_MS, stalledInterval: cfg.QUEUE_LOCK_MS },
    );
    // Without a listener BullMQ prints raw stack traces while Redis is away; these are log lines.
    worker.on('error', (err) => log.warn('worker error', { queue: name, error: err.message }));
    worker.on('completed', () => jobsProcessed.inc({ queue: name, outcome: 'ok' }));
    worker.on('failed', (job, err) => {
      jobsProcessed.inc({ queue: name, outcome: 'failed' });
      log.warn('job failed', { queue: name, job: job?.name, id: job?.id, error: err.message });
      naMislukking(ds, job).catch((e: unknown) => log.error('dead letter', { error: (e as Error).message }));
    });
    workers.push(worker);
  }
  if (queues.includes('onderhoud')) {
    const q = new Queue('onderhoud', { connection, prefix: cfg.QUEUE_PREFIX });
    q.on('error', (err) => log.warn('queue error', { queue: q.name, error: err.message }));
    // Daily at 01:00; the scheduler id makes repeated starts idempotent.
    await q.upsertJobScheduler('contract-status-dagelijks', { pattern: '0 1 * * *' }, { name: 'contract-status', data: {} });
    // Lumpsum advances: the run creates only what is due and missing, so it runs daily (a month's
    // advance on its first day, a missed day caught up the next) and once at every start.
    await q.upsertJobScheduler('lumpsum-voorschotten', { pattern: cfg.LUMPSUM_VOORSCHOT_PATTERN }, { name: 'lumpsum-voorschotten', data: {} });
    await q.add('lumpsum-voorschotten', {}, { removeOnComplete: 100, removeOnFail: 100 });
    await startHerversleuteling(q, sleutels.versleuteling);
    schedulers.push(q);
  }
  let relay: { stop: () => Promise<void> } | undefined;
  if (queues.includes('berichten')) {
    // The outbox relay runs beside the message workers: committed rows become jobs.
    const q = new Queue('berichten', { connection, prefix: cfg.QUEUE_PREFIX });
    q.on('error', (err) => log.warn('queue error', { queue: q.name, error: err.message }));
    schedulers.push(q);
    const pogingen = { attempts: cfg.JOB_ATTEMPTS, backoffMs: cfg.JOB_BACKOFF_MS };
    relay = startRelay(ds, q, { intervalMs: cfg.OUTBOX_POLL_MS, staleMs: cfg.OUTBOX_STALE_MS, pogingen }, (e) => log.warn('outbox relay', { error: (e as Error).message }));
  }
  log.info('worker started', { queues });
  onShutdown('worker', async () => {
    await relay?.stop();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(schedulers.map((q) => q.close()));
    await connection.quit();
    await ds.destroy();
  });
}

main().catch((e: unknown) => {
  log.error('worker failed to start', { error: (e as Error).message });
  process.exit(1);
});
