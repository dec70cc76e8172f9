import 'reflect-metadata';
import { createServer } from 'node:http';
import { createApp } from './app';
import { listen } from './http/listen';
import { log } from './observability/logger';
import { labelProcess } from './observability/metrics';
import { startMetricsServer, type MetricsListener } from './observability/metrics-server';
import { appDataSource, bootConfig, exitOnFatal, onShutdown, producerRedis, reachable } from './runtime';

/** The api process: GraphQL, health and metrics over HTTP. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  labelProcess('api');
  exitOnFatal('api');
  const ds = appDataSource(cfg, 'hub-api', cfg.API_STATEMENT_TIMEOUT_MS);
  await reachable('PostgreSQL', cfg.DATABASE_URL, ds.initialize());
  const redis = producerRedis(cfg);
  await reachable('Redis', cfg.REDIS_URL, redis.connect());
  const { app, apollo } = await createApp(cfg, ds, redis);
  const server = createServer(app);
  // A client that sends its request slowly holds a socket at most this long.
  server.requestTimeout = cfg.HTTP_REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(60_000, cfg.HTTP_REQUEST_TIMEOUT_MS);
  // Listening is said only once it is true; a busy or forbidden port ends the process (main's catch).
  await listen(server, cfg.PORT);
  let metrics: MetricsListener | undefined;
  if (cfg.METRICS_PORT !== undefined) {
    metrics = await startMetricsServer({ port: cfg.METRICS_PORT, host: cfg.METRICS_HOST, token: cfg.METRICS_TOKEN });
    log.info('api metrics listening', { url: `http://${cfg.METRICS_HOST}:${metrics.port}/metrics` });
  }
  log.info('api listening', { url: `http://localhost:${cfg.PORT}/graphql` });
  onShutdown('api', async () => {
    // Stop accepting, let requests in flight finish, close idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await metrics?.close();
    await apollo.stop();
    await redis.quit();
    await ds.destroy();
  });
}

main().catch((e: unknown) => {
  log.error('api failed to start', { error: (e as Error).message });
  process.exit(1);
});
