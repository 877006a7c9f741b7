import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../core/db/data-source.js';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { TEST_NOW } from '../testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { ENTITIES } from './features.js';

/**
 * Issue 12's budget "a request the client abandons is cancelled in PostgreSQL; a statement timeout
 * exists", over HTTP against the real app. A request is made slow without any hook in the server: the
 * test holds a lock on the sessions table, so the request's session check waits in PostgreSQL.
 */
describe('an abandoned or overlong request over HTTP', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let app: TestApp;
  let timedPool: DataSource;
  let timedApp: TestApp;
  let cookie: string;

  const ME = '{ me { user { id } } }';

  function post(target: TestApp, signal?: AbortSignal): Promise<Response> {
    return fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: ME }),
      ...(signal ? { signal } : {}),
    });
  }

  /** The app's statements waiting for the test's lock on user_session. */
  function waitingOnTheLock(): Promise<{ pid: number }[]> {
    return database.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND state = 'active' AND wait_event_type = 'Lock' AND query LIKE '%user_session%'`,
    );
  }

  async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Runs `work` while the test holds an exclusive lock on user_session (every session check waits). */
  async function withSessionsLocked(work: () => Promise<void>): Promise<void> {
    const holder = database.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE`);
      await work();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  }

  beforeAll(async () => {
    const bsnKey = randomBytes(32);
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    timedPool = createDataSource(database.url, undefined, {
      entities: ENTITIES,
      poolSize: 3,
      statementTimeoutMs: 300,
    });
    await timedPool.initialize();
    timedApp = await startTestApp(timedPool, { bsnKey });
    const client = app.client();
    expect((await client.login('sanne@kredietbank.example')).errors).toBeUndefined();
    cookie = client.sessionCookie!;
  });
  afterAll(async () => {
    await app?.stop();
    await timedApp?.stop();
    await timedPool?.destroy();
    await database?.drop();
  });

  it('cancels the statement of a request whose client went away, within a second', async () => {
    await withSessionsLocked(async () => {
      const client = new AbortController();
      const answer = post(app, client.signal).catch((error: unknown) => error);
      await eventually(async () => (await waitingOnTheLock()).length === 1, 5_000);

      client.abort();
      expect(await answer).toMatchObject({ name: 'AbortError' });
      // The server cancelled it while the lock is still held: nothing of the request waits any more.
      await eventually(async () => (await waitingOnTheLock()).length === 0, 1_000);
    });
    // The pool is whole: the next request is answered normally.
    const body = (await (await post(app)).json()) as { errors?: unknown; data?: unknown };
    expect(body.errors).toBeUndefined();
  });

  it('answers TIMEOUT, not a hang, when a statement outlasts the statement timeout', async () => {
    await withSessionsLocked(async () => {
      const started = Date.now();
      const response = await post(timedApp);
      const body = (await response.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(body.errors?.[0]?.message).toMatch(/duurde te lang/);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await waitingOnTheLock()).toEqual([]);
    });
  });
});
