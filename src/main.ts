import 'reflect-metadata';
import { createServer } from 'node:http';
import { createApp } from './app';
import { listen } from './http/listen';
import { log } from './observability/logger';
import { labelProcess } from './observability/metrics';
import { startMetricsServer, type MetricsListener } from './observability/metrics-server';
import { leesTls } from './common/tls';
import { startTlsPoort, type TlsListener } from './http/tls-poort';
import { hubTlsPoorten } from './modules';
import { appDataSource, bootCertificaten, bootConfig, exitOnFatal, onShutdown, producerRedis, reachable } from './runtime';

/** The api process: GraphQL, health and metrics over HTTP. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  labelProcess('api');
  exitOnFatal('api');
  bootCertificaten(cfg, 'api');
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
  // Modules' routes that callers reach over two-way TLS only (the GGk's OntvangAsynchroon on GGK_TLS_PORT).
  const tls: TlsListener[] = [];
  for (const t of hubTlsPoorten(cfg)) {
    const l = await startTlsPoort(app, { pad: t.pad, port: t.poort, id: leesTls(t.bestanden), requestTimeoutMs: cfg.HTTP_REQUEST_TIMEOUT_MS });
    tls.push(l);
    log.info('api two-way TLS listening', { url: `https://localhost:${l.port}${t.pad}` });
  }
  log.info('api listening', { url: `http://localhost:${cfg.PORT}/graphql` });
  onShutdown('api', async () => {
    // Stop accepting, let requests in flight finish, close idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await Promise.all(tls.map((l) => l.close()));
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
