import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';

/**
 * Bounded work for background jobs. A job never holds one transaction over all its work: it walks its
 * work in keyset pages (ordered by a unique key, `id > cursor ORDER BY id LIMIT n`), and each page is
 * selected and done in one short transaction of its own. Between pages it looks at its signal (server
 * stopping, or the run's time budget used up) and returns early, saying how far it got.
 *
 * Inside a page nothing can hang on: the transaction sets a statement timeout and an idle-in-transaction
 * timeout, and when the signal aborts while a statement runs, that statement is cancelled on the server
 * (`pg_cancel_backend`), so a stopping server never waits for a long query.
 */

/** The default page size: large enough for set-based SQL to pay off, small enough for short transactions. */
export const DEFAULT_BATCH_SIZE = 500;
/** No statement of a page may run longer than this. */
export const BATCH_STATEMENT_TIMEOUT_MS = 30_000;
/** A page's transaction may not sit idle longer than this (a stuck process cannot hold locks for long). */
export const BATCH_IDLE_TIMEOUT_MS = 10_000;

/** Thrown (and caught by `processInBatches`) when a page was cut short because the signal aborted. */
export class BatchAbortedError extends Error {
  constructor() {
    super('the batch was cancelled because the job was asked to stop');
    this.name = 'BatchAbortedError';
  }
}

/**
 * Runs `work` in one short READ COMMITTED transaction on a connection of its own, with statement and
 * idle timeouts. When `signal` aborts while a statement runs, the statement is cancelled on the server
 * and the transaction rolls back; the call then rejects with BatchAbortedError.
 */
export async function inBatchTransaction<T>(
  dataSource: DataSource,
  signal: AbortSignal | undefined,
  work: (manager: EntityManager) => Promise<T>,
  options: { readonly statementTimeoutMs?: number } = {},
): Promise<T> {
  if (signal?.aborted) throw new BatchAbortedError();
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const backends = await runner.manager
    .query<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`)
    .catch(async (error: unknown) => {
      await runner.release();
      throw error;
    });
  const pid = backends[0]?.pid ?? 0;
  // On abort, the statement in flight is cancelled from another connection (this one is busy with it),
  // and again every 250 ms until the page has ended, so a statement that starts just after a cancel
  // does not run on. A cancel reaching the connection while it waits for its next command is ignored
  // by PostgreSQL, so it cannot hit the connection's next user.
  const cancellation: { timer: NodeJS.Timeout | null; sent: Promise<unknown> } = {
    timer: null,
    sent: Promise.resolve(),
  };
  const sendCancel = () => {
    cancellation.sent = dataSource.query(`SELECT pg_cancel_backend($1)`, [pid]).catch(() => undefined);
  };
  const cancel = () => {
    sendCancel();
    cancellation.timer = setInterval(sendCancel, 250);
  };
  const stopCancelling = () => {
    signal?.removeEventListener('abort', cancel);
    if (cancellation.timer) clearInterval(cancellation.timer);
    cancellation.timer = null;
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await runner.startTransaction('READ COMMITTED');
    try {
      // A page touches a few hundred rows: reading whole tables (sequential scans feeding hash joins)
      // or starting parallel workers is never the right plan for it, though the planner's costs can
      // prefer them for a table of 100,000 rows; index lookups keep a page's cost independent of the
      // table's size.
      await runner.query(
        `SELECT set_config('statement_timeout', $1, true),
                set_config('idle_in_transaction_session_timeout', $2, true),
                set_config('enable_seqscan', 'off', true),
                set_config('enable_hashjoin', 'off', true),
                set_config('max_parallel_workers_per_gather', '0', true)`,
        [`${options.statementTimeoutMs ?? BATCH_STATEMENT_TIMEOUT_MS}ms`, `${BATCH_IDLE_TIMEOUT_MS}ms`],
      );
      if (signal?.aborted) throw new BatchAbortedError();
      const result = await work(runner.manager);
      if (signal?.aborted) throw new BatchAbortedError();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      // No cancel may land on the ROLLBACK itself: stop sending them and let the last one arrive first.
      stopCancelling();
      await cancellation.sent;
      await runner.rollbackTransaction().catch(() => runner.rollbackTransaction().catch(() => undefined));
      if (signal?.aborted) throw new BatchAbortedError();
      throw error;
    }
  } finally {
    stopCancelling();
    await cancellation.sent;
    await runner.release();
  }
}

export interface BatchProgress {
  /** False when the run stopped early (signal); the rest is left for the next run. */
  readonly complete: boolean;
  /** Pages done (committed). */
  readonly batches: number;
  /** The key of the last item of the last page done: where a stopped run got to. */
  readonly lastKey: string | null;
}

export interface BatchLoop<Item, Done = void> {
  /**
   * Selects (and may lock) the next page of work in the page's transaction: at most `limit` items whose
   * key is greater than `after` (all when null), ordered by key.
   */
  readonly select: (manager: EntityManager, after: string | null, limit: number) => Promise<Item[]>;
  readonly keyOf: (item: Item) => string;
  /** Does the work of one page, in the same transaction; what it returns goes to `committed`. */
  readonly process: (manager: EntityManager, items: readonly Item[]) => Promise<Done>;
  /** Told what a page did once its transaction committed (a rolled-back page did nothing). */
  readonly committed?: (done: Done) => void;
  /**
   * When a page fails (not by the signal), it is rolled back; this, when given, gets its items to deal
   * with otherwise (one by one, say) and the walk goes on. Without it the error ends the walk.
   */
  readonly onBatchError?: (items: readonly Item[], error: unknown) => Promise<void>;
}

/**
 * Walks the work page by page until a page comes back short or the signal aborts. A page cut short by
 * the signal is rolled back as a whole, so what a stopped run reports is exactly what it committed.
 */
export async function processInBatches<Item, Done = void>(
  dataSource: DataSource,
  loop: BatchLoop<Item, Done>,
  options: {
    readonly signal?: AbortSignal;
    readonly batchSize?: number;
    /** Continue after this key (where an earlier run stopped) instead of at the start. */
    readonly startAfter?: string | null;
    readonly logger?: Logger;
  } = {},
): Promise<BatchProgress> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let after = options.startAfter ?? null;
  let batches = 0;
  for (;;) {
    if (options.signal?.aborted) return { complete: false, batches, lastKey: after };
    let size: number;
    let selected: Item[] = [];
    try {
      const page = await inBatchTransaction(dataSource, options.signal, async (manager) => {
        selected = await loop.select(manager, after, batchSize);
        return { items: selected, done: selected.length > 0 ? await loop.process(manager, selected) : null };
      });
      if (page.done !== null) loop.committed?.(page.done);
      size = page.items.length;
      if (size > 0) after = loop.keyOf(page.items[size - 1]!);
    } catch (error) {
      if (error instanceof BatchAbortedError) return { complete: false, batches, lastKey: after };
      if (!loop.onBatchError || selected.length === 0) throw error;
      options.logger?.warn(
        { err: error, size: selected.length },
        'job batch failed; its items are tried one by one',
      );
      await loop.onBatchError(selected, error);
      // Stopped while going through the page one by one: the next run starts this page again.
      if (options.signal?.aborted) return { complete: false, batches, lastKey: after };
      size = selected.length;
      after = loop.keyOf(selected[selected.length - 1]!);
    }
    if (size > 0) {
      batches += 1;
      options.logger?.debug({ batch: batches, size, lastKey: after }, 'job batch done');
    }
    if (size < batchSize) return { complete: true, batches, lastKey: null };
  }
}
