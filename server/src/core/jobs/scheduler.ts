import { SystemDatabase } from '../db/gateway.js';
import type { Logger } from 'pino';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A small in-process scheduler for idempotent background jobs (retention, referral expiry, deadline
 * alerts, …) that stays correct when several server instances run it at once.
 *
 * - **One run at a time, cluster-wide.** A run takes the session-level PostgreSQL advisory lock
 *   `pg_try_advisory_lock(hashtext('vangnet-job:' || name))` on a connection of its own, outside any
 *   transaction (the connection shows as plain "idle", never "idle in transaction"), and releases it in
 *   `finally`. When another instance holds it, this instance skips. The lock cannot outlive its run:
 *   an unlock that fails destroys the connection, and a dropped connection or a killed process loses
 *   its session locks. The job itself works on other connections, in short transactions
 *   (see batches.ts).
 * - **About once per interval, cluster-wide.** Under the lock the run reads `job_run.last_started_at`
 *   and skips when the last run, on any instance, started less than `intervalMs` ago. Every instance
 *   polls every `pollMs`; whoever finds the job due first runs it.
 * - **No overlap in-process.** A job's next check is scheduled only after the previous one ended.
 * - **Recorded.** `job_run` holds the last start, finish, success and result of every job.
 * - **Never crashes the server.** Errors are caught, logged and recorded; the job is tried again
 *   when it is next due.
 * - **Bounded runs.** Every run has a time budget (`budgetMs`, default five minutes). Its `signal`
 *   aborts when the budget is used up or the server stops; a job checks it between batches and returns
 *   what it did so far with `complete: false`. The scheduler records that as `stoppedBy` ('budget' or
 *   'shutdown') in `job_run.last_result`, next to the job's `resumeAfter` key, which the next run gets as
 *   `context.resumeAfter` to carry on where this one stopped.
 * - **Graceful stop.** `stop()` cancels the timers, aborts running jobs (their statement in flight is
 *   cancelled on the server) and waits for them, at most `waitMs`.
 *
 * Because a run may be repeated (a crash after the work but before `job_run` was written, a lock lost
 * with its connection), jobs must be idempotent.
 */

/** What a job reports; stored as `job_run.last_result` (jsonb) and logged. Counts and codes, never personal data. */
export type JobResult = Record<string, number | string | boolean | null>;

export interface JobContext {
  /** The system's own database access: jobs work for no user, so no user's rule applies. */
  readonly database: SystemDatabase;
  /** The moment of this run: jobs use it instead of the clock, so a run is one consistent moment. */
  readonly now: Date;
  readonly logger: Logger;
  /**
   * Aborted when the server stops or the run's time budget is used up; the job checks it between
   * batches and returns early (`complete: false`) with what it did so far.
   */
  readonly signal: AbortSignal;
  /**
   * Where the previous run stopped early (its `resumeAfter`), or null: a job that walks all cases
   * carries on from there, so a large backlog is worked through over several runs.
   */
  readonly resumeAfter: string | null;
}

export type JobFunction = (context: JobContext) => Promise<JobResult>;

export interface JobDefinition {
  /** Unique, at most 100 characters (the `job_run` key); part of the advisory lock key. */
  readonly name: string;
  /** How often the job should run (cluster-wide); 0 means at every poll. */
  readonly intervalMs: number;
  readonly run: JobFunction;
  readonly description?: string;
  /** How long one run may take before its signal asks it to stop (ms). Default five minutes. */
  readonly budgetMs?: number;
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

/** The time budget of a run when its job names none. */
export const DEFAULT_JOB_BUDGET_MS = 5 * 60_000;
/** How long `stop()` waits for running jobs by default; the server must be gone within ten seconds. */
export const DEFAULT_STOP_WAIT_MS = 5_000;

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

  /**
   * Stops the timers, aborts running jobs and waits for them, at most `waitMs`. Returns whether every
   * run ended in time (a run still going after that is abandoned: the process is about to exit).
   */
  async stop(waitMs: number = DEFAULT_STOP_WAIT_MS): Promise<boolean> {
    this.abort.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    let timeout: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      Promise.allSettled([...this.running.values()]).then(() => true),
      new Promise<false>((resolve) => {
        timeout = setTimeout(() => resolve(false), waitMs);
      }),
    ]);
    clearTimeout(timeout);
    if (!waited) this.log.warn({ running: [...this.running.keys()], waitMs }, 'jobs did not stop in time');
    return waited;
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
    const lock = await this.lockConnection();
    let locked = false;
    let lockLost = false;
    try {
      // Session-level and outside a transaction: the connection is just "idle" while the job runs.
      const acquired = await lock.client.query<{ acquired: boolean }>(
        `SELECT pg_try_advisory_lock(${JOB_LOCK_KEY_SQL}) AS acquired`,
        [job.name],
      );
      locked = acquired.rows[0]?.acquired === true;
      if (!locked) {
        this.log.debug({ job: job.name }, 'job skipped: another instance runs it');
        return { status: 'skipped', reason: 'locked' };
      }
      const startedAt = this.clock();
      const lastRun = await lock.client.query<{ lastStartedAt: Date; resumeAfter: string | null }>(
        `SELECT last_started_at AS "lastStartedAt", last_result->>'resumeAfter' AS "resumeAfter"
           FROM job_run WHERE name = $1`,
        [job.name],
      );
      const last = lastRun.rows[0];
      if (!force && last && last.lastStartedAt.getTime() + job.intervalMs > startedAt.getTime()) {
        this.log.debug({ job: job.name }, 'job skipped: it ran recently');
        return { status: 'skipped', reason: 'not-due' };
      }
      return await this.runLocked(job, startedAt, last?.resumeAfter ?? null);
    } catch (error) {
      lockLost = true;
      throw error;
    } finally {
      if (locked) {
        await lock.client
          .query(`SELECT pg_advisory_unlock(${JOB_LOCK_KEY_SQL})`, [job.name])
          .catch((error: unknown) => {
            lockLost = true;
            this.log.warn(
              { err: error, job: job.name },
              'could not release the job lock; dropping its connection',
            );
          });
      }
      // A connection that failed is closed rather than pooled, and its session lock goes with it.
      lock.release(lockLost);
    }
  }

  /** A pooled connection of its own for the job's lock, which can be closed instead of returned. */
  private async lockConnection(): Promise<{ client: pg.PoolClient; release: (destroy: boolean) => void }> {
    // TypeORM hands out the pg-pool client untyped; pg-pool's release(true) closes it instead of pooling it.
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [
      pg.PoolClient,
      (destroy?: boolean) => void,
    ];
    return { client, release: (destroy) => release(destroy || undefined) };
  }

  private async runLocked(
    job: JobDefinition,
    startedAt: Date,
    resumeAfter: string | null,
  ): Promise<JobOutcome> {
    const log = this.log.child({ job: job.name });
    // Other instances see at once that it started. The previous run's resume key stays until this one ends.
    await this.dataSource.query(
      `INSERT INTO job_run (name, last_started_at, last_finished_at, last_succeeded, last_result)
       VALUES ($1, $2, NULL, NULL, '{}')
       ON CONFLICT (name) DO UPDATE
         SET last_started_at = EXCLUDED.last_started_at, last_finished_at = NULL, last_succeeded = NULL`,
      [job.name, startedAt],
    );
    log.info({ resumeAfter }, 'job started');
    const began = Date.now();
    const budgetMs = job.budgetMs ?? DEFAULT_JOB_BUDGET_MS;
    const budget = AbortSignal.timeout(budgetMs);
    const signal = AbortSignal.any([this.abort.signal, budget]);
    let outcome: JobOutcome;
    try {
      const reported = await job.run({
        database: new SystemDatabase(this.dataSource),
        now: startedAt,
        logger: log,
        signal,
        resumeAfter,
      });
      const stoppedEarly = reported['complete'] === false;
      // A complete run drops any resume key: the next run starts from the beginning again.
      const { resumeAfter: reportedResume = null, ...rest } = reported;
      const result: JobResult = stoppedEarly
        ? {
            ...rest,
            resumeAfter: reportedResume,
            stoppedBy: this.abort.signal.aborted ? 'shutdown' : 'budget',
          }
        : rest;
      outcome = { status: 'succeeded', startedAt, durationMs: Date.now() - began, result };
      if (stoppedEarly)
        log.warn(
          { result, budgetMs, durationMs: outcome.durationMs },
          'job stopped before it was done; the next run carries on',
        );
      else log.info({ result, durationMs: outcome.durationMs }, 'job finished');
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
