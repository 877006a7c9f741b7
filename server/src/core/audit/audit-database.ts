import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { createDataSource, type EntityClass } from '../db/data-source.js';
import { resolveDataDir } from '../db/database.js';
import { openDatabase } from '../db/open-database.js';
import { findRunningEmbeddedServer } from '../db/running-embedded.js';

export interface AuditToolDatabase {
  readonly dataSource: DataSource;
  /** How the tool reached the database, for its output. */
  readonly reachedVia: 'running-embedded' | 'started-embedded' | 'external';
  close(): Promise<void>;
}

/**
 * The database for the audit tools, on a running installation too. With the embedded database it
 * connects to the PostgreSQL server the running Vangnet started (leaving that server and its schema
 * alone) and starts the embedded server itself only when none runs. With DATABASE_URL it connects
 * there as every command does. `entities` are the tables the data source maps (app/ passes the
 * application's, as for every other command).
 */
export async function openAuditToolDatabase(
  config: Config,
  logger: Logger,
  entities: readonly EntityClass[],
): Promise<AuditToolDatabase> {
  if (config.database.kind === 'embedded') {
    const dataDir = await resolveDataDir(config.database.dataDir, config.database.dataDirExplicit, logger);
    const running = await findRunningEmbeddedServer(dataDir);
    if (running) {
      logger.info({ dataDir, pid: running.pid, port: running.port }, 'using the running embedded PostgreSQL');
      const dataSource = createDataSource(running.url, logger, { entities, poolSize: 2 });
      await dataSource.initialize();
      return {
        dataSource,
        reachedVia: 'running-embedded',
        async close() {
          if (dataSource.isInitialized) await dataSource.destroy();
        },
      };
    }
  }
  const database = await openDatabase(config, logger, entities);
  return {
    dataSource: database.dataSource,
    reachedVia: config.database.kind === 'embedded' ? 'started-embedded' : 'external',
    close: () => database.close(),
  };
}
