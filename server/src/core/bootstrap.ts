import 'reflect-metadata';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { startAuditSealer } from './audit/audit-sealer.js';
import type { Config } from './config.js';
import { assertBsnKeyReadsStoredBsns } from './crypto/bsn-key-check.js';
import { createDataSource } from './db/data-source.js';
import { openDatabaseServer, type DatabaseServer } from './db/database.js';
import { SystemDatabase } from './db/gateway.js';
import { buildGraphQLSchema } from './graphql/schema.js';
import { startApp, type RunningApp } from './http/app.js';
import { defaultJobs } from './jobs/jobs.js';
import { startScheduler } from './jobs/scheduler.js';
import { openCaseEventBus } from './realtime/case-event-bus-factory.js';
import { createServices } from './services.js';
import { createShutdown } from './shutdown.js';

export interface OpenedDatabase {
  readonly server: DatabaseServer;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** Database server (embedded or external) → data source → migrations. */
export async function openDatabase(config: Config, logger: Logger): Promise<OpenedDatabase> {
  const server = await openDatabaseServer(config, logger);
  try {
    const dataSource = createDataSource(server.url, logger);
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

export async function seedIfAsked(
  config: Config,
  database: OpenedDatabase,
  logger: Logger,
  demo: boolean,
): Promise<void> {
  if (!demo && !config.seedDemo) return;
  const result = await seedDemoWorld(new SystemDatabase(database.dataSource), {
    bsnKey: database.server.bsnKey,
  });
  logger.info(result, 'demo world in place');
}

/** Starts Vangnet and stops it gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config, logger: Logger, options: { demo: boolean }): Promise<RunningApp> {
  const database = await openDatabase(config, logger);
  await seedIfAsked(config, database, logger, options.demo);
  const schema = await buildGraphQLSchema();
  const caseEvents = await openCaseEventBus(
    config,
    { url: database.server.url, publisher: database.dataSource },
    logger,
  ).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const services = createServices(database.dataSource, {
    session: config.session,
    bsnKey: database.server.bsnKey,
    signIn: config.signIn,
    caseEvents,
  });
  const app = await startApp({ config, dataSource: database.dataSource, schema, services, logger });
  logger.info({ url: app.url, graphql: `${app.url}/graphql` }, 'Vangnet is running');
  const auditSealer = startAuditSealer(database.dataSource, logger);
  // The jobs run on the app's clock too: one notion of "now" for requests and jobs.
  const scheduler = startScheduler(database.dataSource, logger, defaultJobs(), {
    clock: () => services.clock.now(),
  });

  const shutdown = createShutdown({ app, scheduler, auditSealer, caseEvents, database }, logger);
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
