import { escapeLiteral, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
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
      // one); its START TRANSACTION, with the tenant context, goes with the first statement (serialise).
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
 * START TRANSACTION and the tenant context as one simple-protocol text (sent with the statement
 * that follows, see `serialise`). The simple protocol takes no parameters, so the values go in as
 * escaped literals.
 */
function beginWithContext(p: Principal): string {
  return `START TRANSACTION; SELECT hub_zet_context(${contextParams(p).map(textLiteral).join(', ')})`;
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

/** A read waiting for the next round trip. */
interface Pending {
  name: string;
  text: string;
  values: unknown[];
  resolve: (rows: QueryResultRow[]) => void;
  reject: (e: unknown) => void;
}

/** The statements prepared on each pooled connection, by name (prepared statements live as long as the session). */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

/**
 * Parallel resolvers and DataLoader batches share the request's one connection; pg wants one
 * query at a time per client, so queries on this runner (TypeORM's and the reads of `rows`) are
 * chained in arrival order. Once closed, the chain carries only the statement that ends the
 * transaction: a resolver still running cannot put a query after the commit, outside the
 * transaction and its tenant context.
 *
 * Round trips, not planning, are what a request's reads cost once they are prepared (a write on a
 * socket costs 0.1-0.2 ms of CPU on a busy machine, measured with `npm run bench`, contracts). So:
 * - TypeORM's START TRANSACTION is not sent on its own: `begin` (the same statement plus the
 *   tenant context) goes with the first statement that follows it.
 * - The reads asked for in one turn of the event loop (the DataLoader batches of one level of the
 *   query) go in one round trip: a simple-protocol query of `EXECUTE name(literals)` per read, each
 *   name a statement prepared on this connection before (through pg's named statements, which is
 *   also how a statement new to the connection runs, on its own, the first time).
 */
function serialise(qr: QueryRunner, logger: Logger, begin: string): { close: () => void; rows: RowReader['rows'] } {
  const query = qr.query.bind(qr) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  let begun = false;
  /** The begin not sent yet: it goes with the next statement. */
  let beginPending: string | undefined;
  let batch: Pending[] | undefined;
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run);
    tail = next.catch(() => undefined);
    return next;
  };
  const takeBegin = (): string | undefined => {
    const b = beginPending;
    beginPending = undefined;
    return b;
  };
  /** A begin that failed leaves no transaction to run in: every later statement but the end is refused. */
  const refuseAfterFailedBegin = (e: unknown): never => {
    closed = true;
    throw e;
  };
  const chained = (...args: unknown[]): Promise<unknown> => {
    const ends = args[0] === 'COMMIT' || args[0] === 'ROLLBACK';
    if (closed && !ends) return Promise.reject(new RequestFinishedError());
    if (!begun && args[0] === 'START TRANSACTION') {
      begun = true;
      beginPending = begin;
      return Promise.resolve(undefined);
    }
    return inTurn(async () => {
      const b = takeBegin();
      // A transaction that never ran a statement has nothing to end.
      if (b !== undefined && ends) return undefined;
      if (b !== undefined) await query(b).catch(refuseAfterFailedBegin);
      return query(...args);
    });
  };
  // Overloaded signature: the chained function has the same parameters and result.
  qr.query = chained as QueryRunner['query'];

  const failed = (e: unknown, text: string, values: unknown[]) => {
    logger.logQueryError(e instanceof Error ? e : String(e), text, values, qr);
    return new QueryFailedError(text, values, e as Error);
  };
  const send = async (reads: Pending[]): Promise<void> => {
    if (qr.isReleased) throw new RequestFinishedError();
    const client = (await qr.connect()) as PoolClient;
    let known = preparedOn.get(client);
    if (!known) preparedOn.set(client, (known = new Set()));
    const ready: { read: Pending; execute: string }[] = [];
    for (const read of reads.filter((r) => known.has(r.name))) {
      try {
        const execute = read.values.length ? `EXECUTE ${read.name}(${read.values.map(literal).join(', ')})` : `EXECUTE ${read.name}`;
        ready.push({ read, execute });
      } catch (e) {
        read.reject(failed(e, read.text, read.values));
      }
    }
    const fresh = reads.filter((r) => !known.has(r.name));
    const b = takeBegin();
    if (b !== undefined || ready.length) {
      if (b !== undefined) logger.logQuery(b, [], qr);
      // Logged as the statements they run (statement counters, error mapping).
      for (const { read } of ready) logger.logQuery(read.text, read.values, qr);
      const sql = [...(b !== undefined ? [b] : []), ...ready.map((x) => x.execute)].join('; ');
      try {
        const res = (await client.query<QueryResultRow>(sql)) as QueryResult<QueryResultRow> | QueryResult<QueryResultRow>[];
        const results = Array.isArray(res) ? res : [res];
        ready.forEach(({ read }, i) => read.resolve(results[results.length - ready.length + i].rows));
      } catch (e) {
        for (const { read } of ready) read.reject(failed(e, read.text, read.values));
        if (b !== undefined) {
          for (const read of fresh) read.reject(failed(e, read.text, read.values));
          refuseAfterFailedBegin(e);
        }
      }
    }
    for (const r of fresh) {
      logger.logQuery(r.text, r.values, qr);
      try {
        const res = await client.query<QueryResultRow>({ name: r.name, text: r.text, values: r.values });
        known.add(r.name);
        r.resolve(res.rows);
      } catch (e) {
        r.reject(failed(e, r.text, r.values));
      }
    }
  };
  const rows = <T extends QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> => {
    if (closed) return Promise.reject(new RequestFinishedError());
    return new Promise<QueryResultRow[]>((resolve, reject) => {
      if (!batch) {
        const reads: Pending[] = (batch = []);
        // The batch takes its place in the chain now, before any COMMIT asked for later, and
        // waits there until every DataLoader of this turn has asked (they dispatch on
        // process.nextTick). Whatever fails, each read of the batch is answered.
        void inTurn(async () => {
          await new Promise<void>((r) => setImmediate(r));
          batch = undefined;
          await send(reads).catch((e: unknown) => {
            for (const r of reads) r.reject(e);
          });
        });
      }
      batch.push({ name: statementName(sql), text: sql, values, resolve, reject });
    }) as Promise<T[]>;
  };
  return {
    close: () => {
      closed = true;
    },
    rows,
  };
}

/**
 * A value as an SQL literal for EXECUTE: strings, numbers, booleans, null and arrays of those (as
 * array literals); the prepared statement's parameter types read them as they read bound values.
 */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return textLiteral(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return textLiteral(String(v));
  if (Array.isArray(v)) return textLiteral(`{${v.map(arrayElement).join(',')}}`);
  throw new TypeError(`no SQL literal for a ${typeof v}`);
}

function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return `"${/["\\]/.test(v) ? v.replace(/["\\]/g, (c) => `\\${c}`) : v}"`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  throw new TypeError(`no SQL array element for a ${typeof v}`);
}

/** A text literal; NUL (which PostgreSQL refuses in text and which would cut a simple query short) refused. */
function textLiteral(v: string): string {
  if (v.includes('\u0000')) throw new TypeError('A value holds a NUL character');
  // pg's escapeLiteral walks the text character by character; most values (ids, codes, arrays of
  // them) hold neither a quote nor a backslash and need no escaping.
  return /['\\]/.test(v) ? escapeLiteral(v) : `'${v}'`;
}
