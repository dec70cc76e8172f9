import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { zetKlok } from './common/klok';
import { loadConfig, type Config } from './config/config';
import { dagenOver, geldigTot, leesTls, TlsFout, WAARSCHUWING_DAGEN, type TlsIdentiteit } from './common/tls';
import { hubCertificaten, hubDataSource } from './modules';
import { log, setLogLevel } from './observability/logger';
import { registerCertificaatGauges } from './observability/metrics';

/** Loads config or exits naming the bad variable: processes refuse to start on bad config. */
export function bootConfig(): Config {
  try {
    const cfg = loadConfig();
    setLogLevel(cfg.LOG_LEVEL);
    if (cfg.HUB_KLOK) zetKlok(cfg.HUB_KLOK);
    return cfg;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(78);
  }
}

/** The checked TLS material of every module that `proces` uses; a TlsFout lists every fault, one a line. */
export function controleerCertificaten(cfg: Config, proces: 'api' | 'worker', nu: Date = new Date()): TlsIdentiteit[] {
  const ids: TlsIdentiteit[] = [];
  const fouten: string[] = [];
  for (const b of hubCertificaten(cfg, proces)) {
    try {
      ids.push(leesTls(b, nu));
    } catch (e) {
      if (!(e instanceof TlsFout)) throw e;
      fouten.push(...e.message.split('\n'));
    }
  }
  if (fouten.length) throw new TlsFout(`Invalid certificates:\n  ${fouten.join('\n  ')}`);
  return ids;
}

/**
 * Checks every TLS certificate file the process uses (each readable, valid PEM, the key the
 * certificate's own, the certificate valid now); on a fault it says which and exits 78 like bad
 * config. A certificate with fewer than 30 days left is a warning, and every one's expiry is in
 * /metrics (`hub_certificaat_geldig_seconden`, `hub_certificaat_waarschuwing`).
 */
export function bootCertificaten(cfg: Config, proces: 'api' | 'worker', nu: Date = new Date()): TlsIdentiteit[] {
  let ids: TlsIdentiteit[];
  try {
    ids = controleerCertificaten(cfg, proces, nu);
  } catch (e) {
    if (!(e instanceof TlsFout)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
  meldCertificaten(ids, nu);
  return ids;
}

/** Logs each certificate's expiry (a warning within 30 days) and serves it in /metrics. */
export function meldCertificaten(ids: TlsIdentiteit[], nu: Date = new Date()): void {
  for (const id of ids) {
    if (!id.certificaat) continue;
    const dagen = dagenOver(id.certificaat, nu);
    const wat = { adapter: id.adapter, certificaat: id.certNaam, geldigTot: geldigTot(id.certificaat).toISOString(), dagen };
    if (dagen < WAARSCHUWING_DAGEN) log.warn(`certificate expires within ${WAARSCHUWING_DAGEN} days: renew it`, wat);
    else log.info('certificate', wat);
  }
  registerCertificaatGauges(
    ids.flatMap((id) => (id.certificaat ? [{ adapter: id.adapter, certificaat: id.certNaam, geldigTot: geldigTot(id.certificaat) }] : [])),
    WAARSCHUWING_DAGEN,
  );
}

/** The application role's DataSource; `statementTimeoutMs` for the api only (worker jobs may run long). */
export function appDataSource(cfg: Config, name: string, statementTimeoutMs?: number): DataSource {
  return hubDataSource(cfg.DATABASE_URL, { poolSize: cfg.DATABASE_POOL_SIZE, applicationName: name, statementTimeoutMs });
}

/** Redis for producers and health checks: fail fast rather than queue commands forever. */
export function producerRedis(cfg: Config): Redis {
  return new Redis(cfg.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
}

/** Redis for BullMQ workers: blocking commands need maxRetriesPerRequest null. */
export function workerRedis(cfg: Config): Redis {
  return new Redis(cfg.REDIS_URL, { maxRetriesPerRequest: null });
}

/** host:port of a connection URL, for messages that say where a service was looked for. */
export function where(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}`;
}

/** Awaits a connection at start; when it fails, the error names the service and where it was looked for. */
export async function reachable<T>(service: 'PostgreSQL' | 'Redis', url: string, connecting: Promise<T>): Promise<T> {
  try {
    return await connecting;
  } catch (e) {
    throw new Error(`cannot connect to ${service} at ${where(url)} (${(e as Error).message})`, { cause: e });
  }
}

/**
 * One attempt to reach Redis, within `timeoutMs`: the worker's own connection retries forever,
 * which suits a Redis that goes away for a while, not one that is not there at start.
 */
export async function probeRedis(cfg: Config, timeoutMs = 5000): Promise<void> {
  const r = new Redis(cfg.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  r.on('error', () => undefined);
  try {
    await reachable('Redis', cfg.REDIS_URL, r.connect().then(() => r.ping()));
  } finally {
    r.disconnect();
  }
}

/**
 * A process that cannot go on says why and exits non-zero, so its supervisor (compose,
 * Kubernetes, `npm run demo`) sees it, instead of limping on or dying with a bare stack.
 */
export function fatal(name: string, what: string, e?: unknown): never {
  const error = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  log.error(`${name} ${what}`, e === undefined ? {} : { error });
  process.exit(1);
}

/** Uncaught exceptions and unhandled rejections end the process through `fatal`. */
export function exitOnFatal(name: string): void {
  process.on('uncaughtException', (e) => fatal(name, 'fatal error', e));
  process.on('unhandledRejection', (e) => fatal(name, 'fatal error', e));
}

/** Runs `close` once on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function onShutdown(name: string, close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    log.info(`${name} draining`, { signal });
    close()
      .then(() => {
        log.info(`${name} stopped`);
        process.exit(0);
      })
      .catch((e: unknown) => {
        log.error(`${name} stop failed`, { error: (e as Error).message });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
