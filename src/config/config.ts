import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';
import { controleerSleutels } from '../common/sleutels';
// Shared with scripts/token.js, which signs development tokens without building the hub.
import STANDAARD from './standaard.json';

/** HS256 secret of `npm run token` and the demo when none is set; refused in production. */
export const DEV_JWT_SECRET = STANDAARD.jwtDevSecret;
import { leesMoment } from '../common/klok';

/** Environment variables of every entry point (api, worker, migrate, demo), validated at boot. */
export class Config {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 4000;

  /** Connection of the application: a non-owner role, so row-level security applies. */
  @IsString()
  DATABASE_URL = 'postgres://hub_app@127.0.0.1:5432/jeugdzorg_hub';

  /** Connection of `migrate`: the owner of the schema. */
  @IsString()
  DATABASE_OWNER_URL = STANDAARD.databaseOwnerUrl;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key; tests use a random one. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = 'hub';

  /** Comma-separated queue names this worker serves; `*` for all. */
  @IsString()
  WORKER_QUEUES = '*';

  /** HS256 secret for development tokens. Ignored when JWT_JWKS_URL is set. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  /** RS256 via the OIDC provider's JWKS (production). */
  @IsOptional()
  @IsUrl({ require_tld: false })
  JWT_JWKS_URL?: string;

  /** Expected `iss` of every token; required in production. */
  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  /** Expected `aud` of every token; required in production. */
  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  /** The OIDC provider the dashboard signs in with (authorization code + PKCE in the browser); unset: no OIDC sign-in. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  OIDC_ISSUER?: string;

  /** The dashboard's client id at the OIDC provider (a public client: no secret). */
  @IsOptional()
  @IsString()
  OIDC_CLIENT_ID?: string;

  /** Scopes the dashboard asks for. */
  @IsString()
  @MinLength(1)
  OIDC_SCOPE = 'openid';

  /** Longest accepted token lifetime (exp minus iat), in seconds; a token without exp is refused. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  JWT_MAX_TTL_SECONDS = STANDAARD.jwtMaxTtlSeconds;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(50)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 30;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  GRAPHQL_MAX_COST = 20000;

  /** Largest JSON body of a /graphql request, in bytes (413 above). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  GRAPHQL_MAX_BODY_BYTES = 256 * 1024;

  /** Most lexical tokens in one GraphQL document: parsing stops there. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  GRAPHQL_MAX_TOKENS = 3000;

  /**
   * Most selections (fields and fragment spreads, fragments counted each time they are spread) in
   * one document, checked before validation: some standard validation rules cost time quadratic in it.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(50)
  GRAPHQL_MAX_SELECTIONS = 500;

  /** Most directives in one document (fragments counted each time they are spread). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DIRECTIVES = 50;

  /** A /graphql request still unanswered after this many milliseconds gets a 503 REQUEST_TIMEOUT. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  GRAPHQL_TIMEOUT_MS = 30_000;

  /** PostgreSQL statement_timeout of the api's connections, in milliseconds (0: none). Worker and migrations have none. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  API_STATEMENT_TIMEOUT_MS = 30_000;

  /** Time the api's HTTP server allows a client to send one whole request (headers and body), in milliseconds. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 120_000;

  /** One key (base64, 32 bytes) encrypting stored data, as key id 0; or use HUB_ENCRYPTION_KEYS. See src/common/sleutels.ts. */
  @IsOptional()
  @IsString()
  HUB_ENCRYPTION_KEY?: string;

  /** Key ring `id:base64,id:base64` encrypting stored data: the first writes, all read (rotation). */
  @IsOptional()
  @IsString()
  HUB_ENCRYPTION_KEYS?: string;

  /** Key (base64, 32 bytes) of the keyed BSN hash; changing it needs a rehash of every stored hash. */
  @IsOptional()
  @IsString()
  HUB_BSN_HASH_KEY?: string;

  /** How long a rotated endpoint signing secret still signs deliveries beside the new one, in hours. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  BEZORG_GEHEIM_OVERLAP_UUR = 7 * 24;

  /** Largest iJw message accepted, in bytes (413 above). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  IJW_MAX_BYTES = 32 * 1024 * 1024;

  /** The GGk adapter (StUF-GGk 0210, /ggk/OntvangAsynchroon): `on` serves the port and sends through GGK_URL. */
  @IsIn(['on', 'off'])
  GGK = 'off';

  /**
   * Who may call the port until TLS client certificates (PKIoverheid, Digikoppeling) check that:
   * a shared bearer token the region's Digikoppeling provider sends. Required when GGK is on.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  GGK_TOKEN?: string;

  /** The GGk's OntvangAsynchroon endpoint the hub sends Di01/Du01 to (through the Digikoppeling provider). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  GGK_URL?: string;

  /** How long the hub waits for the GGk's Bv03/Fo03 before it counts the attempt as failed (it resends the same envelope later). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  GGK_TIMEOUT_MS = 30_000;

  /** Bearer token the hub sends to GGK_URL, when the provider asks for one. */
  @IsOptional()
  @IsString()
  GGK_URL_TOKEN?: string;

  /**
   * The hub's PKIoverheid certificate for Digikoppeling (PEM file path; intermediates after it): its
   * TLS client certificate towards GGK_URL, and the server certificate of GGK_TLS_PORT. Required
   * with an https GGK_URL in production.
   */
  @IsOptional()
  @IsString()
  GGK_CERT?: string;

  /** The private key of GGK_CERT (PEM file path, without a passphrase). */
  @IsOptional()
  @IsString()
  GGK_KEY?: string;

  /**
   * CA certificates of the Digikoppeling side (PEM file path; PKIoverheid's): trusted for GGK_URL's
   * server (unset: the system's) and, on GGK_TLS_PORT, the only issuers of a caller's certificate.
   */
  @IsOptional()
  @IsString()
  GGK_CA?: string;

  /**
   * Port on which the api serves /ggk over two-way TLS (GGK_CERT, GGK_KEY): a caller must show a
   * certificate issued under GGK_CA (and, with GGK_PEER_OIN, carrying one of those OINs). When set,
   * /ggk is not served on PORT. Unset: /ggk on PORT, behind a proxy that does the TLS.
   */
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  GGK_TLS_PORT?: number;

  /** Comma-separated OINs (the certificate subject's serialNumber) of the Digikoppeling provider allowed on GGK_TLS_PORT; required with it in production. */
  @IsOptional()
  @IsString()
  GGK_PEER_OIN?: string;

  /** stuurgegevens/zender/applicatie of the hub's envelopes: its name without a version (3–50 characters). */
  @IsString()
  @MinLength(3)
  GGK_APPLICATIE = 'Jeugdzorghub';

  /** Directory of the official iJw 3.2 XSDs: when set, the worker also validates every inbound message against them. */
  @IsOptional()
  @IsString()
  IJW_XSD_DIR?: string;

  /** How often the outbox relay looks for new rows, in milliseconds. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 100;

  /** Outbox rows handed to the queue this long ago without a finished job are handed over again (Redis lost them). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  OUTBOX_STALE_MS = 30_000;

  /** Most received messages the worker judges in one batch (one transaction). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  PROCESS_BATCH_SIZE = 100;

  /** A batch stops growing once its messages hold this many bytes (one message always fits). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  PROCESS_BATCH_BYTES = 4 * 1024 * 1024;

  /** Batches a worker process runs at once, each on its own connection. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  PROCESS_CONCURRENCY = 2;

  /** Attempts of a job (delivery to a provider's endpoint above all), or of processing a message that fails unexpectedly, before it is a dead letter. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  JOB_ATTEMPTS = 8;

  /** First retry delay of a failed job; it doubles after each failure. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(10)
  JOB_BACKOFF_MS = 1000;

  /** Lock of a running job; a job of a worker that died runs again after about this long. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1000)
  QUEUE_LOCK_MS = 30_000;

  /** Cron pattern of the run that creates the monthly lumpsum advances due; it only adds what is missing. */
  @IsString()
  @MinLength(9)
  LUMPSUM_VOORSCHOT_PATTERN = '30 1 * * *';

  /** Bearer token /metrics asks for (the api's and the worker's), compared in constant time. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Port of the api's own metrics listener on METRICS_HOST; unset: /metrics is served on PORT. */
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** Interface the metrics listeners (METRICS_PORT, WORKER_METRICS_PORT) bind to. */
  @IsString()
  @MinLength(1)
  METRICS_HOST = '127.0.0.1';

  /** Port of the worker's metrics listener on METRICS_HOST; unset: the worker serves no metrics. */
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT?: number;

  /** Gauges counted in the database are read at most this often, in seconds, whatever the scrape rate; 0: at every scrape. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  METRICS_REFRESH_SECONDS = 30;

  /** The public waiting-time feed (/open) is computed at most this often per api process, in seconds; 0: at every request. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  OPEN_CACHE_SECONDS = 900;
  /** The GraphiQL IDE at GET /graphql (browsers) and /ide: `on` or `off`; unset: on outside production, off in production. */
  @IsOptional()
  @IsIn(['on', 'off'])
  GRAPHQL_IDE?: 'on' | 'off';

  /** Lifetime of an administrator's session cookie for the queue dashboard (/beheer), in seconds; never beyond the token's own expiry. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  @Max(3600)
  ADMIN_SESSION_SECONDS = 900;

  /** Tests only (NODE_ENV=test): pins the hub's "today" for the processes a test starts (see common/klok). */
  @IsOptional()
  @IsString()
  HUB_KLOK?: string;

  /**
   * VECOZO (VSP-Koppeling) for portal providers: the base URL of the push, pull and status APIs
   * (`https://api.vecozo.nl/berichtenservice`, or the simulator's); unset: no exchange with VECOZO.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] })
  VECOZO_URL?: string;

  /** The hub's VECOZO system certificate (PEM file path): VECOZO knows the caller by it. Required with an https VECOZO_URL in production. */
  @IsOptional()
  @IsString()
  VECOZO_CERT?: string;

  /** The private key of VECOZO_CERT (PEM file path). */
  @IsOptional()
  @IsString()
  VECOZO_KEY?: string;

  /** CA certificates to trust for VECOZO's server (PEM file path); unset: the system's. */
  @IsOptional()
  @IsString()
  VECOZO_CA?: string;

  /** How often the worker pushes, pulls and follows statuses at VECOZO, in ms. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  VECOZO_POLL_MS = 30_000;

  /** A request to VECOZO without an answer after this many ms counts as failed (and is retried). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  VECOZO_TIMEOUT_MS = 10_000;

  /** A request still running after this many ms gets a `slow request` warning (and its request line is a warning); 0: none. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  HTTP_SLOW_MS = 2000;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';
}

export class ConfigError extends Error {}

/**
 * Reads and validates the configuration; throws a ConfigError naming each bad variable,
 * so a process refuses to start on bad config.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new Config())) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  for (const key of ['JWT_SECRET', 'JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'HUB_ENCRYPTION_KEY', 'HUB_ENCRYPTION_KEYS', 'HUB_BSN_HASH_KEY', 'IJW_XSD_DIR', 'GGK_TOKEN', 'GGK_URL', 'GGK_URL_TOKEN', 'GGK_CERT', 'GGK_KEY', 'GGK_CA', 'GGK_TLS_PORT', 'GGK_PEER_OIN', 'METRICS_TOKEN', 'METRICS_PORT', 'WORKER_METRICS_PORT', 'HUB_KLOK', 'GRAPHQL_IDE', 'VECOZO_URL', 'VECOZO_CERT', 'VECOZO_KEY', 'VECOZO_CA']) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const cfg = plainToInstance(Config, raw, { exposeDefaultValues: true });
  const errors = validateSync(cfg, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  // A pinned clock would make every validity and time limit wrong: only a test may set one.
  if (cfg.HUB_KLOK !== undefined) {
    if (cfg.NODE_ENV !== 'test') throw new ConfigError('Invalid configuration:\n  HUB_KLOK: only allowed with NODE_ENV=test');
    if (leesMoment(cfg.HUB_KLOK) === undefined) throw new ConfigError('Invalid configuration:\n  HUB_KLOK: must be an ISO date or date-time with zone');
  }
  // Production must bring its own secrets; development and tests fall back to fixed ones so
  // `npm run token`, `npm run demo` and stored demo data stay in step without setup.
  const missing: string[] = [];
  if (!cfg.JWT_SECRET && !cfg.JWT_JWKS_URL) {
    if (cfg.NODE_ENV === 'production') missing.push('JWT_JWKS_URL: required in production (or JWT_SECRET)');
    cfg.JWT_SECRET = DEV_JWT_SECRET;
  }
  missing.push(...controleerSleutels(cfg, DEV_JWT_SECRET));
  // /metrics on the public port would be open to anyone: a token, or a port of their own.
  if (cfg.NODE_ENV === 'production' && !cfg.METRICS_TOKEN && cfg.METRICS_PORT === undefined) {
    missing.push('METRICS_TOKEN: required in production unless METRICS_PORT serves metrics on a port of their own');
  }
  if (cfg.OIDC_ISSUER && !cfg.OIDC_CLIENT_ID) missing.push('OIDC_CLIENT_ID: required with OIDC_ISSUER');
  if (cfg.NODE_ENV === 'production' && cfg.OIDC_ISSUER && !cfg.OIDC_ISSUER.startsWith('https://')) missing.push('OIDC_ISSUER: https required in production');
  if (cfg.NODE_ENV === 'production') {
    // Without them a token minted for another service of the same identity provider would do.
    if (!cfg.JWT_ISSUER) missing.push('JWT_ISSUER: required in production');
    if (!cfg.JWT_AUDIENCE) missing.push('JWT_AUDIENCE: required in production');
  }
  if (cfg.GGK === 'on' && !cfg.GGK_TOKEN) missing.push('GGK_TOKEN: required with GGK=on (who may call /ggk/OntvangAsynchroon)');
  if (cfg.GGK === 'on' && !cfg.GGK_URL) missing.push('GGK_URL: required with GGK=on (where the hub sends its Di01/Du01)');
  // Digikoppeling is two-way TLS: over https the hub shows its PKIoverheid certificate (a local
  // Digikoppeling adapter may be reached over http; it then does the TLS).
  if (cfg.NODE_ENV === 'production' && cfg.GGK_URL?.startsWith('https://') && (!cfg.GGK_CERT || !cfg.GGK_KEY)) {
    missing.push('GGK_CERT: required with an https GGK_URL in production (and GGK_KEY)');
  }
  if (Boolean(cfg.GGK_CERT) !== Boolean(cfg.GGK_KEY)) missing.push('GGK_KEY: GGK_CERT and GGK_KEY go together');
  if (cfg.GGK_TLS_PORT !== undefined) {
    if (cfg.GGK !== 'on') missing.push('GGK_TLS_PORT: only with GGK=on');
    if (!cfg.GGK_CERT || !cfg.GGK_KEY) missing.push('GGK_TLS_PORT: needs GGK_CERT and GGK_KEY (the port\'s server certificate)');
    // Without its own CA file node would admit a client certificate of any public CA.
    if (!cfg.GGK_CA) missing.push('GGK_TLS_PORT: needs GGK_CA (the issuers of the Digikoppeling provider\'s certificate)');
    if (cfg.NODE_ENV === 'production' && !cfg.GGK_PEER_OIN) missing.push('GGK_PEER_OIN: required with GGK_TLS_PORT in production (any holder of a PKIoverheid certificate would do)');
  }
  if (cfg.GGK_PEER_OIN !== undefined && !cfg.GGK_PEER_OIN.split(',').every((o) => /^\d{20}$/.test(o.trim()))) missing.push('GGK_PEER_OIN: comma-separated OINs of 20 digits');
  if (cfg.GGK_APPLICATIE.length > 50) missing.push('GGK_APPLICATIE: at most 50 characters (StUF Applicatie)');
  // VECOZO admits no caller without its system certificate: production over https only, with one.
  if (cfg.NODE_ENV === 'production' && cfg.VECOZO_URL) {
    if (!cfg.VECOZO_URL.startsWith('https://')) missing.push('VECOZO_URL: https required in production');
    if (!cfg.VECOZO_CERT || !cfg.VECOZO_KEY) missing.push('VECOZO_CERT: required with VECOZO_URL in production (and VECOZO_KEY)');
  }
  if (Boolean(cfg.VECOZO_CERT) !== Boolean(cfg.VECOZO_KEY)) missing.push('VECOZO_KEY: VECOZO_CERT and VECOZO_KEY go together');
  if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n  ${missing.join('\n  ')}`);
  return cfg;
}

/** Whether the api serves the GraphiQL IDE: `GRAPHQL_IDE`, by default on everywhere but production. */
export function ideAan(cfg: Config): boolean {
  return (cfg.GRAPHQL_IDE ?? (cfg.NODE_ENV === 'production' ? 'off' : 'on')) === 'on';
}
