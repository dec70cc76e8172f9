import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { zetKlok } from './common/klok';
import { loadConfig, type Config } from './config/config';
import { hubDataSource } from './modules';
import { log, setLogLevel } from './observability/logger';

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
