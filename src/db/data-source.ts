import 'reflect-metadata';
import path from 'node:path';
import { types } from 'pg';
import { DataSource, type Logger, type LoggerOptions } from 'typeorm';

/** The application role: not the owner of any table, so FORCE row-level security always applies. */
export const APP_ROLE = 'hub_app';

// iJw dates are calendar dates: keep DATE columns as 'YYYY-MM-DD' strings, never shifted by a time zone.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

export interface DataSourceOpties {
  // TypeORM takes entity classes: any constructor will do.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  poolSize?: number;
  logging?: LoggerOptions;
  logger?: Logger;
  applicationName?: string;
  statementTimeoutMs?: number;
}

/**
 * Builds a DataSource for a connection URL with the given entities (the hub's: `hubDataSource`
 * in src/modules.ts); migrations are loaded from `migrations/`.
 */
export function createDataSource(url: string, opts: DataSourceOpties): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: opts.entities,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migraties',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; the app role may not create extensions.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: opts.logging ?? false,
    logger: opts.logger,
    extra: {
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? 'jeugdzorg-hub',
      connectionTimeoutMillis: 5000,
      // Per connection, so only the pool that asks for it (the api's) is bounded; 0 is none.
      ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
    },
  });
}
