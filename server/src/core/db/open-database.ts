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
 * Database server (embedded or external) → data source → migrations → the BSN key check. The tables it
 * maps come from the caller (app/ passes the application's), so core knows no feature's entities.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  entities: readonly EntityClass[],
): Promise<OpenedDatabase> {
  const server = await openDatabaseServer(config, logger);
  try {
    const dataSource = createDataSource(server.url, logger, { entities });
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      logger.info({ migrations: applied.map((migration) => migration.name) }, 'migrations applied');
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
