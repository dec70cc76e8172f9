import { Client } from 'pg';
import type { DataSource, Logger } from 'typeorm';
import { sleutelsUitConfig, type Sleutels } from '../../src/common/sleutels';
import type { XsdValidators } from '../../src/messaging/ijw/xsd-validator';
import type { Pogingen } from '../../src/messaging/processing/relay';
import { berichtHandlers, bezorgkanalen } from '../../src/modules';
import type { BerichtHandlers } from '../../src/messaging/processing/handlers';
import type { DemoRegio } from '../../src/seed/demo-types';
import { seed } from '../../src/seed/seed';
import { AGB, FIXTURE } from '../fixtures/regions';
import { startTestApi, type TestApi } from './api';
import { startBerichtenWorker } from './berichten';
import { createTestDatabase, type TestDatabase } from './db';

/** Tokens of the fixture's parties, ready to use. */
export interface Tokens {
  alfa: string;
  beta: string;
  gamma: string;
  /** 's-Hertogenbosch (NOB). */
  bosch: string;
  /** Oss (NOB). */
  oss: string;
  /** The purchasing office of NOB. */
  regio: string;
  /** An administrator over all regions. */
  beheerder: string;
}

/** One test file's hub: its own database (migrated, seeded), the api over HTTP, and what the tests read with. */
export interface HubTestEnvironment {
  db: TestDatabase;
  /** The application role's DataSource: row-level security applies. */
  ds: DataSource;
  /** The owner's connection: sees every row, for asserting what was stored. */
  owner: Client;
  api: TestApi;
  sleutels: Sleutels;
  handlers: BerichtHandlers;
  tokens: Tokens;
  /** Runs `sql` as the owner and returns its rows. */
  rijen<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops everything it started and drops the database. */
  close(): Promise<void>;
}

export interface HubTestOpties {
  /** Seed data (default: the hand-checked fixture of test/fixtures/regions.ts). */
  regios?: { regios: DemoRegio[]; tariefJaar: number };
  /** Configuration of the api (and of the worker's keys). */
  env?: Record<string, string>;
  poolSize?: number;
  /** Logger of the application role's DataSource, e.g. to count the SQL statements the api sends. */
  logger?: Logger;
  /** Also run the worker side in-process: the batch loop and deliveries. */
  worker?: boolean | { xsd?: XsdValidators; pogingen?: Pogingen };
}

/**
 * The one way a test file gets a hub: `const hub = await createHubTestEnvironment('naam')` in
 * beforeAll and `await hub.close()` in afterAll. Each file has its own database and queue prefix.
 */
export async function createHubTestEnvironment(label: string, o: HubTestOpties = {}): Promise<HubTestEnvironment> {
  const db = await createTestDatabase(label);
  const gestart: (() => Promise<void>)[] = [() => db.drop()];
  const close = async () => {
    for (const stop of gestart.reverse()) await stop();
  };
  try {
    const ds = await db.app({ poolSize: o.poolSize ?? 8, logger: o.logger });
    await seed(ds, o.regios ?? FIXTURE);
    const owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    gestart.push(() => owner.end());
    const api = await startTestApi(ds, o.env ?? {});
    gestart.push(() => api.close());
    if (o.worker) {
      const w = o.worker === true ? {} : o.worker;
      const worker = startBerichtenWorker(ds, api.cfg, w.xsd, w.pogingen, bezorgkanalen({ cfg: api.cfg, ds }));
      gestart.push(() => worker.close());
    }
    const tokens: Tokens = {
      alfa: await api.token({ rol: 'aanbieder', agb: AGB.alfa }),
      beta: await api.token({ rol: 'aanbieder', agb: AGB.beta }),
      gamma: await api.token({ rol: 'aanbieder', agb: AGB.gamma }),
      bosch: await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0796'] }),
      oss: await api.token({ rol: 'gemeente', regio: 'NOB', gemeenten: ['0828'] }),
      regio: await api.token({ rol: 'regio', regio: 'NOB' }),
      beheerder: await api.token({ rol: 'beheerder' }),
    };
    return {
      db,
      ds,
      owner,
      api,
      sleutels: sleutelsUitConfig(api.cfg),
      handlers: berichtHandlers(),
      tokens,
      rijen: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await owner.query<T>(sql, params)).rows,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
