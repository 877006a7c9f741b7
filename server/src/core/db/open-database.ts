import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { assertBsnKeyReadsStoredBsns } from '../crypto/bsn-key-check.js';
import { createDataSource, type EntityClass } from './data-source.js';
import { openDatabaseServer, type DatabaseServer } from './database.js';

export interface OpenedDatabase {
  readonly server: DatabaseServer;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Database server (embedded or external) → migrations → the app's data source → the BSN key check. The
 * tables it maps come from the caller (app/ passes the application's), so core knows no feature's
 * entities.
 *
 * Migrations run on a data source of their own, with one connection and no statement timeout, closed
 * before the app's pool opens: a migration over a million rows may rightly run for minutes, which the
 * request's timeout (VANGNET_STATEMENT_TIMEOUT_MS, on every connection of the app's pool) would stop
 * halfway. Lifting it on the app's pool instead would need a session-level SET that outlives the
 * migrations on a pooled connection, or a SET LOCAL every migration must remember.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  entities: readonly EntityClass[],
): Promise<OpenedDatabase> {
  const server = await openDatabaseServer(config, logger);
  try {
    await migrate(server.url, logger, entities);
    const dataSource = createDataSource(server.url, logger, {
      entities,
      poolSize: config.pool.size,
      statementTimeoutMs: config.pool.statementTimeoutMs,
    });
    await dataSource.initialize();
    await assertBsnKeyReadsStoredBsns(dataSource, server.bsnKey).catch(async (error: unknown) => {
      await dataSource.destroy();
      throw error;
    });
    return {
      server,
      dataSource,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function migrate(url: string, logger: Logger, entities: readonly EntityClass[]): Promise<void> {
  const migrations = createDataSource(url, logger, { entities, poolSize: 1 });
  await migrations.initialize();
  try {
    const applied = await migrations.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.info({ migrations: applied.map((migration) => migration.name) }, 'migrations applied');
  } finally {
    await migrations.destroy();
  }
}
