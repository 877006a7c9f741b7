import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import { findFreePort } from '../db/embedded-postgres.js';
import { CORE_ENTITIES } from '../db/entities.js';
import { openDatabase, type OpenedDatabase } from '../db/open-database.js';
import { sealAuditEvents, verifyAuditChain } from './audit-chain.js';
import { openAuditToolDatabase } from './audit-database.js';

const TIMEOUT = 180_000;
const logger = pino({ level: 'silent' });

describe('the audit tools on a running installation with the embedded database', () => {
  let baseDir: string;
  let config: Config;
  let installation: OpenedDatabase | null = null;

  beforeAll(async () => {
    baseDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vangnet-audit-tools-'));
    // mkdtemp creates 0700; the postgres OS user must be able to enter it.
    if (process.getuid?.() === 0) await fs.chmod(baseDir, 0o755);
    config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      VANGNET_DATA_DIR: path.join(baseDir, 'data'),
      VANGNET_EMBEDDED_PG_PORT: String(await findFreePort()),
    });
  }, TIMEOUT);

  afterAll(async () => {
    await installation?.close();
    await fs.rm(baseDir, { recursive: true, force: true });
  }, TIMEOUT);

  it(
    'connect to the PostgreSQL server the running Vangnet started, and start one only when none runs',
    async () => {
      // "The running Vangnet": it started the embedded server and writes audit rows.
      installation = await openDatabase(config, logger, CORE_ENTITIES);
      await installation.dataSource.query(
        `INSERT INTO audit_event (action, entity_type, categories) SELECT 'LOGIN', 'session', '{}' FROM generate_series(1, 12)`,
      );
      await sealAuditEvents(installation.dataSource);
      // Opening the database the ordinary way refuses: the data directory is in use.
      await expect(openDatabase(config, logger, CORE_ENTITIES)).rejects.toThrow(
        /already uses the data directory/,
      );

      const tool = await openAuditToolDatabase(config, logger, CORE_ENTITIES);
      try {
        expect(tool.reachedVia).toBe('running-embedded');
        expect(await verifyAuditChain(tool.dataSource)).toMatchObject({ ok: true, checked: 12, unsealed: 0 });
      } finally {
        await tool.close();
      }
      // The tool left the running server alone.
      await installation.dataSource.query(
        `INSERT INTO audit_event (action, entity_type, categories) VALUES ('LOGIN', 'session', '{}')`,
      );
      expect((await sealAuditEvents(installation.dataSource)).sealed).toBe(1);
      await installation.close();
      installation = null;

      // Nothing runs any more: the tool starts the embedded server itself, and stops it again.
      const own = await openAuditToolDatabase(config, logger, CORE_ENTITIES);
      try {
        expect(own.reachedVia).toBe('started-embedded');
        expect(await verifyAuditChain(own.dataSource)).toMatchObject({ ok: true, checked: 13 });
      } finally {
        await own.close();
      }
    },
    TIMEOUT,
  );
});
