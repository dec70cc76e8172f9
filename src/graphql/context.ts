import type { Verwerking } from '../messaging/processing/verwerking';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { RowReader } from '../db/prepared';
import { RequestTransaction } from '../db/tenant';
import type { LoaderSource, Loaders } from './loaders';
import type { Sleutels } from '../common/sleutels';

/** Per-request GraphQL context: the caller, its transaction and its own DataLoaders. */
export class HubContext {
  readonly tx: RequestTransaction;
  private loadersCache?: Loaders;

  constructor(
    readonly principal: Principal,
    ds: DataSource,
    /** The keys of stored client data and messages and of the BSN hash (src/common/sleutels.ts). */
    readonly sleutels: Sleutels,
    /** Builds the request's DataLoaders (every module's: src/modules.ts). */
    private readonly maakLoaders: (src: LoaderSource) => Loaders,
    /** How the worker judges messages, for what judges one without storing it (the claim pre-flight). */
    readonly verwerking?: Verwerking,
  ) {
    this.tx = new RequestTransaction(ds, principal);
  }

  em(): Promise<EntityManager> {
    return this.tx.em();
  }

  /** The request's reads: named prepared statements in its transaction, plain rows. */
  get reader(): RowReader {
    return this.tx;
  }

  /** DataLoaders live per request, never per process, so one caller never sees another's cache. */
  get loaders(): Loaders {
    this.loadersCache ??= this.maakLoaders({ reader: this.tx, em: () => this.em() });
    return this.loadersCache;
  }
}
