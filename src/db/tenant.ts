import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Principal } from '../auth/principal';

/** Sets the row-level security context for the current transaction only (set_config(..., true)). */
export async function setTenant(em: EntityManager, p: Principal): Promise<void> {
  await em.query(
    `SELECT set_config('app.rol', $1, true), set_config('app.regio', $2, true),
            set_config('app.agb', $3, true), set_config('app.gemeenten', $4, true)`,
    [p.rol, p.regio ?? '', p.agb ?? '', p.gemeenten.join(',')],
  );
}

/**
 * Runs `fn` in the caller's transaction with the system context, then restores the caller's.
 * Only for figures the caller may know but whose rows it may not see, such as the total
 * allocated under a contract across all municipalities (the budget ceiling). `fn` must return
 * aggregates, never rows.
 */
export async function alsSysteem<T>(em: EntityManager, p: Principal, systeem: Principal, fn: () => Promise<T>): Promise<T> {
  await setTenant(em, systeem);
  try {
    return await fn();
  } finally {
    await setTenant(em, p);
  }
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
