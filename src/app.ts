import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { TokenVerifier } from './auth/jwt';
import { TenantRegister } from './auth/tenant-register';
import { ideAan, type Config } from './config/config';
import { formatHubError } from './common/hub-error';
import { HubContext } from './graphql/context';
import { graphqlIde } from './graphql/ide/ide.router';
import { aliasLimit, depthLimit } from './graphql/limits';
import { complexityPlugin, refusalLogPlugin, transactionPlugin } from './graphql/plugins';
import { principalFromHeader, Unauthenticated } from './http/bearer';
import { documentLimits, graphqlBody, graphqlBodyErrors, withDeadline } from './http/graphql-http';
import { onbekendePad, probleemAfhandelaar } from './http/probleem';
import { requestLog } from './http/request-log';
import { berichtHandlers, hubRoutes, hubSchema, maakLoaders } from './modules';
import { XsdValidators } from './messaging/ijw/xsd-validator';
import type { Verwerking } from './messaging/processing/verwerking';
import { jitGateway } from './graphql/executor';
import { BUDGET_BENUTTING, BUDGET_SIGNALEN, httpRequests, registerDatabaseGauges, TERMIJNEN_VERLOPEN, WACHTTIJD_SIGNALEN } from './observability/metrics';
import { budgetService } from './budget/budget.service';
import { vandaag } from './common/klok';
import { metricsHandler } from './observability/metrics-server';
import { wachttijdService } from './capaciteit/wachttijd.service';
import { telVerlopen } from './messaging/termijnen';
import { openSysteemPool, withTenant } from './db/tenant';
import { PRODUCTIE_SYSTEEM } from './auth/principal';
import { sleutelsUitConfig } from './common/sleutels';

export interface HubApp {
  app: Express;
  apollo: ApolloServer<HubContext>;
}

/** Reads the bearer token; throws UNAUTHENTICATED or TOKEN_EXPIRED (HTTP 401 with its challenge). */
export async function authenticate(verifier: TokenVerifier, header: string | undefined) {
  try {
    return await principalFromHeader(verifier, header);
  } catch (e) {
    if (!(e instanceof Unauthenticated)) throw e;
    const http = { status: 401, headers: new HeaderMap([['www-authenticate', e.challenge]]) };
    throw new GraphQLError(e.message, { extensions: { code: e.code, http } });
  }
}

/** Builds the HTTP app: /graphql (and its IDE), /healthz, /readyz, /metrics and every module's routes; every REST error as problem details. */
export async function createApp(cfg: Config, ds: DataSource, redis: Redis): Promise<HubApp> {
  const production = cfg.NODE_ENV === 'production';
  const verifier = new TokenVerifier(cfg, new TenantRegister(ds));
  const sleutels = sleutelsUitConfig(cfg);
  // The worker's judging, for what judges a message without storing it (the claim pre-flight).
  const verwerking: Verwerking = { handlers: berichtHandlers(), ...(cfg.IJW_XSD_DIR && { xsd: await XsdValidators.load(cfg.IJW_XSD_DIR) }) };
  // Counts only, over all production tenants (no sandbox): what is overdue is an operator's concern. Read in one
  // transaction at most every METRICS_REFRESH_SECONDS, not per scrape.
  registerDatabaseGauges(
    [TERMIJNEN_VERLOPEN, WACHTTIJD_SIGNALEN, BUDGET_BENUTTING, BUDGET_SIGNALEN],
    () =>
      withTenant(ds, PRODUCTIE_SYSTEEM, async (em) => {
        const budget = await budgetService.metrieken(em, Number(vandaag().slice(0, 4)));
        return {
          [TERMIJNEN_VERLOPEN.name]: await telVerlopen(em),
          [WACHTTIJD_SIGNALEN.name]: await wachttijdService.telSignalen(em),
          [BUDGET_BENUTTING.name]: budget.benutting,
          [BUDGET_SIGNALEN.name]: budget.signalen,
        };
      }),
    cfg.METRICS_REFRESH_SECONDS,
  );
  // System reads made during requests get their own small pool, closed with the server.
  const systeemPool = await openSysteemPool(ds);
  const sluitSysteemPool = { serverWillStart: () => Promise.resolve({ serverWillStop: () => systeemPool.sluit() }) };
  const apollo = new ApolloServer<HubContext>({
    // The schema's operations run compiled (src/graphql/executor.ts).
    gateway: jitGateway(hubSchema()),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The process owns SIGTERM handling (drain HTTP, then Apollo, Redis, PostgreSQL in order).
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: cfg.GRAPHQL_MAX_TOKENS },
    validationRules: [depthLimit(cfg.GRAPHQL_MAX_DEPTH), aliasLimit(cfg.GRAPHQL_MAX_ALIASES)],
    // No "Did you mean …": in production the schema is not for strangers to map.
    hideSchemaDetailsFromClientErrors: production,
    formatError: formatHubError,
    // Cache control would wrap every field resolver for hints this API never sets.
    plugins: [
      refusalLogPlugin(),
      complexityPlugin(cfg.GRAPHQL_MAX_COST),
      transactionPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's own landing page loads from a CDN; the hub serves its IDE itself (below).
      ApolloServerPluginLandingPageDisabled(),
      sluitSysteemPool,
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // First: the request id and the request's log line cover everything below.
  app.use(...requestLog({ slowMs: cfg.HTTP_SLOW_MS }));
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
  // With METRICS_PORT the process serves metrics on a listener of their own (src/main.ts).
  if (cfg.METRICS_PORT === undefined) app.get('/metrics', metricsHandler(cfg.METRICS_TOKEN));
  for (const { pad, router } of hubRoutes({ cfg, ds, verifier, sleutels, redis, verwerking })) app.use(pad, router);
  if (ideAan(cfg)) {
    // GraphiQL from the hub's own packages: /ide, and GET /graphql for a browser asking for HTML.
    const ide = graphqlIde({ introspectie: !production, identiteiten: !production && Boolean(cfg.JWT_SECRET), omgeving: cfg.NODE_ENV });
    app.use('/ide', ide.router);
    app.get('/graphql', ide.pagina);
  }
  app.use(
    '/graphql',
    ...graphqlBody(cfg.GRAPHQL_MAX_BODY_BYTES),
    documentLimits({ maxTokens: cfg.GRAPHQL_MAX_TOKENS, maxSelections: cfg.GRAPHQL_MAX_SELECTIONS, maxDirectives: cfg.GRAPHQL_MAX_DIRECTIVES }),
    withDeadline(
      cfg.GRAPHQL_TIMEOUT_MS,
      expressMiddleware(apollo, {
        context: async ({ req }) => {
          const p = await authenticate(verifier, req.headers.authorization);
          // A sandbox caller's data is under the sandbox's keys (README, "Sandbox region").
          return new HubContext(p, ds, sleutels.voor(p.regio), maakLoaders, verwerking);
        },
      }),
    ),
    graphqlBodyErrors(),
  );
  // Keep these last: a path no route serves, and an error no router answered, as problem details.
  app.use(onbekendePad);
  app.use(probleemAfhandelaar('api'));
  return { app, apollo };
}
