import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { createDataSource } from '../db/data-source.js';
import { CORE_ENTITIES } from '../db/entities.js';
import { JobScheduler, type JobDefinition, type JobResult } from './scheduler.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const HOUR = 3_600_000;

interface JobRunRow {
  name: string;
  lastStartedAt: Date;
  lastFinishedAt: Date | null;
  lastSucceeded: boolean | null;
  lastResult: JobResult;
}

/** A job whose runs are counted and which can be held open until the test lets it go. */
function countedJob(name: string, options: { intervalMs?: number; held?: boolean } = {}) {
  let release: () => void = () => undefined;
  const gate = options.held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
  const job = {
    runs: 0,
    release: () => release(),
    definition: {
      name,
      intervalMs: options.intervalMs ?? HOUR,
      run: async (): Promise<JobResult> => {
        job.runs += 1;
        await gate;
        return { processed: 3, note: 'ok', dryRun: false, nothing: null };
      },
    } satisfies JobDefinition,
  };
  return job;
}

describe('the job scheduler', () => {
  let database: TestDatabase;
  /** A second server instance: its own pool on the same database. */
  let otherInstance: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    otherInstance = createDataSource(database.url, undefined, { entities: CORE_ENTITIES, poolSize: 3 });
    await otherInstance.initialize();
  });

  afterAll(async () => {
    if (otherInstance?.isInitialized) await otherInstance.destroy();
    await database?.drop();
  });

  const jobRun = async (name: string): Promise<JobRunRow | undefined> =>
    (
      await database.query<JobRunRow>(
        `SELECT name, last_started_at AS "lastStartedAt", last_finished_at AS "lastFinishedAt",
                last_succeeded AS "lastSucceeded", last_result AS "lastResult"
           FROM job_run WHERE name = $1`,
        [name],
      )
    )[0];

  it('runs a job once while a second instance holds back, then records the run', async () => {
    const job = countedJob('race-held', { held: true });
    const here = new JobScheduler(database.dataSource, logger).register(job.definition);
    const there = new JobScheduler(otherInstance, logger).register(job.definition);

    const first = here.runIfDue('race-held');
    await vi.waitFor(() => expect(job.runs).toBe(1));
    // While the first run holds the job's advisory lock, the other instance skips it.
    expect(await there.runIfDue('race-held')).toEqual({ status: 'skipped', reason: 'locked' });
    job.release();
    const outcome = await first;
    expect(outcome.status).toBe('succeeded');

    // Afterwards it is not due yet on either instance: it ran less than an interval ago.
    expect(await there.runIfDue('race-held')).toEqual({ status: 'skipped', reason: 'not-due' });
    expect(await here.runIfDue('race-held')).toEqual({ status: 'skipped', reason: 'not-due' });
    expect(job.runs).toBe(1);

    const row = await jobRun('race-held');
    expect(row).toMatchObject({
      lastSucceeded: true,
      lastResult: { processed: 3, note: 'ok', dryRun: false, nothing: null },
    });
    expect(row!.lastFinishedAt!.getTime()).toBeGreaterThanOrEqual(row!.lastStartedAt.getTime());
  });

  it('runs a job exactly once when two instances start it at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const job = countedJob(`race-${round}`);
      const here = new JobScheduler(database.dataSource, logger).register(job.definition);
      const there = new JobScheduler(otherInstance, logger).register(job.definition);
      const outcomes = await Promise.all([
        here.runIfDue(job.definition.name),
        there.runIfDue(job.definition.name),
      ]);
      expect(job.runs).toBe(1);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['skipped', 'succeeded']);
    }
  });

  it('runs a due job again once its interval has passed, on whichever instance looks first', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const clock = () => now;
    const job = countedJob('hourly', { intervalMs: HOUR });
    const here = new JobScheduler(database.dataSource, logger, { clock }).register(job.definition);
    const there = new JobScheduler(otherInstance, logger, { clock }).register(job.definition);

    expect((await here.runIfDue('hourly')).status).toBe('succeeded');
    now = new Date('2026-03-02T08:59:00Z');
    expect(await there.runIfDue('hourly')).toEqual({ status: 'skipped', reason: 'not-due' });
    now = new Date('2026-03-02T09:00:00Z');
    expect((await there.runIfDue('hourly')).status).toBe('succeeded');
    expect(job.runs).toBe(2);
    expect((await jobRun('hourly'))?.lastStartedAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('runs a job by hand even when it is not due, but never beside a running one', async () => {
    const job = countedJob('by-hand', { held: true });
    const here = new JobScheduler(database.dataSource, logger).register(job.definition);
    const there = new JobScheduler(otherInstance, logger).register(job.definition);
    const first = here.runNow('by-hand');
    await vi.waitFor(() => expect(job.runs).toBe(1));
    expect(await there.runNow('by-hand')).toEqual({ status: 'skipped', reason: 'locked' });
    expect(await here.runNow('by-hand')).toEqual({ status: 'skipped', reason: 'running' });
    job.release();
    expect((await first).status).toBe('succeeded');
    expect((await there.runNow('by-hand')).status).toBe('succeeded');
    expect(job.runs).toBe(2);
  });

  it('survives a job that throws: the failure is recorded and the job runs again later', async () => {
    let attempts = 0;
    const scheduler = new JobScheduler(database.dataSource, logger, { pollMs: 20, initialDelayMs: 0 });
    scheduler.register({
      name: 'flaky',
      intervalMs: 0,
      run: () => {
        attempts += 1;
        if (attempts === 1) return Promise.reject(new Error('the first run breaks'));
        return Promise.resolve({ attempts });
      },
    });
    const outcome = await scheduler.runIfDue('flaky');
    expect(outcome).toMatchObject({ status: 'failed', error: 'the first run breaks' });
    expect(await jobRun('flaky')).toMatchObject({
      lastSucceeded: false,
      lastResult: { error: 'the first run breaks' },
    });

    scheduler.start();
    await vi.waitFor(async () => expect((await jobRun('flaky'))?.lastSucceeded).toBe(true), {
      timeout: 5_000,
    });
    await scheduler.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
  });

  it('stop() waits for a running job and starts nothing afterwards', async () => {
    const job = countedJob('slow', { held: true, intervalMs: 0 });
    const scheduler = new JobScheduler(database.dataSource, logger, { pollMs: 10, initialDelayMs: 0 });
    scheduler.register(job.definition).start();
    await vi.waitFor(() => expect(job.runs).toBe(1));

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    job.release();
    await stopping;
    expect(stopped).toBe(true);
    expect((await jobRun('slow'))?.lastSucceeded).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(job.runs).toBe(1);
    expect(await scheduler.runNow('slow')).toEqual({ status: 'skipped', reason: 'stopping' });
  });

  it('holds its lock outside any transaction while the job runs, and lets go of it afterwards', async () => {
    const job = countedJob('watched', { held: true });
    const scheduler = new JobScheduler(database.dataSource, logger).register(job.definition);
    const run = scheduler.runNow('watched');
    await vi.waitFor(() => expect(job.runs).toBe(1));
    const [during] = await database.query<{ idleInTransaction: number; locks: number }>(
      `SELECT (SELECT count(*)::int FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE 'idle in transaction%') AS "idleInTransaction",
              (SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted) AS locks`,
    );
    expect(during).toEqual({ idleInTransaction: 0, locks: 1 });
    job.release();
    expect(await run).toMatchObject({ status: 'succeeded' });
    const [after] = await database.query<{ locks: number }>(
      `SELECT count(*)::int AS locks FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE d.datname = current_database() AND l.locktype = 'advisory'`,
    );
    expect(after?.locks).toBe(0);
  });

  it('gives a run a time budget: a run that uses it up stops, says so, and the next one carries on', async () => {
    const resumedFrom: (string | null)[] = [];
    const job: JobDefinition = {
      name: 'budgeted',
      intervalMs: HOUR,
      budgetMs: 50,
      run: async ({ signal, resumeAfter }): Promise<JobResult> => {
        resumedFrom.push(resumeAfter);
        if (resumeAfter) return { complete: true, batches: 1 };
        // Works until its signal says the budget is used up, then reports how far it got.
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        return { complete: false, resumeAfter: 'case-41', batches: 3 };
      },
    };
    const scheduler = new JobScheduler(database.dataSource, logger).register(job);

    expect(await scheduler.runNow('budgeted')).toMatchObject({
      status: 'succeeded',
      result: { complete: false, resumeAfter: 'case-41', stoppedBy: 'budget', batches: 3 },
    });
    expect((await jobRun('budgeted'))?.lastResult).toEqual({
      complete: false,
      resumeAfter: 'case-41',
      stoppedBy: 'budget',
      batches: 3,
    });
    expect(await scheduler.runNow('budgeted')).toMatchObject({ status: 'succeeded' });
    expect(resumedFrom).toEqual([null, 'case-41']);
    // A complete run leaves no resume key: the next one starts from the beginning.
    expect((await jobRun('budgeted'))?.lastResult).toEqual({ complete: true, batches: 1 });
  });

  it('refuses a job registered twice, a bad name and an unknown job', () => {
    const scheduler = new JobScheduler(database.dataSource, logger);
    const job = countedJob('once');
    scheduler.register(job.definition);
    expect(() => scheduler.register(job.definition)).toThrow(/registered twice/);
    expect(() => scheduler.register({ ...job.definition, name: 'Not A Name' })).toThrow(/must be/);
    expect(() => scheduler.runNow('missing')).toThrow(/unknown job "missing"; known jobs: once/);
  });
});
