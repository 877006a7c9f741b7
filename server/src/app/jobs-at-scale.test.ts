import { Writable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDeadlineAlerts } from '../features/deadlines/deadline.service.js';
import { generateBulkPopulation, type BulkPopulation } from '../testing/bulk-population.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { defaultJobs } from './features.js';
import { JobScheduler, type JobOutcome, type JobResult } from '../core/jobs/scheduler.js';

/**
 * The background jobs on 100,000 cases (the size at which they used to hold connections "idle in
 * transaction" for minutes): each job runs to completion in short batches, does what the population
 * says it must, and never leaves a transaction open; a stop mid-run is honoured between batches.
 */

const CASES = 100_000;
/** Wednesday 10 June 2026, 10:00 in Amsterdam: no public holiday within the look-ahead. */
const NOW = new Date('2026-06-10T08:00:00Z');
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

interface TransactionSample {
  /**
   * Sessions that sat idle inside a transaction for more than two seconds. Between two statements of a
   * batch the server works for milliseconds; two seconds leave room for a busy, shared CI machine and
   * still catch what this guards against: a transaction held open for a whole run.
   */
  idleInTransaction: number;
  /** The longest transaction seen, in ms. */
  longestTransactionMs: number;
  samples: number;
}

/** Looks at pg_stat_activity of the database every 50 ms from a connection of its own until stopped. */
async function watchTransactions(url: string): Promise<{ stop(): Promise<TransactionSample> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seen: TransactionSample = { idleInTransaction: 0, longestTransactionMs: 0, samples: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ idle: number; longest: number | null }>(
        `SELECT count(*) FILTER (WHERE state LIKE 'idle in transaction%' AND now() - state_change > interval '2 seconds')::int AS idle,
                (max(extract(epoch FROM now() - xact_start)) * 1000)::float8 AS longest
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      seen.samples += 1;
      seen.idleInTransaction = Math.max(seen.idleInTransaction, rows[0]?.idle ?? 0);
      seen.longestTransactionMs = Math.max(seen.longestTransactionMs, rows[0]?.longest ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return seen;
    },
  };
}

// Generous limits: the machine is shared; the runs' speed is not what is tested here.
describe('the background jobs on 100,000 cases', { timeout: 240_000 }, () => {
  let database: TestDatabase;
  let population: BulkPopulation;
  let scheduler: JobScheduler;

  beforeAll(async () => {
    database = await createTestDatabase();
    population = await generateBulkPopulation(database.dataSource, { cases: CASES, now: NOW });
    scheduler = new JobScheduler(database.dataSource, logger, { clock: () => NOW });
    for (const job of defaultJobs()) scheduler.register(job);
  }, 600_000);

  afterAll(async () => {
    await scheduler?.stop();
    await database?.drop();
  });

  const count = async (sql: string, parameters: unknown[] = []): Promise<number> =>
    (await database.query<{ count: number }>(sql, parameters))[0]?.count ?? -1;

  /** Runs a job through the scheduler (its lock, its record) while watching the transactions. */
  async function runWatched(
    name: string,
  ): Promise<{ outcome: JobOutcome; result: JobResult; seen: TransactionSample }> {
    const watcher = await watchTransactions(database.url);
    const outcome = await scheduler.runNow(name);
    const seen = await watcher.stop();
    expect(outcome.status, JSON.stringify(outcome)).toBe('succeeded');
    return { outcome, result: outcome.status === 'succeeded' ? outcome.result : {}, seen };
  }

  /** Short transactions only: none sat idle for two seconds, none lasted ten seconds. */
  function expectShortTransactions(seen: TransactionSample): void {
    expect(seen.samples).toBeGreaterThan(0);
    expect(seen.idleInTransaction).toBe(0);
    expect(seen.longestTransactionMs).toBeLessThan(10_000);
  }

  it('laid out the population it promised', async () => {
    expect(await count(`SELECT count(*)::int AS count FROM case_file`)).toBe(CASES);
    expect(await count(`SELECT count(*)::int AS count FROM consent`)).toBe(3 * CASES);
    expect(
      await count(`SELECT count(*)::int AS count FROM organization WHERE kind = 'HOUSING_CORPORATION'`),
    ).toBe(20);
    expect(await count(`SELECT count(*)::int AS count FROM case_file WHERE status <> 'CLOSED'`)).toBe(
      CASES - population.byProfile.CLOSED_PAST_RETENTION - population.byProfile.CLOSED_RECENTLY,
    );
    expect(population.byProfile.FIRST_CONTACT_OVERDUE).toBe(10_000);
  });

  it('retention removes exactly the cases past their period, keeps their statistics, in short transactions', async () => {
    const { result, seen } = await runWatched('retention');
    const { CLOSED_PAST_RETENTION, NOT_PICKED_UP_PAST_RETENTION, NO_FURTHER_HELP_PAST_RETENTION } =
      population.byProfile;
    const removed = CLOSED_PAST_RETENTION + NOT_PICKED_UP_PAST_RETENTION + NO_FURTHER_HELP_PAST_RETENTION;
    expect(result).toMatchObject({
      removed,
      failed: 0,
      closed: CLOSED_PAST_RETENTION,
      notPickedUp: NOT_PICKED_UP_PAST_RETENTION,
      noFurtherHelp: NO_FURTHER_HELP_PAST_RETENTION,
      complete: true,
    });
    expect(await count(`SELECT count(*)::int AS count FROM case_file`)).toBe(CASES - removed);
    // Each tenant had one case: they go with it, and so do their consents.
    expect(await count(`SELECT count(*)::int AS count FROM tenant`)).toBe(CASES - removed);
    expect(await count(`SELECT count(*)::int AS count FROM consent`)).toBe(3 * (CASES - removed));
    expect(await count(`SELECT count(*)::int AS count FROM case_statistic`)).toBe(removed);
    expect(
      await count(
        `SELECT count(*)::int AS count FROM audit_event WHERE action = 'DELETE' AND entity_type = 'case'`,
      ),
    ).toBe(removed);
    // What is left is within its period: nothing closed 18 months ago or earlier.
    expect(
      await count(
        `SELECT count(*)::int AS count FROM case_file WHERE closed_at <= $1::timestamptz - interval '18 months'`,
        [NOW],
      ),
    ).toBe(0);
    expectShortTransactions(seen);

    // Idempotent: the next run finds nothing.
    const again = await scheduler.runNow('retention');
    expect(again).toMatchObject({ status: 'succeeded', result: { removed: 0, complete: true } });
  });

  it('expires the referrals past their respond-by date and leaves the others pending', async () => {
    const { result, seen } = await runWatched('referral-expiry');
    expect(result).toMatchObject({ expired: population.byProfile.REFERRAL_PAST_RESPOND_BY, complete: true });
    expect(await count(`SELECT count(*)::int AS count FROM referral WHERE status = 'PENDING'`)).toBe(
      population.byProfile.REFERRAL_DUE_SOON,
    );
    // The debt counsellor had no other reason to be on those cases: it left them.
    expect(
      await count(`SELECT count(*)::int AS count FROM case_participant WHERE role = 'DEBT_COUNSELLING'`),
    ).toBe(population.byProfile.REFERRAL_DUE_SOON);
    expectShortTransactions(seen);
  });

  it('stops the deadline alerts between batches when asked, and a later run carries on where it stopped', async () => {
    // The signal aborts as soon as the first batch is done, whatever the machine's speed.
    const stop = new AbortController();
    const stopAfterFirstBatch = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          if (chunk.toString().includes('job batch done')) stop.abort();
          done();
        },
      }),
    );
    const partial = await recordDeadlineAlerts(database.system, NOW, {
      signal: stop.signal,
      logger: stopAfterFirstBatch,
    });
    expect(partial.complete).toBe(false);
    expect(partial.resumeAfter).toMatch(/^[0-9a-f-]{36}$/);
    // One batch of 500 cases done and committed, nothing more.
    const afterOneBatch = await count(`SELECT count(*)::int AS count FROM deadline_alert`);
    expect(afterOneBatch).toBe(partial.created);
    expect(partial.created).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(DISTINCT case_id)::int AS count FROM deadline_alert WHERE case_id > $1`, [
        partial.resumeAfter,
      ]),
    ).toBe(0);
    // No transaction of the job is left open: every other client connection is idle within moments (the
    // cancelled statement's connection may still be rolling back). Autovacuum, busy after the bulk load,
    // is not a client and does not count.
    const busyClients = () =>
      count(
        `SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend' AND state <> 'idle'`,
      );
    const settleBy = Date.now() + 5_000;
    let busy = await busyClients();
    while (busy > 0 && Date.now() < settleBy) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      busy = await busyClients();
    }
    expect(busy).toBe(0);

    const byKind = async (where: string, parameters: unknown[] = []) =>
      Object.fromEntries(
        (
          await database.query<{ key: string; count: number }>(
            `SELECT kind || ' ' || state AS key, count(*)::int AS count FROM deadline_alert WHERE ${where} GROUP BY 1`,
            parameters,
          )
        ).map((row) => [row.key, row.count]),
      );
    const firstBatch = await byKind('TRUE');

    // The scheduler hands the next run the resume key recorded for the stopped one. To see that it
    // carries on after that key rather than starting over, the first batch's alerts are taken away.
    await database.query(`DELETE FROM deadline_alert`);
    await database.query(
      `INSERT INTO job_run (name, last_started_at, last_finished_at, last_succeeded, last_result)
       VALUES ('deadline-alerts', $1, $1, TRUE, jsonb_build_object('complete', FALSE, 'resumeAfter', $2::text))`,
      [new Date(NOW.getTime() - 3_600_000), partial.resumeAfter],
    );
    const { result, seen } = await runWatched('deadline-alerts');
    expect(result).toMatchObject({ complete: true });
    expectShortTransactions(seen);
    expect(
      await count(`SELECT count(*)::int AS count FROM deadline_alert WHERE case_id <= $1`, [
        partial.resumeAfter,
      ]),
    ).toBe(0);
    const rest = await byKind('TRUE');
    expect(result['created']).toBe(Object.values(rest).reduce((sum, value) => sum + value, 0));

    // The stopped run and the resumed one together noted every alert the population calls for, once.
    const together = Object.fromEntries(
      [...new Set([...Object.keys(firstBatch), ...Object.keys(rest)])].map((key) => [
        key,
        (firstBatch[key] ?? 0) + (rest[key] ?? 0),
      ]),
    );
    const { byProfile } = population;
    expect(together).toEqual({
      'ACCESS_DECISION OVERDUE': byProfile.ACCESS_DECISION_OVERDUE,
      // Every participant of the case hears of a scheduled eviction: the corporation and the municipality.
      'EVICTION DUE_SOON': 2 * byProfile.EVICTION_SCHEDULED,
      'FIRST_CONTACT DUE_SOON': byProfile.FIRST_CONTACT_DUE_SOON,
      'FIRST_CONTACT OVERDUE': byProfile.FIRST_CONTACT_OVERDUE,
      'REFERRAL_RESPONSE DUE_SOON': byProfile.REFERRAL_DUE_SOON,
    });
  });

  it('marks the missed instalments and breaks the arrangements past their tolerance', async () => {
    const { result, seen } = await runWatched('missed-instalments');
    const { ARRANGEMENT_THREE_MISSED, ARRANGEMENT_ONE_MISSED, ARRANGEMENT_ON_TRACK } = population.byProfile;
    expect(result).toMatchObject({
      missed: 3 * ARRANGEMENT_THREE_MISSED + ARRANGEMENT_ONE_MISSED,
      broken: ARRANGEMENT_THREE_MISSED,
      complete: true,
    });
    expect(
      await count(`SELECT count(*)::int AS count FROM payment_arrangement WHERE status = 'ACTIVE'`),
    ).toBe(ARRANGEMENT_ONE_MISSED + ARRANGEMENT_ON_TRACK);
    expect(
      await count(
        `SELECT count(*)::int AS count FROM audit_event WHERE entity_type = 'instalment' AND details->>'status' = 'MISSED'`,
      ),
    ).toBe(3 * ARRANGEMENT_THREE_MISSED + ARRANGEMENT_ONE_MISSED);
    expectShortTransactions(seen);
  });
});
