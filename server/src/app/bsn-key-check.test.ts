import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { TEST_NOW } from '../testing/test-clock.js';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/logger.js';
import { BsnKeyMismatchError } from '../core/crypto/bsn-key-check.js';
import { openAppDatabase } from './bootstrap.js';

describe('starting with a BSN key that cannot read the stored BSNs', () => {
  let database: TestDatabase;
  const key = randomBytes(32);
  const logger = createLogger('silent');
  const start = (withKey: Buffer) =>
    openAppDatabase(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        VANGNET_BSN_KEY: withKey.toString('base64'),
      }),
      logger,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('takes any key while no BSN is stored', async () => {
    const opened = await start(randomBytes(32));
    await opened.close();
  });

  it('starts with the key the BSNs were stored under, and refuses another with a clear message', async () => {
    await seedDemoWorld(database.system, { bsnKey: key, today: TEST_NOW });
    const [counted] = await database.query<{ stored: number }>(
      `SELECT count(*)::int AS stored FROM tenant_identifier`,
    );
    expect(counted?.stored).toBeGreaterThan(0);

    const opened = await start(key);
    await opened.close();

    const refused = start(randomBytes(32));
    await expect(refused).rejects.toBeInstanceOf(BsnKeyMismatchError);
    await expect(refused).rejects.toThrow(/VANGNET_BSN_KEY/);
  });
});
