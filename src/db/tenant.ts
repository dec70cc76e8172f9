import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { Principal } from '../auth/principal';

/**
 * Sets the row-level security context for the current transaction only, through the database
 * function hub_zet_context: it refuses a second, different context in the same transaction, so a
 * transaction reads and writes as one tenant from start to end.
 */
export async function setTenant(em: EntityManager, p: Principal): Promise<void> {
  await em.query(`SELECT hub_zet_context($1, $2, $3, $4, $5)`, contextParams(p));
}

const contextParams = (p: Principal) => [p.rol, p.regio ?? '', p.agb ?? '', p.gemeenten.join(','), p.sub];

/** Separate pools for system reads, per application DataSource (see `openSysteemPool`). */
const systeemPools = new WeakMap<DataSource, DataSource>();

/**
 * Gives system reads made from transactions of `ds` a pool of their own. A system read runs while
 * the caller's transaction holds a connection; from the same pool, enough concurrent callers would
 * each hold one and wait for a second. Without a registered pool the caller's pool is used (fine
 * for single-flow processes such as the worker or a script).
 */
export async function openSysteemPool(ds: DataSource, size = 4): Promise<DataSource> {
  const extra = (ds.options.extra ?? {}) as Record<string, unknown>;
  const pool = new DataSource({ ...ds.options, extra: { ...extra, max: size, application_name: 'hub-systeem' } });
  await pool.initialize();
  systeemPools.set(ds, pool);
  return pool;
}

/**
 * Reads figures the caller may know but whose rows it may not see (such as what all
 * municipalities allocated under a contract) in the context of `systeem`, on a connection and a
 * read-only transaction of their own: never on the caller's, whose tenant context cannot change.
 * `systeem` should be bound to the region concerned (role `regio` with that region) where it can;
 * `fn` must return aggregates, never rows. It sees only what is committed.
 */
export async function systeemLezen<T>(em: EntityManager, systeem: Principal, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const ds = systeemPools.get(em.dataSource) ?? em.dataSource;
  return ds.transaction(async (sys) => {
    // Read-only and the context in one statement (transaction_read_only may be switched on at any time).
    await sys.query(`SELECT set_config('transaction_read_only', 'on', true), hub_zet_context($1, $2, $3, $4, $5)`, contextParams(systeem));
    return fn(sys);
  });
}

/** Runs `fn` in one transaction with the caller's tenant context set. */
export async function withTenant<T>(ds: DataSource, p: Principal, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  return ds.transaction(async (em) => {
    await setTenant(em, p);
    return fn(em);
  });
}

/**
 * One transaction per GraphQL request, opened on first use, with the tenant context set once.
 * Resolvers and DataLoaders share it, so a request reads one consistent snapshot and a mutation
 * either commits whole or not at all.
 */
export class RequestTransaction {
  private runner?: Promise<QueryRunner>;

  constructor(
    private readonly ds: DataSource,
    private readonly principal: Principal,
  ) {}

  /** The transaction's entity manager. */
  async em(): Promise<EntityManager> {
    this.runner ??= this.open();
    return (await this.runner).manager;
  }

  private async open(): Promise<QueryRunner> {
    const qr = this.ds.createQueryRunner();
    serialise(qr);
    await qr.connect();
    try {
      await qr.startTransaction();
      await setTenant(qr.manager, this.principal);
    } catch (e) {
      await qr.release();
      throw e;
    }
    return qr;
  }

  /** Commits (or rolls back) and releases the connection; safe to call when never opened. */
  async finish(commit: boolean): Promise<void> {
    if (!this.runner) return;
    const qr = await this.runner.catch(() => undefined);
    this.runner = undefined;
    if (!qr) return;
    try {
      if (qr.isTransactionActive) {
        if (commit) await qr.commitTransaction();
        else await qr.rollbackTransaction();
      }
    } finally {
      await qr.release();
    }
  }
}

/**
 * Parallel resolvers and DataLoader batches share the request's one connection; pg wants one
 * query at a time per client, so queries on this runner are chained in arrival order.
 */
function serialise(qr: QueryRunner): void {
  const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  const chained = (...args: unknown[]): Promise<unknown> => {
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  };
  // Overloaded signature: the chained function has the same parameters and result.
  qr.query = chained as QueryRunner['query'];
}
