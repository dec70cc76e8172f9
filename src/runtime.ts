import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadConfig, type Config } from './config/config';
import { createDataSource } from './db/data-source';
import { log, setLogLevel } from './observability/logger';

/** Loads config or exits naming the bad variable: processes refuse to start on bad config. */
export function bootConfig(): Config {
  try {
    const cfg = loadConfig();
    setLogLevel(cfg.LOG_LEVEL);
    return cfg;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(78);
  }
}

/** The application role's DataSource; `statementTimeoutMs` for the api only (worker jobs may run long). */
export function appDataSource(cfg: Config, name: string, statementTimeoutMs?: number): DataSource {
  return createDataSource(cfg.DATABASE_URL, { poolSize: cfg.DATABASE_POOL_SIZE, applicationName: name, statementTimeoutMs });
}

/** Redis for producers and health checks: fail fast rather than queue commands forever. */
export function producerRedis(cfg: Config): Redis {
  return new Redis(cfg.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
}

/** Redis for BullMQ workers: blocking commands need maxRetriesPerRequest null. */
export function workerRedis(cfg: Config): Redis {
  return new Redis(cfg.REDIS_URL, { maxRetriesPerRequest: null });
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
