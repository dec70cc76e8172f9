import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { TokenError, TokenVerifier } from './auth/jwt';
import { TenantRegister } from './auth/tenant-register';
import type { Config } from './config/config';
import { formatHubError, HubErrorCode } from './common/hub-error';
import { HubContext } from './graphql/context';
import { aliasLimit, depthLimit } from './graphql/limits';
import { complexityPlugin, transactionPlugin } from './graphql/plugins';
import { buildHubSchema } from './graphql/schema';
import { inboxRouter } from './messaging/inbox/inbox.router';
import { exportRouter } from './declaratie/afrekening.router';
import { dashboardRouter, kwartaalExportRouter } from './rapportage/rapportage.router';
import { httpRequests, registerTermijnen, registerWachttijdSignalen, registry } from './observability/metrics';
import { wachttijdService } from './capaciteit/wachttijd.service';
import { telVerlopen } from './messaging/termijnen';
import { openSysteemPool, withTenant } from './db/tenant';
import { SYSTEEM } from './auth/principal';

export interface HubApp {
  app: Express;
  apollo: ApolloServer<HubContext>;
}

/** Reads the bearer token; throws UNAUTHENTICATED (HTTP 401) when absent or invalid. */
export async function authenticate(verifier: TokenVerifier, header: string | undefined) {
  const m = /^Bearer (.+)$/i.exec(header ?? '');
  const unauth = (message: string) => new GraphQLError(message, { extensions: { code: HubErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  if (!m) throw unauth('Geen bearer token');
  try {
    return await verifier.verify(m[1]);
  } catch (e) {
    if (e instanceof TokenError) throw unauth('Ongeldig token');
    throw e;
  }
}

/** Builds the HTTP app: /graphql, /healthz, /readyz and /metrics. */
export async function createApp(cfg: Config, ds: DataSource, redis: Redis): Promise<HubApp> {
  const production = cfg.NODE_ENV === 'production';
  const verifier = new TokenVerifier(cfg, new TenantRegister(ds));
  const key = Buffer.from(cfg.HUB_ENCRYPTION_KEY ?? '', 'base64');
  // Counts only, over all tenants: what is overdue is an operator's concern.
  registerTermijnen(() => withTenant(ds, SYSTEEM, telVerlopen));
  registerWachttijdSignalen(() => withTenant(ds, SYSTEEM, (em) => wachttijdService.telSignalen(em)));
  // System reads made during requests get their own small pool, closed with the server.
  const systeemPool = await openSysteemPool(ds);
  const sluitSysteemPool = { serverWillStart: () => Promise.resolve({ serverWillStop: () => systeemPool.destroy() }) };
  const apollo = new ApolloServer<HubContext>({
    schema: buildHubSchema(),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The process owns SIGTERM handling (drain HTTP, then Apollo, Redis, PostgreSQL in order).
    stopOnTerminationSignals: false,
    validationRules: [depthLimit(cfg.GRAPHQL_MAX_DEPTH), aliasLimit(cfg.GRAPHQL_MAX_ALIASES)],
    formatError: formatHubError,
    // Cache control would wrap every field resolver for hints this API never sets.
    plugins: [complexityPlugin(cfg.GRAPHQL_MAX_COST), transactionPlugin(), ApolloServerPluginCacheControlDisabled(), sluitSysteemPool],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    // Label by first path segment only: ids never become label values.
    res.on('finish', () => httpRequests.inc({ route: req.originalUrl.split('?')[0].split('/')[1] ?? '', status: res.statusCode }));
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, string> = {};
    await ds.query('SELECT 1').then(() => (checks.postgres = 'ok'), () => (checks.postgres = 'unreachable'));
    await redis.ping().then(() => (checks.redis = 'ok'), () => (checks.redis = 'unreachable'));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  app.use('/ijw', inboxRouter(ds, verifier, { maxBytes: cfg.IJW_MAX_BYTES, key }));
  app.use('/export', exportRouter(ds, verifier));
  app.use('/export', kwartaalExportRouter(ds, verifier));
  app.use('/dashboard', dashboardRouter());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => new HubContext(await authenticate(verifier, req.headers.authorization), ds, key),
    }),
  );
  return { app, apollo };
}
