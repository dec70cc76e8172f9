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

/** Separate pools for system reads, per application DataSource, shared by the apps built on it (see `openSysteemPool`). */
const systeemPools = new WeakMap<DataSource, { pool: DataSource; klaar: Promise<unknown>; gebruikers: number }>();

/**
 * Gives system reads made from transactions of `ds` a pool of their own. A system read runs while
 * the caller's transaction holds a connection; from the same pool, enough concurrent callers would
 * each hold one and wait for a second. Without a registered pool the caller's pool is used (fine
 * for single-flow processes such as the worker or a script). Apps built on one DataSource share its
 * pool, which closes when the last of them calls `sluit`.
 */
export async function openSysteemPool(ds: DataSource, size = 4): Promise<{ sluit(): Promise<void> }> {
  let e = systeemPools.get(ds);
  if (!e) {
    const extra = (ds.options.extra ?? {}) as Record<string, unknown>;
    const pool = new DataSource({ ...ds.options, extra: { ...extra, max: size, application_name: 'hub-systeem' } });
    e = { pool, klaar: pool.initialize(), gebruikers: 0 };
    systeemPools.set(ds, e);
  }
  const eigen = e;
  eigen.gebruikers += 1;
  await eigen.klaar;
  let gesloten = false;
  return {
    async sluit() {
      if (gesloten) return;
      gesloten = true;
      eigen.gebruikers -= 1;
      if (eigen.gebruikers > 0) return;
      if (systeemPools.get(ds) === eigen) systeemPools.delete(ds);
      await eigen.pool.destroy();
    },
  };
}

/**
 * Reads figures the caller may know but whose rows it may not see (such as what all
 * municipalities allocated under a contract) in the context of `systeem`, on a connection and a
 * read-only transaction of their own: never on the caller's, whose tenant context cannot change.
 * `systeem` should be bound to the region concerned (role `regio` with that region) where it can;
 * `fn` must return aggregates, never rows. It sees only what is committed.
 */
export async function systeemLezen<T>(em: EntityManager, systeem: Principal, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const ds = systeemPools.get(em.dataSource)?.pool ?? em.dataSource;
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

/** Raised by `RequestTransaction.em` once the request's transaction has ended. */
export class RequestFinishedError extends Error {
  constructor() {
    super('The request has ended; its transaction can no longer be used');
    this.name = 'RequestFinishedError';
  }
}

/**
 * One transaction per GraphQL request, opened on first use, with the tenant context set once.
 * Resolvers and DataLoaders share it, so a request reads one consistent snapshot and a mutation
 * either commits whole or not at all.
 *
 * The response may be sent while sibling resolvers still run (a refused non-null field nulls
 * `data` at once). So `finish` closes the door first: after it, `em` refuses instead of opening a
 * connection nobody would release; an open already under way is awaited and then released.
 */
export class RequestTransaction {
  private runner?: Promise<{ qr: QueryRunner; close: () => void }>;
  private finished = false;

  constructor(
    private readonly ds: DataSource,
    private readonly principal: Principal,
  ) {}

  /** The transaction's entity manager; refused once the request has finished. */
  async em(): Promise<EntityManager> {
    if (this.finished) throw new RequestFinishedError();
    this.runner ??= this.open();
    return (await this.runner).qr.manager;
  }

  /** Connects and starts the transaction; on any failure the connection goes back to the pool. */
  private async open(): Promise<{ qr: QueryRunner; close: () => void }> {
    const qr = this.ds.createQueryRunner();
    const { close } = serialise(qr);
    try {
      await qr.connect();
      await qr.startTransaction();
      await setTenant(qr.manager, this.principal);
    } catch (e) {
      close();
      await endAndRelease(qr, false);
      throw e;
    }
    return { qr, close };
  }

  /**
   * Commits (or rolls back) and releases the connection; safe to call when never opened and more
   * than once. Queries already queued on the connection run before the commit (they are
   * chained); any issued later are refused.
   */
  async finish(commit: boolean): Promise<void> {
    this.finished = true;
    const runner = this.runner;
    this.runner = undefined;
    if (!runner) return;
    const open = await runner.catch(() => undefined);
    if (!open) return;
    const { qr, close } = open;
    close();
    await endAndRelease(qr, commit);
  }
}

/**
 * Ends the transaction and gives the connection back to the pool, never with a transaction still
 * open (or aborted) on it: whatever fails, a rollback is tried before the release.
 */
async function endAndRelease(qr: QueryRunner, commit: boolean): Promise<void> {
  try {
    if (qr.isTransactionActive) {
      if (commit) await qr.commitTransaction();
      else await qr.rollbackTransaction();
    }
  } finally {
    try {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    } finally {
      await qr.release();
    }
  }
}

/**
 * Parallel resolvers and DataLoader batches share the request's one connection; pg wants one
 * query at a time per client, so queries on this runner are chained in arrival order. Once
 * closed, the chain carries only the statement that ends the transaction: a resolver still
 * running cannot put a query after the commit, outside the transaction and its tenant context.
 */
function serialise(qr: QueryRunner): { close: () => void } {
  const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  const chained = (...args: unknown[]): Promise<unknown> => {
    if (closed && args[0] !== 'COMMIT' && args[0] !== 'ROLLBACK') return Promise.reject(new RequestFinishedError());
    const next = tail.then(() => query(...args));
    tail = next.catch(() => undefined);
    return next;
  };
  // Overloaded signature: the chained function has the same parameters and result.
  qr.query = chained as QueryRunner['query'];
  return {
    close: () => {
      closed = true;
    },
  };
}
