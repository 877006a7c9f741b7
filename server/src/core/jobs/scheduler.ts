import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/**
 * A small in-process scheduler for idempotent background jobs (retention, referral expiry, deadline
 * alerts, …) that stays correct when several server instances run it at once.
 *
 * - **One run at a time, cluster-wide.** A run takes the PostgreSQL advisory lock
 *   `pg_try_advisory_xact_lock(hashtext('vangnet-job:' || name))` in a transaction on a connection of
 *   its own, held until the run ends (the job itself works on other connections). When another instance
 *   holds it, this instance skips. A transaction-level lock can never outlive its run: commit, rollback,
 *   a dropped connection or a killed process all release it. (That connection shows as "idle in
 *   transaction" while the job runs; it holds no snapshot and writes nothing.)
 * - **About once per interval, cluster-wide.** Under the lock the run reads `job_run.last_started_at`
 *   and skips when the last run, on any instance, started less than `intervalMs` ago. Every instance
 *   polls every `pollMs`; whoever finds the job due first runs it.
 * - **No overlap in-process.** A job's next check is scheduled only after the previous one ended.
 * - **Recorded.** `job_run` holds the last start, finish, success and result of every job.
 * - **Never crashes the server.** Errors are caught, logged and recorded; the job is tried again
 *   when it is next due.
 * - **Graceful stop.** `stop()` cancels the timers, signals running jobs to wrap up (`context.signal`)
 *   and waits for them.
 *
 * Because a run may be repeated (a crash after the work but before `job_run` was written, a lock lost
 * with its connection), jobs must be idempotent.
 */

/** What a job reports; stored as `job_run.last_result` (jsonb) and logged. Counts and codes, never personal data. */
export type JobResult = Record<string, number | string | boolean | null>;

export interface JobContext {
  readonly dataSource: DataSource;
  /** The moment of this run: jobs use it instead of the clock, so a run is one consistent moment. */
  readonly now: Date;
  readonly logger: Logger;
  /** Aborted when the server stops; a long job may check it between units of work and return early. */
  readonly signal: AbortSignal;
}

export type JobFunction = (context: JobContext) => Promise<JobResult>;

export interface JobDefinition {
  /** Unique, at most 100 characters (the `job_run` key); part of the advisory lock key. */
  readonly name: string;
  /** How often the job should run (cluster-wide); 0 means at every poll. */
  readonly intervalMs: number;
  readonly run: JobFunction;
  readonly description?: string;
}

export type JobOutcome =
  | {
      readonly status: 'succeeded';
      readonly startedAt: Date;
      readonly durationMs: number;
      readonly result: JobResult;
    }
  | {
      readonly status: 'failed';
      readonly startedAt: Date;
      readonly durationMs: number;
      readonly error: string;
    }
  | {
      readonly status: 'skipped';
      /** locked: another instance runs it now; not-due: it ran recently; running: already running here; stopping: the scheduler stops. */
      readonly reason: 'locked' | 'not-due' | 'running' | 'stopping';
    };

export interface SchedulerOptions {
  /** How often each job is checked for being due. Default one minute. */
  readonly pollMs?: number;
  /** Delay before the first check after start(). Default five seconds. */
  readonly initialDelayMs?: number;
  /** The clock; tests inject one. */
  readonly clock?: () => Date;
}

/** The SQL of the lock key, with the job name as `$1`. */
export const JOB_LOCK_KEY_SQL = `hashtext('vangnet-job:' || $1::text)`;

const MAX_ERROR_LENGTH = 500;
const REPEAT_LOG_MS = 60_000;

export class JobScheduler {
  private readonly jobs = new Map<string, JobDefinition>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<JobOutcome>>();
  private readonly abort = new AbortController();
  private readonly log: Logger;
  private readonly pollMs: number;
  private readonly initialDelayMs: number;
  private readonly clock: () => Date;
  private readonly lastPollErrorLoggedAt = new Map<string, number>();
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    logger: Logger,
    options: SchedulerOptions = {},
  ) {
    this.log = logger.child({ component: 'scheduler' });
    this.pollMs = options.pollMs ?? 60_000;
    this.initialDelayMs = options.initialDelayMs ?? 5_000;
    this.clock = options.clock ?? (() => new Date());
  }

  register(job: JobDefinition): this {
    if (!/^[a-z0-9][a-z0-9:._-]{0,99}$/.test(job.name))
      throw new Error(`job name "${job.name}" must be 1–100 characters of a-z, 0-9, ':', '.', '_' or '-'`);
    if (this.jobs.has(job.name)) throw new Error(`job "${job.name}" is registered twice`);
    if (!Number.isFinite(job.intervalMs) || job.intervalMs < 0)
      throw new Error(`job "${job.name}" needs a non-negative interval`);
    this.jobs.set(job.name, job);
    if (this.started) this.schedule(job, this.initialDelayMs);
    return this;
  }

  get jobNames(): string[] {
    return [...this.jobs.keys()];
  }

  /** Starts polling every registered job (and every job registered later). */
  start(): this {
    if (this.started || this.abort.signal.aborted) return this;
    this.started = true;
    for (const job of this.jobs.values()) this.schedule(job, this.initialDelayMs);
    return this;
  }

  /** Runs the job when it is due cluster-wide (what the timer does). */
  runIfDue(name: string): Promise<JobOutcome> {
    return this.launch(this.job(name), false);
  }

  /** Runs the job now whether or not it is due (by hand: `jobs:run`), still under its lock. */
  runNow(name: string): Promise<JobOutcome> {
    return this.launch(this.job(name), true);
  }

  /** Stops the timers, asks running jobs to wrap up, and waits for them. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private job(name: string): JobDefinition {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`unknown job "${name}"; known jobs: ${this.jobNames.join(', ') || 'none'}`);
    return job;
  }

  private schedule(job: JobDefinition, delayMs: number): void {
    if (this.abort.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(job.name);
      void this.poll(job).finally(() =>
        this.schedule(job, Math.min(this.pollMs, job.intervalMs || this.pollMs)),
      );
    }, delayMs);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  /** One timer tick: a cheap look at job_run first, the lock only when the job looks due. */
  private async poll(job: JobDefinition): Promise<void> {
    try {
      if (!(await this.looksDue(job))) return;
      await this.launch(job, false);
      this.lastPollErrorLoggedAt.delete(job.name);
    } catch (error) {
      // The database may be away for a moment; say so, but not at every tick.
      const now = Date.now();
      const last = this.lastPollErrorLoggedAt.get(job.name);
      if (last === undefined || now - last >= REPEAT_LOG_MS) {
        this.log.error({ err: error, job: job.name }, 'could not check or run a scheduled job');
        this.lastPollErrorLoggedAt.set(job.name, now);
      }
    }
  }

  private async looksDue(job: JobDefinition): Promise<boolean> {
    const [row] = await this.dataSource.query<{ lastStartedAt: Date }[]>(
      `SELECT last_started_at AS "lastStartedAt" FROM job_run WHERE name = $1`,
      [job.name],
    );
    return !row || row.lastStartedAt.getTime() + job.intervalMs <= this.clock().getTime();
  }

  private launch(job: JobDefinition, force: boolean): Promise<JobOutcome> {
    if (this.abort.signal.aborted) return Promise.resolve({ status: 'skipped', reason: 'stopping' });
    if (this.running.has(job.name)) return Promise.resolve({ status: 'skipped', reason: 'running' });
    const run = this.execute(job, force).finally(() => this.running.delete(job.name));
    this.running.set(job.name, run);
    return run;
  }

  private async execute(job: JobDefinition, force: boolean): Promise<JobOutcome> {
    const lockRunner = this.dataSource.createQueryRunner();
    await lockRunner.connect();
    try {
      await lockRunner.startTransaction('READ COMMITTED');
      try {
        const [lock] = await lockRunner.manager.query<{ acquired: boolean }[]>(
          `SELECT pg_try_advisory_xact_lock(${JOB_LOCK_KEY_SQL}) AS acquired`,
          [job.name],
        );
        if (!lock?.acquired) {
          this.log.debug({ job: job.name }, 'job skipped: another instance runs it');
          return { status: 'skipped', reason: 'locked' };
        }
        const startedAt = this.clock();
        if (!force) {
          const [last] = await lockRunner.manager.query<{ lastStartedAt: Date }[]>(
            `SELECT last_started_at AS "lastStartedAt" FROM job_run WHERE name = $1`,
            [job.name],
          );
          if (last && last.lastStartedAt.getTime() + job.intervalMs > startedAt.getTime()) {
            this.log.debug({ job: job.name }, 'job skipped: it ran recently');
            return { status: 'skipped', reason: 'not-due' };
          }
        }
        return await this.runLocked(job, startedAt);
      } finally {
        // Ends the transaction and with it the lock (a broken connection has lost both already).
        await lockRunner.commitTransaction().catch((error: unknown) => {
          this.log.warn({ err: error, job: job.name }, 'could not end the job lock transaction');
        });
      }
    } finally {
      await lockRunner.release();
    }
  }

  private async runLocked(job: JobDefinition, startedAt: Date): Promise<JobOutcome> {
    const log = this.log.child({ job: job.name });
    // Written outside the lock's transaction, so other instances see at once that it started.
    await this.dataSource.query(
      `INSERT INTO job_run (name, last_started_at, last_finished_at, last_succeeded, last_result)
       VALUES ($1, $2, NULL, NULL, '{}')
       ON CONFLICT (name) DO UPDATE
         SET last_started_at = EXCLUDED.last_started_at, last_finished_at = NULL, last_succeeded = NULL, last_result = '{}'`,
      [job.name, startedAt],
    );
    log.info('job started');
    const began = Date.now();
    let outcome: JobOutcome;
    try {
      const result = await job.run({
        dataSource: this.dataSource,
        now: startedAt,
        logger: log,
        signal: this.abort.signal,
      });
      outcome = { status: 'succeeded', startedAt, durationMs: Date.now() - began, result };
      log.info({ result, durationMs: outcome.durationMs }, 'job finished');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = {
        status: 'failed',
        startedAt,
        durationMs: Date.now() - began,
        error: message.slice(0, MAX_ERROR_LENGTH),
      };
      log.error({ err: error, durationMs: outcome.durationMs }, 'job failed');
    }
    await this.dataSource.query(
      `UPDATE job_run SET last_finished_at = $2, last_succeeded = $3, last_result = $4::jsonb WHERE name = $1`,
      [
        job.name,
        new Date(startedAt.getTime() + outcome.durationMs),
        outcome.status === 'succeeded',
        JSON.stringify(outcome.status === 'succeeded' ? outcome.result : { error: outcome.error }),
      ],
    );
    return outcome;
  }
}

/** Builds a scheduler with these jobs and starts it (what `serve` does). */
export function startScheduler(
  dataSource: DataSource,
  logger: Logger,
  jobs: readonly JobDefinition[],
  options: SchedulerOptions = {},
): JobScheduler {
  const scheduler = new JobScheduler(dataSource, logger, options);
  for (const job of jobs) scheduler.register(job);
  return scheduler.start();
}
