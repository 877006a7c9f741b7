import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { RequestAbandonedError, StatementTimeoutError } from '../errors.js';

/**
 * One statement of a request that the request's abort signal can stop (core/db/request-signal.ts):
 * - a signal already aborted starts nothing;
 * - aborted while the statement runs, the statement is cancelled in PostgreSQL with
 *   `pg_cancel_backend` on the backend running it, sent on another connection of the pool (this one
 *   is busy). With every connection busy the cancel waits for one; the statement timeout still ends
 *   the statement then;
 * - a cancel is only ever sent while the statement is in flight, and the last one sent has reached
 *   the server before the connection is used again (its next statement, a transaction's ROLLBACK, or
 *   another request after its release). PostgreSQL ignores a cancel that reaches a backend waiting for
 *   its next command, so a cancel can never hit a statement that is not the request's own.
 *
 * The cancel is resent every 250 ms while the statement is still running: the first one can reach the
 * backend a moment before the statement has, and would then be ignored.
 */

/** How often a cancel is repeated while the aborted statement is still running. */
const CANCEL_REPEAT_MS = 250;

/** PostgreSQL's SQLSTATE for a statement stopped by a cancel or by `statement_timeout`. */
const QUERY_CANCELED = '57014';

/** Whether `error` (TypeORM's QueryFailedError, or what it wraps) is PostgreSQL's "canceling statement". */
export function isQueryCanceled(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (Reflect.get(error, 'code') === QUERY_CANCELED) return true;
  const driverError: unknown = Reflect.get(error, 'driverError');
  return typeof driverError === 'object' && driverError !== null && driverError !== error
    ? isQueryCanceled(driverError)
    : false;
}

/**
 * What a cancelled statement means to its caller: the request's own abort (nobody waits for the
 * answer), else the statement timeout (or an operator's cancel, which PostgreSQL reports alike).
 */
export function cancellationError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (!isQueryCanceled(error)) return error;
  return signal?.aborted
    ? new RequestAbandonedError({ cause: error })
    : new StatementTimeoutError({ cause: error });
}

/** The backend pid of the connection a query runner holds (node-postgres' client knows it). */
function backendPidOf(queryRunner: QueryRunner): number | null {
  const connection: unknown = Reflect.get(queryRunner, 'databaseConnection');
  if (typeof connection !== 'object' || connection === null) return null;
  const pid: unknown = Reflect.get(connection, 'processID');
  return typeof pid === 'number' ? pid : null;
}

/**
 * Runs `sql` for the request whose signal is `signal`: on the transaction's connection when `runner` is
 * a transaction's EntityManager, else on a connection taken from the pool for this one statement (as
 * `DataSource.query` would, but held explicitly so its backend pid is known while the statement runs).
 */
export async function queryCancellably(
  runner: EntityManager | DataSource,
  sql: string,
  values: unknown[],
  signal: AbortSignal,
): Promise<unknown> {
  if (signal.aborted) throw new RequestAbandonedError();
  const inTransaction = 'queryRunner' in runner ? runner.queryRunner : undefined;
  const dataSource = 'connection' in runner ? runner.connection : runner;
  if (inTransaction) return runOn(dataSource, inTransaction, sql, values, signal);
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    return await runOn(dataSource, queryRunner, sql, values, signal);
  } finally {
    await queryRunner.release();
  }
}

/**
 * Sends `pg_cancel_backend(pid)` on request, each on a connection of the pool taken for it, until
 * `end()`. A cancel that is still waiting for a connection when the statement ends is never sent
 * (that connection may be running its next statement by then); `end()` waits only for those already
 * sent. It does not wait for one still queued for a connection: the statement's own connection may be
 * what that one waits for, and waiting would deadlock a full pool.
 */
function cancellerOf(dataSource: DataSource, pid: number) {
  let ended = false;
  let queued = false;
  let sent: Promise<unknown> = Promise.resolve();
  return {
    send(): void {
      // One attempt at a time waits for a connection, so a busy pool's queue does not fill with cancels.
      if (ended || queued) return;
      queued = true;
      const canceller = dataSource.createQueryRunner();
      void canceller
        .connect()
        .then(
          () => {
            queued = false;
            if (ended) return canceller.release();
            // Recorded in the same step as the check above, so `end()` cannot miss it.
            const cancel = canceller
              .query(`SELECT pg_cancel_backend($1)`, [pid])
              .catch(() => undefined)
              .then(() => canceller.release());
            sent = Promise.all([sent, cancel]);
            return cancel;
          },
          () => {
            queued = false;
            return canceller.release();
          },
        )
        .catch(() => undefined);
    },
    end(): Promise<unknown> {
      ended = true;
      return sent;
    },
  };
}

async function runOn(
  dataSource: DataSource,
  queryRunner: QueryRunner,
  sql: string,
  values: unknown[],
  signal: AbortSignal,
): Promise<unknown> {
  // Taking a connection from a full pool can take a while: the client may have gone meanwhile.
  if (signal.aborted) throw new RequestAbandonedError();
  const pid = backendPidOf(queryRunner);
  const canceller = pid === null ? null : cancellerOf(dataSource, pid);
  const repeat: { timer: NodeJS.Timeout | null } = { timer: null };
  const onAbort = () => {
    canceller?.send();
    repeat.timer = setInterval(() => canceller?.send(), CANCEL_REPEAT_MS);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await queryRunner.query(sql, values);
  } catch (error) {
    throw cancellationError(error, signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (repeat.timer) clearInterval(repeat.timer);
    // The statement has ended: no new cancel is sent, and those sent have landed (on the statement, or
    // ignored by the now idle backend) before this connection does anything else.
    await canceller?.end();
  }
}
