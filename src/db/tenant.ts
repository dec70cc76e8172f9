import { escapeLiteral, type PoolClient, type QueryResultRow } from 'pg';
import { DataSource, QueryFailedError, type EntityManager, type Logger, type QueryRunner } from 'typeorm';
import type { Principal } from '../auth/principal';
import { statementName, type RowReader } from './prepared';

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

/** The request's connection while its transaction is open. */
interface OpenTransaction {
  qr: QueryRunner;
  close: () => void;
  rows: RowReader['rows'];
}

/**
 * One transaction per GraphQL request, opened on first use, with the tenant context set once.
 * Resolvers and DataLoaders share it, so a request reads one consistent snapshot and a mutation
 * either commits whole or not at all. Read paths use `rows` (named prepared statements, plain
 * rows); writes use `em`.
 *
 * The response may be sent while sibling resolvers still run (a refused non-null field nulls
 * `data` at once). So `finish` closes the door first: after it, `em` and `rows` refuse instead of
 * opening a connection nobody would release; an open already under way is awaited and then
 * released.
 */
export class RequestTransaction implements RowReader {
  private runner?: Promise<OpenTransaction>;
  private finished = false;

  constructor(
    private readonly ds: DataSource,
    private readonly principal: Principal,
  ) {}

  get dataSource(): DataSource {
    return this.ds;
  }

  /** The transaction's entity manager; refused once the request has finished. */
  async em(): Promise<EntityManager> {
    return (await this.opened()).qr.manager;
  }

  /**
   * Runs a read as a named prepared statement on the transaction's connection, in turn with the
   * request's other statements, under its tenant context; refused once the request has finished.
   */
  async rows<T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.opened()).rows<T>(text, values);
  }

  private opened(): Promise<OpenTransaction> {
    if (this.finished) return Promise.reject(new RequestFinishedError());
    this.runner ??= this.open();
    return this.runner;
  }

  /** Connects and starts the transaction; on any failure the connection goes back to the pool. */
  private async open(): Promise<OpenTransaction> {
    const begin = beginWithContext(this.principal);
    const qr = this.ds.createQueryRunner();
    const { close, rows } = serialise(qr, this.ds.logger, begin);
    try {
      await qr.connect();
      // TypeORM keeps its bookkeeping (a nested transaction becomes a savepoint, save() joins this
      // one); its START TRANSACTION carries the tenant context in the same round trip (serialise).
      await qr.startTransaction();
    } catch (e) {
      close();
      await endAndRelease(qr, false);
      throw e;
    }
    return { qr, close, rows };
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
 * START TRANSACTION and the tenant context in one simple-protocol round trip. The simple protocol
 * takes no parameters, so the values go in as escaped literals; a NUL character (which
 * PostgreSQL refuses in text, and which would cut a simple query short) is refused here.
 */
function beginWithContext(p: Principal): string {
  const values = contextParams(p);
  if (values.some((v) => v.includes('\u0000'))) throw new Error('A tenant context value holds a NUL character');
  return `START TRANSACTION; SELECT hub_zet_context(${values.map((v) => escapeLiteral(v)).join(', ')})`;
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
 * query at a time per client, so queries on this runner (TypeORM's and the prepared reads of
 * `rows`) are chained in arrival order. Once closed, the chain carries only the statement that
 * ends the transaction: a resolver still running cannot put a query after the commit, outside the
 * transaction and its tenant context. TypeORM's START TRANSACTION is sent as `begin` (the same
 * statement plus the tenant context).
 */
function serialise(qr: QueryRunner, logger: Logger, begin: string): { close: () => void; rows: RowReader['rows'] } {
  const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  let begun = false;
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run);
    tail = next.catch(() => undefined);
    return next;
  };
  const chained = (...args: unknown[]): Promise<unknown> => {
    if (closed && args[0] !== 'COMMIT' && args[0] !== 'ROLLBACK') return Promise.reject(new RequestFinishedError());
    if (!begun && args[0] === 'START TRANSACTION') {
      begun = true;
      return inTurn(() => query(begin, ...args.slice(1)));
    }
    return inTurn(() => query(...args));
  };
  // Overloaded signature: the chained function has the same parameters and result.
  qr.query = chained as QueryRunner['query'];
  const rows = <T extends QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
    if (closed) return Promise.reject(new RequestFinishedError());
    return inTurn(async () => {
      // Logged and failing as TypeORM's own queries do (statement counters, error mapping).
      logger.logQuery(text, values, qr);
      const client = (await qr.connect()) as PoolClient;
      try {
        return (await client.query<T>({ name: statementName(text), text, values })).rows;
      } catch (e) {
        logger.logQueryError(e instanceof Error ? e : String(e), text, values, qr);
        throw new QueryFailedError(text, values, e as Error);
      }
    });
  };
  return {
    close: () => {
      closed = true;
    },
    rows,
  };
}
