import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { ConfigError, loadConfig } from '../config.js';
import { openCaseEventBus } from './case-event-bus-factory.js';
import type { CaseChange, CaseEventBus } from './case-events.js';
import { PostgresCaseEventBus } from './postgres-case-event-bus.js';
import { RedisCaseEventBus, redactRedisUrl } from './redis-case-event-bus.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Records what a bus delivers to one subscriber of this process. */
function heard(bus: CaseEventBus): { changes: CaseChange[]; until(version: number): Promise<void> } {
  const changes: CaseChange[] = [];
  bus.subscribe((change) => changes.push(change));
  return {
    changes,
    async until(version) {
      const deadline = Date.now() + 10_000;
      while (!changes.some((change) => change.version === version)) {
        if (Date.now() > deadline) throw new Error(`version ${version} never arrived`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

describe('the PostgreSQL case event bus (LISTEN/NOTIFY)', () => {
  let database: TestDatabase;
  let first: PostgresCaseEventBus;
  let second: PostgresCaseEventBus;

  beforeAll(async () => {
    database = await createTestDatabase();
    const options = {
      connectionString: database.url,
      publisher: database.dataSource,
      logger,
      reconnectDelayMs: { min: 20, max: 200 },
    };
    first = await PostgresCaseEventBus.start(options);
    second = await PostgresCaseEventBus.start(options);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('carries a change from one server process to every process, itself included, exactly once', async () => {
    const atFirst = heard(first);
    const atSecond = heard(second);
    const change = { caseId: randomUUID(), version: 1, changed: ['ACTION_PLAN', 'status'] };

    await first.publish(change);

    await atSecond.until(1);
    await atFirst.until(1);
    expect(atSecond.changes).toEqual([change]);
    expect(atFirst.changes).toEqual([change]);
  });

  it('drops what is not a case change instead of passing it on', async () => {
    const atSecond = heard(second);
    for (const payload of ['not json', '{"caseId":"x","version":1,"changed":["status"]}', '{"caseId":null}'])
      await database.query(`SELECT pg_notify('vangnet_case_changed', $1)`, [payload]);
    const good = { caseId: randomUUID(), version: 2, changed: ['CASE_NOTES'] };
    await first.publish(good);

    await atSecond.until(2);
    expect(atSecond.changes).toEqual([good]);
  });

  it('listens again soon after its connection is cut, and then tells its subscribers to re-read', async () => {
    const atSecond = heard(second);
    let resyncs = 0;
    const stopHearingResyncs = second.onResync(() => (resyncs += 1));
    const [terminated] = await database.query<{ cut: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'vangnet-case-events'`,
    );
    expect(terminated?.cut).toBe(2);

    // Whatever is published while it reconnects may be missed (events are hints to re-read); keep
    // publishing until one comes through.
    const caseId = randomUUID();
    for (let version = 100; ; version += 1) {
      await first.publish({ caseId, version, changed: ['status'] });
      try {
        await Promise.race([
          atSecond.until(version),
          new Promise((_resolve, reject) => setTimeout(() => reject(new Error('not yet')), 100)),
        ]);
        break;
      } catch {
        if (version > 200) throw new Error('the bus never listened again');
      }
    }
    expect(first.listening && second.listening).toBe(true);
    // LISTEN was in place before the resync went out: it comes once, for this one reconnect.
    const deadline = Date.now() + 10_000;
    while (resyncs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(resyncs).toBe(1);
    stopHearingResyncs();
  });

  it('never turns a committed write into an error: when NOTIFY fails, this process still hears of it', async () => {
    const failing = await PostgresCaseEventBus.start({
      connectionString: database.url,
      publisher: { query: () => Promise.reject(new Error('database went away')) },
      logger,
    });
    try {
      const here = heard(failing);
      const change = { caseId: randomUUID(), version: 3, changed: ['ARRANGEMENT'] };
      await expect(failing.publish(change)).resolves.toBeUndefined();
      expect(here.changes).toEqual([change]);
    } finally {
      await failing.close();
    }
  });
});

describe('the Redis case event bus (REDIS_URL)', () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // A channel of this run's own, so parallel runs on one Redis do not hear each other.
  const channel = `vangnet_case_changed_test_${randomBytes(4).toString('hex')}`;
  const connectionName = `vangnet-case-events-test-${randomBytes(4).toString('hex')}`;
  let first: RedisCaseEventBus | null = null;
  let second: RedisCaseEventBus | null = null;
  let unreachable: string | null = null;

  beforeAll(async () => {
    try {
      first = await RedisCaseEventBus.start({ url, logger, channel, connectTimeoutMs: 2_000 });
      second = await RedisCaseEventBus.start({ url, logger, channel, connectTimeoutMs: 2_000 });
    } catch (error) {
      unreachable = error instanceof Error ? error.message : String(error);
      await first?.close();
      first = null;
    }
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('carries a change from one server process to the others through Redis pub/sub', async ({ skip }) => {
    if (!first || !second) {
      console.warn(`Redis bus test skipped: no Redis at ${redactRedisUrl(url)} (${unreachable})`);
      skip(`no Redis at ${redactRedisUrl(url)}`);
      return;
    }
    const atFirst = heard(first);
    const atSecond = heard(second);
    const change = { caseId: randomUUID(), version: 7, changed: ['ACTION_PLAN'] };

    await first.publish(change);

    await atSecond.until(7);
    await atFirst.until(7);
    expect(atSecond.changes).toEqual([change]);
    expect(atFirst.changes).toEqual([change]);
  });

  it('tells its subscribers to re-read once Redis is back after the subscriber connection was cut', async ({
    skip,
  }) => {
    let cutOff: RedisCaseEventBus;
    try {
      cutOff = await RedisCaseEventBus.start({
        url,
        logger,
        channel,
        connectTimeoutMs: 2_000,
        connectionName,
      });
    } catch {
      skip(`no Redis at ${redactRedisUrl(url)}`);
      return;
    }
    const admin = new Redis(url, { lazyConnect: true });
    try {
      await admin.connect();
      let resyncs = 0;
      cutOff.onResync(() => (resyncs += 1));
      // Only this bus's own connections: other test runs may share the Redis server.
      const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(` name=${connectionName} `))
        .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
        .filter((id): id is string => id !== undefined);
      expect(ids).toHaveLength(1);
      await admin.client('KILL', 'ID', ids[0]!);

      const deadline = Date.now() + 10_000;
      while (resyncs === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(resyncs).toBe(1);
      // Subscribed again: a change published now arrives.
      const here = heard(cutOff);
      await cutOff.publish({ caseId: randomUUID(), version: 8, changed: ['status'] });
      await here.until(8);
    } finally {
      admin.disconnect();
      await cutOff.close();
    }
  });

  it('refuses to start when Redis cannot be reached, naming the server but not the password', async () => {
    const start = RedisCaseEventBus.start({
      url: 'redis://:secret@127.0.0.1:1/0',
      logger,
      connectTimeoutMs: 1_000,
    });
    await expect(start).rejects.toThrow('case events: Redis at redis://:***@127.0.0.1:1/0 is not reachable');
  });
});

describe('choosing the bus from the configuration', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('uses PostgreSQL LISTEN/NOTIFY without REDIS_URL, with the embedded database as with an external one', async () => {
    for (const env of [{}, { DATABASE_URL: database.url }]) {
      const config = loadConfig({ NODE_ENV: 'test', ...env });
      expect(config.realtime.redisUrl).toBeNull();
      const bus = await openCaseEventBus(
        config,
        { url: database.url, publisher: database.dataSource },
        logger,
      );
      try {
        expect(bus).toBeInstanceOf(PostgresCaseEventBus);
      } finally {
        await bus.close();
      }
    }
  });

  it('accepts only a redis:// or rediss:// URL as REDIS_URL', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/2' }).realtime.redisUrl).toBe('redis://cache:6379/2');
    expect(loadConfig({ REDIS_URL: 'rediss://user:pw@cache:6380' }).realtime.redisUrl).toBe(
      'rediss://user:pw@cache:6380',
    );
    for (const wrong of ['http://cache:6379', 'cache:6379', 'redis://'])
      expect(() => loadConfig({ REDIS_URL: wrong }), wrong).toThrow(ConfigError);
    try {
      loadConfig({ REDIS_URL: 'http://cache:6379' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'REDIS_URL: must be a redis:// (or rediss:// for TLS) URL',
      ]);
    }
  });
});
