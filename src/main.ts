import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app';
import { log } from './observability/logger';
import { appDataSource, bootConfig, onShutdown, producerRedis } from './runtime';

/** The api process: GraphQL, health and metrics over HTTP. */
async function main(): Promise<void> {
  const cfg = bootConfig();
  const ds = appDataSource(cfg, 'hub-api', cfg.API_STATEMENT_TIMEOUT_MS);
  await ds.initialize();
  const redis = producerRedis(cfg);
  await redis.connect();
  const { app, apollo } = await createApp(cfg, ds, redis);
  const server: Server = app.listen(cfg.PORT, () => log.info('api listening', { url: `http://localhost:${cfg.PORT}/graphql` }));
  // A client that sends its request slowly holds a socket at most this long.
  server.requestTimeout = cfg.HTTP_REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(60_000, cfg.HTTP_REQUEST_TIMEOUT_MS);
  onShutdown('api', async () => {
    // Stop accepting, let requests in flight finish, close idle keep-alive sockets.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    await apollo.stop();
    await redis.quit();
    await ds.destroy();
  });
}

main().catch((e: unknown) => {
  log.error('api failed to start', { error: (e as Error).message });
  process.exit(1);
});
