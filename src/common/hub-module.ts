import type { BerichtHandler } from '../messaging/processing/handlers';
import type { LoaderSource } from '../graphql/loaders';
import type { NodeLader } from '../graphql/node';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { TokenVerifier } from '../auth/jwt';
import type { Config } from '../config/config';
import type { Sleutels } from './sleutels';
import type { Verwerking } from '../messaging/processing/verwerking';
import type { Bezorgkanaal } from '../messaging/processing/bezorgkanaal';
import type { TlsBestanden } from './tls';

/** What a module's HTTP routes are built from. */
export interface RouteContext {
  cfg: Config;
  ds: DataSource;
  verifier: TokenVerifier;
  sleutels: Sleutels;
  /** The api's producer connection to Redis (BullMQ's); the app closes it. */
  redis: Redis;
  /** How the worker judges messages (handlers, XSDs), for routes that judge one without storing it. */
  verwerking: Verwerking;
  /** What every module adds to the REST read of one message (`HubModule.berichtLezing`, all together). */
  berichtLezing: BerichtLezing;
}

/**
 * Fields a module adds to the REST read of one message (`GET /ijw/berichten/{id}`), read in the
 * caller's transaction (its tenant context: row-level security applies), by the message's id.
 */
export type BerichtLezing = (em: EntityManager, p: Principal, sleutels: Sleutels, id: string) => Promise<Record<string, unknown>>;

/** One REST mount of a module: `app.use(pad, router)`. */
export interface HubRoute {
  pad: string;
  router: Router;
}

/** A port of its own on which the api serves a module's routes over two-way TLS (a caller needs a certificate of the CA file). */
export interface TlsPoort {
  /** The mount (one of the module's `routes`): only paths below it are served there. */
  pad: string;
  poort: number;
  /** The server certificate, its key, and the CAs that issue callers' certificates. */
  bestanden: TlsBestanden;
}

/**
 * What a feature brings to the hub: its tables, its GraphQL resolvers, the handlers of the iJw
 * messages it owns. The list of them (src/modules.ts) is the only place that names every feature.
 */
export interface HubModule {
  naam: string;
  // type-graphql and TypeORM take classes: any constructor will do.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entiteiten: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  berichten?: readonly BerichtHandler[];
  /** Its request-scoped DataLoaders (their names and types added to `Loaders` in the same file). */
  loaders?: (src: LoaderSource) => object;
  /**
   * How node(id)/nodes(ids) read each of its types that implement Node, by GraphQL type name: the
   * same tenant-scoped read as the type's own query (src/graphql/node.ts).
   */
  nodes?: Readonly<Record<string, NodeLader>>;
  /** Its ways out for providers reached through the national chain (the worker's delivery jobs use them). */
  bezorgkanalen?: (ctx: { cfg: Config; ds: DataSource }) => Bezorgkanaal[];
  /** Its fields on the REST read of one message (GET /ijw/berichten/{id}). */
  berichtLezing?: BerichtLezing;
  /** Its REST routes, mounted by the api in the list's order (after /healthz, /readyz, /metrics). */
  routes?: (ctx: RouteContext) => HubRoute[];
  /** Its TLS certificate files as configured, checked when the processes that use them start (src/runtime.ts). */
  certificaten?: (cfg: Config) => (TlsBestanden & { processen: readonly ('api' | 'worker')[] })[];
  /** Its two-way TLS ports of the api. */
  tlsPoorten?: (cfg: Config) => TlsPoort[];
}
