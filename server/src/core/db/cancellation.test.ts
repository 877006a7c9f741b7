import { randomBytes, randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { TEST_NOW } from '../../testing/test-clock.js';
import { SettableClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { RequestAbandonedError, StatementTimeoutError } from '../errors.js';
import type { RequestContext } from '../request-context.js';
import { createSystemContext } from '../system-context.js';
import { createDataSource } from './data-source.js';
import { CORE_ENTITIES } from './entities.js';
import { ScopedDatabase, SystemDatabase } from './gateway.js';
import { openDatabase } from './open-database.js';
import { withRequestSignal } from './request-signal.js';
import { countStatementsOf } from './statement-count.js';

/**
 * Issue 12's budget "a request the client abandons is cancelled in PostgreSQL; a statement timeout
 * exists", at the level where it is built: the gateway's statements under a request's abort signal
 * (core/http/app.ts aborts it when the client goes away), and a pool with a statement timeout. The
 * long statements are real (`pg_sleep`, a lock wait); whether they still run is read from
 * pg_stat_activity.
 */
describe('cancelling a request’s statements, and the statement timeout', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let pool: DataSource;
  let timedPool: DataSource;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.query(`CREATE TABLE cancel_probe (id int PRIMARY KEY)`);
    pool = createDataSource(database.url, undefined, { entities: CORE_ENTITIES, poolSize: 4 });
    timedPool = createDataSource(database.url, undefined, {
      entities: CORE_ENTITIES,
      poolSize: 3,
      statementTimeoutMs: 300,
    });
    await pool.initialize();
    await timedPool.initialize();
  });
  afterAll(async () => {
    await pool?.destroy();
    await timedPool?.destroy();
    await database?.drop();
  });

  /** A request's gateway on `dataSource` (lookups and transactions need no access scope). */
  function gatewayOn(dataSource: DataSource): ScopedDatabase {
    const context: RequestContext = {
      ...createSystemContext(logger, randomUUID(), new SettableClock(TEST_NOW)),
      db: new ScopedDatabase(dataSource, () => context),
    };
    return context.db;
  }

  /** The backends (pid, state) whose current or last statement contains `marker`. */
  function backendsRunning(marker: string): Promise<{ pid: number; state: string }[]> {
    return database.query<{ pid: number; state: string }>(
      `SELECT pid, state FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%' || $1 || '%'`,
      [marker],
    );
  }

  /** Waits (real time, polling) until `check` holds, at most `withinMs`. */
  async function eventually<T>(check: () => Promise<T | null>, withinMs: number): Promise<T> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = await check();
      if (found !== null) return found;
      if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const active = (marker: string) => async () =>
    (await backendsRunning(marker)).find((backend) => backend.state === 'active') ?? null;

  it('cancels the statement in flight in PostgreSQL when the request aborts, within a second', async () => {
    const db = gatewayOn(pool);
    const controller = new AbortController();
    const marker = `sleep-${randomUUID()}`;
    const reading = withRequestSignal(controller.signal, () =>
      db.lookup(`SELECT pg_sleep(30), '${marker}' AS marker`),
    );
    const outcome = reading.then(
      () => 'answered',
      (error: unknown) => error,
    );
    const running = await eventually(active(marker), 5_000);

    const aborted = Date.now();
    controller.abort();
    expect(await outcome).toBeInstanceOf(RequestAbandonedError);
    // The backend is not running it any more (idle, back in the pool), within a second of the abort.
    const after = await eventually(
      async () => (await backendsRunning(marker)).find((backend) => backend.pid === running.pid) ?? null,
      1_000,
    );
    expect(after.state).toBe('idle');
    expect(Date.now() - aborted).toBeLessThan(1_000);
    expect(await active(marker)()).toBeNull();
    // The connection serves the next statement normally.
    expect(await db.lookup<{ one: number }>(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('starts no further statement of an aborted request', async () => {
    const db = gatewayOn(pool);
    const controller = new AbortController();
    controller.abort();
    const counter = { statements: 0 };
    await countStatementsOf(counter, () =>
      withRequestSignal(controller.signal, async () => {
        await expect(db.lookup(`SELECT 1`)).rejects.toBeInstanceOf(RequestAbandonedError);
        await expect(db.execute(`SELECT 1`)).rejects.toBeInstanceOf(RequestAbandonedError);
        await expect(
          db.transaction((tx) => tx.execute(`INSERT INTO cancel_probe VALUES (1)`)),
        ).rejects.toBeInstanceOf(RequestAbandonedError);
      }),
    );
    expect(counter.statements).toBe(0);
    expect(await database.query(`SELECT id FROM cancel_probe`)).toEqual([]);
  });

  it('cancels a transaction’s statement and rolls the transaction back cleanly', async () => {
    const db = gatewayOn(pool);
    const controller = new AbortController();
    const marker = `tx-${randomUUID()}`;
    // A real wait: the transaction's statement queues behind a lock the test holds.
    const holder = pool.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`LOCK TABLE cancel_probe IN ACCESS EXCLUSIVE MODE`);
    try {
      let afterCancel = 0;
      const writing = withRequestSignal(controller.signal, () =>
        db.transaction(async (tx) => {
          try {
            await tx.execute(`INSERT INTO cancel_probe /* ${marker} */ VALUES (2)`);
          } finally {
            // A service that carries on after the failure starts nothing more.
            await tx.execute(`SELECT 1`).catch(() => (afterCancel += 1));
          }
        }),
      ).then(
        () => 'committed',
        (error: unknown) => error,
      );
      const waiting = await eventually(active(`/* ${marker} */`), 5_000);
      controller.abort();
      expect(await writing).toBeInstanceOf(RequestAbandonedError);
      expect(afterCancel).toBe(1);
      // Rolled back and back in the pool: idle, not "idle in transaction" and not waiting on the lock.
      const [backend] = await database.query<{ state: string }>(
        `SELECT state FROM pg_stat_activity WHERE pid = $1`,
        [waiting.pid],
      );
      expect(backend?.state).toBe('idle');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await database.query(`SELECT id FROM cancel_probe`)).toEqual([]);
  });

  it('never cancels a statement that has ended, so a connection’s next user is left alone', async () => {
    // One connection open: the next statement runs on the very connection the request used.
    const small = createDataSource(database.url, undefined, { entities: CORE_ENTITIES, poolSize: 2 });
    await small.initialize();
    try {
      const controller = new AbortController();
      const [used] = await withRequestSignal(controller.signal, () =>
        gatewayOn(small).lookup<{ pid: number }>(`SELECT pg_backend_pid() AS pid`),
      );
      // Aborting after the request's statements have ended sends nothing: the connection's next
      // statement, someone else's, runs to its end.
      controller.abort();
      const rows = await new SystemDatabase(small).run<{ pid: number; slept: string }>(
        `SELECT pg_backend_pid() AS pid, pg_sleep(0.4)::text AS slept`,
      );
      expect(rows).toEqual([{ pid: used!.pid, slept: '' }]);
    } finally {
      await small.destroy();
    }
  });

  it('stops a statement that runs longer than the statement timeout with TIMEOUT', async () => {
    const db = gatewayOn(timedPool);
    expect(await db.lookup(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '300ms' }]);
    const started = Date.now();
    // Inside a request and outside one alike.
    await expect(
      withRequestSignal(new AbortController().signal, () => db.lookup(`SELECT pg_sleep(10)`)),
    ).rejects.toBeInstanceOf(StatementTimeoutError);
    await expect(new SystemDatabase(timedPool).run(`SELECT pg_sleep(10)`)).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    // Without the setting there is no timeout.
    expect(await gatewayOn(pool).lookup(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '0' }]);
  });

  it('leaves a job’s page its own, longer timeout', async () => {
    const system = new SystemDatabase(timedPool);
    const slept = await system.inBatchTransaction(undefined, async (tx) => {
      const [setting] = await tx.run<{ statement_timeout: string }>(`SHOW statement_timeout`);
      expect(setting).toEqual({ statement_timeout: '30s' });
      return tx.run(`SELECT pg_sleep(0.4)`);
    });
    expect(slept).toHaveLength(1);
    // SET LOCAL ended with the page's transaction: the pool's own timeout holds again.
    expect(await system.run(`SHOW statement_timeout`)).toEqual([{ statement_timeout: '300ms' }]);
  });

  it('runs migrations without the statement timeout, and opens the app’s pool with it', async () => {
    const fresh = await createTestDatabase({ migrated: false });
    const holder = fresh.dataSource.createQueryRunner();
    try {
      // A real wait longer than the timeout in the migrations' first statement: while this uncommitted
      // table exists, the migrations' CREATE TABLE of the same name waits for this transaction.
      await holder.connect();
      await holder.startTransaction();
      await holder.query(`CREATE TABLE schema_migration (id int)`);
      const config = loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: fresh.url,
        VANGNET_BSN_KEY: randomBytes(32).toString('base64'),
        VANGNET_DB_POOL_SIZE: '2',
        VANGNET_STATEMENT_TIMEOUT_MS: '300',
      });
      const opening = openDatabase(config, logger, CORE_ENTITIES);
      await eventually(async () => {
        const [waiting] = await fresh.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%schema_migration%'`,
        );
        return waiting ?? null;
      }, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 600));
      await holder.rollbackTransaction();
      const opened = await opening;
      try {
        expect(await opened.dataSource.query(`SHOW statement_timeout`)).toEqual([
          { statement_timeout: '300ms' },
        ]);
        expect(opened.dataSource.options.poolSize).toBe(2);
        const [applied] = await opened.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM schema_migration`,
        );
        expect(applied?.count).toBeGreaterThan(0);
      } finally {
        await opened.close();
      }
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await fresh.drop();
    }
  });
});
