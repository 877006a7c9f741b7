import type { Logger } from 'pino';

/**
 * The graceful stop of a running server (SIGTERM, SIGINT). An orchestrator waits about ten seconds
 * before it kills a process, so everything here is bounded to stay under that:
 *
 * 1. At once and side by side: the HTTP server stops taking requests and lets running ones finish, the
 *    scheduler aborts running jobs (their statement in flight is cancelled on the database; a job stops
 *    between batches and records how far it got), and the audit sealer stops. Each gets at most
 *    `stepMs`.
 * 2. The case event bus closes (at most one second).
 * 3. The database closes (the pool, then an embedded PostgreSQL), at most `stepMs`.
 * 4. The process exits with 0; with 1 when a step failed.
 *
 * Whatever happens, the process exits after `deadlineMs` (1, "took too long").
 */
export interface ShutdownParts {
  readonly app: { stop(): Promise<void> };
  /** Aborts the running jobs and waits for them at most the given time. */
  readonly scheduler: { stop(waitMs: number): Promise<boolean> };
  readonly auditSealer: { stop(): Promise<void> };
  readonly caseEvents: { close(): Promise<void> };
  readonly database: { close(): Promise<void> };
}

export interface ShutdownOptions {
  /** The hard limit: the process is gone by then. Default 9 s (under the usual 10 s before SIGKILL). */
  readonly deadlineMs?: number;
  /** The most each step may take before the next starts anyway. Default 3.5 s. */
  readonly stepMs?: number;
  /** Ends the process; tests pass their own. */
  readonly exit?: (code: number) => void;
}

export const SHUTDOWN_DEADLINE_MS = 9_000;
export const SHUTDOWN_STEP_MS = 3_500;
const CASE_EVENTS_CLOSE_MS = 1_000;

/** Waits for `work`, at most `ms`; says whether it ended in time. Its failure is passed on. */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the handler for a termination signal; a second signal while stopping is ignored. */
export function createShutdown(
  parts: ShutdownParts,
  logger: Logger,
  options: ShutdownOptions = {},
): (signal: string) => Promise<void> {
  const deadlineMs = options.deadlineMs ?? SHUTDOWN_DEADLINE_MS;
  const stepMs = options.stepMs ?? SHUTDOWN_STEP_MS;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping: Promise<void> | null = null;

  const step = async (name: string, ms: number, work: () => Promise<unknown>): Promise<boolean> => {
    try {
      const ended = await within(ms, work());
      if (!ended) logger.warn({ step: name, waitedMs: ms }, 'shutdown step did not finish in time; going on');
      return true;
    } catch (error) {
      logger.error({ err: error, step: name }, 'error during shutdown');
      return false;
    }
  };

  return (signal: string) => {
    if (stopping) return stopping;
    logger.info({ signal, deadlineMs }, 'shutting down');
    const began = Date.now();
    const forced = setTimeout(() => {
      logger.error({ deadlineMs }, 'graceful shutdown took too long; exiting');
      exit(1);
    }, deadlineMs);
    forced.unref();
    stopping = (async () => {
      const first = await Promise.all([
        step('http', stepMs, () => parts.app.stop()),
        step('jobs', stepMs, () => parts.scheduler.stop(stepMs - 250)),
        step('audit-sealer', stepMs, () => parts.auditSealer.stop()),
      ]);
      const events = await step('case-events', CASE_EVENTS_CLOSE_MS, () => parts.caseEvents.close());
      const database = await step('database', stepMs, () => parts.database.close());
      clearTimeout(forced);
      const clean = first.every(Boolean) && events && database;
      logger.info({ durationMs: Date.now() - began, clean }, 'stopped');
      exit(clean ? 0 : 1);
    })();
    return stopping;
  };
}
