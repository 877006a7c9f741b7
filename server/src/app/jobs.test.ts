import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CASE_COUNT, seedDemoWorld } from '../features/demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { defaultJobs } from './features.js';
import { JobScheduler } from '../core/jobs/scheduler.js';
import { TEST_NOW } from '../testing/test-clock.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

describe('the jobs every server runs', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: randomBytes(32), today: TEST_NOW });
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('each run on the demo world, are recorded, and retention leaves the freshly laid-out world whole', async () => {
    const scheduler = new JobScheduler(database.dataSource, logger);
    for (const job of defaultJobs()) scheduler.register(job);
    expect(scheduler.jobNames).toContain('retention');

    for (const name of scheduler.jobNames) {
      const outcome = await scheduler.runNow(name);
      expect(outcome.status, `${name}: ${JSON.stringify(outcome)}`).toBe('succeeded');
    }
    const runs = await database.query<{ name: string; lastSucceeded: boolean }>(
      `SELECT name, last_succeeded AS "lastSucceeded" FROM job_run ORDER BY name`,
    );
    expect(runs.map((run) => run.name)).toEqual([...scheduler.jobNames].sort());
    expect(runs.every((run) => run.lastSucceeded)).toBe(true);

    const [retention] = await database.query<{ lastResult: Record<string, unknown> }>(
      `SELECT last_result AS "lastResult" FROM job_run WHERE name = 'retention'`,
    );
    expect(retention?.lastResult).toMatchObject({ removed: 0, failed: 0 });
    const [cases] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM case_file`);
    expect(cases?.count).toBe(DEMO_CASE_COUNT);
  });
});
