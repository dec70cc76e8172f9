import 'reflect-metadata';
import { berichtHandlers, bezorgkanalen } from './modules';
import { Queue, Worker } from 'bullmq';
import { contractStatus } from '../jobs/contract-status.processor';
import { maakVoorschotten } from './bekostiging/voorschotten.job';
import { bezorgBudgetsignaal } from './budget/budgetsignaal.bezorging';
import { bezorgBericht, naMislukking } from './messaging/processing/bezorging';
import { startRelay } from './messaging/processing/relay';
import { startVecozo } from './vecozo/vecozo.uitwisseling';
import { VspClient, verbindingUitConfig } from './vecozo/vsp.client';
import { startVerwerker } from './messaging/processing/verwerker';
import { XsdValidators } from './messaging/ijw/xsd-validator';
import { checkHandlers, selectQueues, type Handlers, type JobData, type JobName } from '../jobs/registry';
import { telAchterstand } from './messaging/processing/achterstand';
import { labelProcess } from './observability/metrics';
import { startMetricsServer } from './observability/metrics-server';
import { instrumentWorker, registerBacklogGauges, telBatch, watchQueues } from './observability/worker-metrics';
import { log } from './observability/logger';
import { isRequestId } from './observability/request-context';
import { sleutelsUitConfig } from './common/sleutels';
import { herversleutel, startHerversleuteling } from './sleutels/herversleuteling';
import { appDataSource, bootCertificaten, bootConfig, exitOnFatal, fatal, onShutdown, probeRedis, reachable, workerRedis } from './runtime';

/** The worker process: BullMQ workers for the configured queues, plus their schedulers. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  labelProcess('worker');
  exitOnFatal('worker');
  bootCertificaten(cfg, 'worker');
  const ds = appDataSource(cfg, 'hub-worker');
  await reachable('PostgreSQL', cfg.DATABASE_URL, ds.initialize());
  // Redis missing at start is a deployment error: say so. Once running, an outage is ridden out
  // (ioredis reconnects, BullMQ resumes, the outbox sweep restores lost jobs).
  await probeRedis(cfg);
  const sleutels = sleutelsUitConfig(cfg);
  // Optional: the official XSDs as a second, independent structural check of inbound messages.
  const xsd = cfg.IJW_XSD_DIR ? await XsdValidators.load(cfg.IJW_XSD_DIR) : undefined;
  const kanalen = bezorgkanalen({ cfg, ds });
  const handlers: Handlers = {
    'contract-status': (d) => contractStatus(ds, d),
    'lumpsum-voorschotten': (d) => maakVoorschotten(ds, d),
    herversleutel: () => herversleutel(ds, sleutels.versleuteling),
    'bezorg-bericht': (d) => bezorgBericht(ds, sleutels, d.berichtId, d.requestId, kanalen, d.ronde),
    'bezorg-budgetsignaal': (d) => bezorgBudgetsignaal(ds, sleutels, d.outboxId, d.budgetsignaalId),
  };
  checkHandlers(handlers);
  // Every message type with exactly one handler, or the worker does not start.
  const berichten = berichtHandlers();
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
      // Started below with run(), whose end tells that the worker stopped serving.
      { connection, prefix: cfg.QUEUE_PREFIX, concurrency: 4, lockDuration: cfg.QUEUE_LOCK_MS, stalledInterval: cfg.QUEUE_LOCK_MS, autorun: false },
    );
    // Without a listener BullMQ prints raw stack traces while Redis is away; these are log lines.
    worker.on('error', (err) => log.warn('worker error', { queue: name, error: err.message }));
    instrumentWorker(worker, name);
    worker.on('failed', (job, err) => {
      const requestId = (job?.data as { requestId?: unknown } | undefined)?.requestId;
      log.warn('job failed', { queue: name, job: job?.name, id: job?.id, error: err.message, ...(isRequestId(requestId) && { requestId }) });
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
  let verwerker: { stop: () => Promise<void> } | undefined;
  if (queues.includes('berichten')) {
    // Received messages: claimed in batches straight from PostgreSQL (no job per message).
    verwerker = startVerwerker(
      ds,
      sleutels,
      {
        parallel: cfg.PROCESS_CONCURRENCY,
        grootte: cfg.PROCESS_BATCH_SIZE,
        maxBytes: cfg.PROCESS_BATCH_BYTES,
        pogingen: cfg.JOB_ATTEMPTS,
        backoffMs: cfg.JOB_BACKOFF_MS,
        pollMs: cfg.OUTBOX_POLL_MS,
        listenUrl: cfg.DATABASE_URL,
        handlers: berichten,
        ...(xsd && { xsd }),
      },
      { onError: (e) => log.warn('message batch', { error: (e as Error).message }), onBatch: (r, seconden) => telBatch(r.values(), seconden) },
    );
    // The outbox relay runs beside the message workers: committed rows become jobs.
    const q = new Queue('berichten', { connection, prefix: cfg.QUEUE_PREFIX });
    q.on('error', (err) => log.warn('queue error', { queue: q.name, error: err.message }));
    schedulers.push(q);
    const pogingen = { attempts: cfg.JOB_ATTEMPTS, backoffMs: cfg.JOB_BACKOFF_MS };
    relay = startRelay(ds, q, { intervalMs: cfg.OUTBOX_POLL_MS, staleMs: cfg.OUTBOX_STALE_MS, pogingen }, (e) => log.warn('outbox relay', { error: (e as Error).message }));
  }
  // Portal providers' exchange with VECOZO, beside the message workers (certificate files read here: a missing one stops the start).
  const vecozoVerbinding = queues.includes('berichten') ? verbindingUitConfig(cfg) : undefined;
  const vecozo = vecozoVerbinding && startVecozo(ds, sleutels, new VspClient(vecozoVerbinding), { intervalMs: cfg.VECOZO_POLL_MS }, (e) => log.warn('vecozo', { error: (e as Error).message }));
  const depth = watchQueues(queues, { connection, prefix: cfg.QUEUE_PREFIX });
  registerBacklogGauges(() => telAchterstand(ds), cfg.METRICS_REFRESH_SECONDS);
  const metrics = cfg.WORKER_METRICS_PORT === undefined ? undefined : await startMetricsServer({ port: cfg.WORKER_METRICS_PORT, host: cfg.METRICS_HOST, token: cfg.METRICS_TOKEN });
  let closing = false;
  // BullMQ's run loop retries Redis errors itself and ends only when closed: ending otherwise
  // means this process no longer serves the queue, so it exits for its supervisor to see.
  workers.forEach((w, i) => {
    w.run().then(
      () => closing || fatal('worker', 'stopped serving', `queue ${queues[i]}: its run loop ended`),
      (e: unknown) => closing || fatal('worker', 'stopped serving', e),
    );
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log.info('worker started', { queues, ...(metrics && { metrics: `http://${cfg.METRICS_HOST}:${metrics.port}/metrics` }) });
  onShutdown('worker', async () => {
    closing = true;
    await metrics?.close();
    await relay?.stop();
    await vecozo?.stop();
    await verwerker?.stop();
    await Promise.all(workers.map((w) => w.close()));
    await Promise.all(schedulers.map((q) => q.close()));
    await depth.close();
    await connection.quit();
    await ds.destroy();
  });
}

main().catch((e: unknown) => {
  log.error('worker failed to start', { error: (e as Error).message });
  process.exit(1);
});
