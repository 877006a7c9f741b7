import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '../testing/test-database.js';
import { startAuditSealer } from './audit/audit-sealer.js';
import { JobScheduler, type JobDefinition } from './jobs/scheduler.js';
import { InProcessCaseEventBus } from './realtime/case-events.js';
import { createShutdown, SHUTDOWN_DEADLINE_MS } from './shutdown.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * A job that never ends by itself: batch after batch, each a statement of a minute. Only the stop can
 * end it, by cancelling the statement in flight.
 */
const endlessJob: JobDefinition = {
  name: 'endless',
  intervalMs: 60_000,
  run: async ({ database, signal }) => {
    let batches = 0;
    while (!signal.aborted) {
      try {
        await database.inBatchTransaction(signal, (tx) => tx.run(`SELECT pg_sleep(60)`));
        batches += 1;
      } catch (error) {
        if (!signal.aborted) throw error;
      }
    }
    return { batches, complete: false };
  },
};

describe('stopping the server (SIGTERM) while a job is mid-statement', () => {
  let database: TestDatabase;
  /** The server's own pool, which the shutdown closes. */
  let serverDataSource: DataSource;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    serverDataSource = createTestDataSource(database.url, { poolSize: 5 });
    await serverDataSource.initialize();
    app = await startTestApp(serverDataSource);
  });

  afterAll(async () => {
    if (serverDataSource?.isInitialized) await serverDataSource.destroy();
    await database?.drop();
  });

  it('cancels the statement, records how far the job got, closes everything and exits 0 well within 10 s', async () => {
    const scheduler = new JobScheduler(serverDataSource, logger).register(endlessJob);
    const auditSealer = startAuditSealer(serverDataSource, logger);
    const caseEvents = new InProcessCaseEventBus();
    const exit = vi.fn<(code: number) => void>();
    const shutdown = createShutdown(
      {
        app,
        scheduler,
        auditSealer,
        caseEvents,
        database: { close: () => serverDataSource.destroy() },
      },
      logger,
      { exit },
    );

    const run = scheduler.runNow('endless');
    const sleeping = async () =>
      (
        await database.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT pg_sleep%'`,
        )
      )[0]?.count;
    await vi.waitFor(async () => expect(await sleeping()).toBe(1), { timeout: 10_000 });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

    const began = Date.now();
    await shutdown('SIGTERM');
    const tookMs = Date.now() - began;

    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
    // The minute-long statement did not hold the stop up: it was cancelled.
    expect(tookMs).toBeLessThan(SHUTDOWN_DEADLINE_MS);
    expect(await sleeping()).toBe(0);
    expect(await run).toMatchObject({
      status: 'succeeded',
      result: { complete: false, stoppedBy: 'shutdown' },
    });
    const [recorded] = await database.query<{ lastResult: Record<string, unknown> }>(
      `SELECT last_result AS "lastResult" FROM job_run WHERE name = 'endless'`,
    );
    expect(recorded?.lastResult).toMatchObject({ complete: false, stoppedBy: 'shutdown' });
    // Nothing of the server is left: no request is answered, its pool is closed, no transaction is open.
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    expect(serverDataSource.isInitialized).toBe(false);
    expect(
      (
        await database.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
        )
      )[0]?.count,
    ).toBe(0);

    // A second signal while (or after) stopping does not start a second stop.
    await shutdown('SIGINT');
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
