import type { GraphQLSchema } from 'graphql';
import type { LoaderSource, Loaders } from './graphql/loaders';
import type { DataSource } from 'typeorm';
import type { Config } from './config/config';
import type { Bezorgkanaal } from './messaging/processing/bezorgkanaal';
import { MODULE as ggk } from './ggk/module';
import { MODULE as auth } from './auth/module';
import { MODULE as beheer } from './beheer/module';
import { MODULE as bekostiging } from './bekostiging/module';
import { MODULE as budget } from './budget/module';
import { MODULE as capaciteit } from './capaciteit/module';
import { MODULE as catalogue } from './catalogue/module';
import type { BerichtLezing, HubModule, HubRoute, RouteContext, TlsPoort } from './common/hub-module';
import type { TlsBestanden } from './common/tls';
import { MODULE as contracting } from './contracting/module';
import { createDataSource, type DataSourceOpties } from './db/data-source';
import { MODULE as declaratie } from './declaratie/module';
import { MODULE as keten } from './keten/module';
import { registreerNodes } from './graphql/node';
import { buildHubSchema } from './graphql/schema';
import { MODULE as messaging } from './messaging/module';
import { MODULE as openbaar } from './openbaar/module';
import { MODULE as postbus } from './postbus/module';
import { BerichtHandlers } from './messaging/processing/handlers';
import { MODULE as rapportage } from './rapportage/module';
import { MODULE as registry } from './registry/module';
import { MODULE as sandbox } from './sandbox/module';
import { MODULE as sleutels } from './sleutels/module';
import { MODULE as toewijzing } from './toewijzing/module';
import { MODULE as vecozo } from './vecozo/module';

/**
 * Every feature of the hub, the one list that names them all: the api, the worker, the scripts
 * and the tests build their database access, their schema and their message handlers from it.
 */
export const MODULES: readonly HubModule[] = [registry, catalogue, contracting, auth, messaging, postbus, toewijzing, declaratie, capaciteit, bekostiging, budget, rapportage, openbaar, sleutels, beheer, sandbox, ggk, vecozo, keten];

/** Every table's entity, for the DataSource and the migration drift check. */
export const ENTITEITEN = MODULES.flatMap((m) => m.entiteiten);

/** A DataSource of the hub (every entity; migrations from `migrations/`). */
export function hubDataSource(url: string, opts: Omit<DataSourceOpties, 'entities'> = {}): DataSource {
  return createDataSource(url, { ...opts, entities: ENTITEITEN });
}

/** The executable GraphQL schema of every module's resolvers. */
export function hubSchema(): GraphQLSchema {
  const resolvers = MODULES.flatMap((m) => m.resolvers);
  registreerNodes(MODULES.flatMap((m) => Object.entries(m.nodes ?? {})));
  return buildHubSchema(resolvers as [(typeof resolvers)[number], ...typeof resolvers]);
}

/**
 * A request's DataLoaders: every module's. Each module adds its loaders' names and types to
 * `Loaders` itself, so together they are exactly that interface.
 */
export function maakLoaders(src: LoaderSource): Loaders {
  return Object.assign({}, ...MODULES.map((m) => m.loaders?.(src) ?? {})) as Loaders;
}

let handlers: BerichtHandlers | undefined;

/**
 * The message handlers of every module, checked once: a message type without a handler, or with
 * two, throws here, so the worker does not start.
 */
export function berichtHandlers(): BerichtHandlers {
  handlers ??= new BerichtHandlers(MODULES.flatMap((m) => m.berichten ?? []));
  return handlers;
}

/** Every module's delivery channels into the national chain. */
export function bezorgkanalen(ctx: { cfg: Config; ds: DataSource }): Bezorgkanaal[] {
  return MODULES.flatMap((m) => m.bezorgkanalen?.(ctx) ?? []);
}

/** Every module's fields on the REST read of one message, together (in the list's order). */
const berichtLezing: BerichtLezing = async (em, p, sleutels, id) => {
  const velden: Record<string, unknown> = {};
  for (const m of MODULES) if (m.berichtLezing) Object.assign(velden, await m.berichtLezing(em, p, sleutels, id));
  return velden;
};

/** Every module's REST routes, in the list's order. */
export function hubRoutes(ctx: Omit<RouteContext, 'berichtLezing'>): HubRoute[] {
  return MODULES.flatMap((m) => m.routes?.({ ...ctx, berichtLezing }) ?? []);
}

/** Every module's configured TLS certificate files used by `proces`. */
export function hubCertificaten(cfg: Config, proces: 'api' | 'worker'): TlsBestanden[] {
  return MODULES.flatMap((m) => m.certificaten?.(cfg) ?? []).filter((b) => b.processen.includes(proces) && (b.cert || b.key || b.ca));
}

/** Every module's two-way TLS ports of the api. */
export function hubTlsPoorten(cfg: Config): TlsPoort[] {
  return MODULES.flatMap((m) => m.tlsPoorten?.(cfg) ?? []);
}
