import 'reflect-metadata';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { startAuditSealer } from '../core/audit/audit-sealer.js';
import type { Config } from '../core/config.js';
import { openDatabase, type OpenedDatabase } from '../core/db/open-database.js';
import { startApp, type AppDependencies, type RunningApp } from '../core/http/app.js';
import { startScheduler } from '../core/jobs/scheduler.js';
import { openCaseEventBus } from '../core/realtime/case-event-bus-factory.js';
import { createShutdown } from '../core/shutdown.js';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { SystemDatabase } from '../core/db/gateway.js';
import { defaultJobs, ENTITIES } from './features.js';
import { buildAppSchema } from './schema.js';
import { createServices, type Services } from './services.js';

/** Database server (embedded or external) → data source with every table of the app → migrations. */
export function openAppDatabase(config: Config, logger: Logger): Promise<OpenedDatabase> {
  return openDatabase(config, logger, ENTITIES);
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

/**
 * The HTTP app (POST /graphql and the live updates) over these services: the schema's resolvers are
 * built with them, sessions are resolved by the auth service, and requests read the services' clock.
 */
export async function startHttpApp(deps: {
  readonly config: AppDependencies['config'];
  readonly dataSource: DataSource;
  readonly services: Services;
  readonly logger: Logger;
}): Promise<RunningApp> {
  const { services } = deps;
  return startApp({
    config: deps.config,
    dataSource: deps.dataSource,
    schema: await buildAppSchema(services),
    sessions: services.auth,
    caseEvents: services.caseEvents,
    clock: services.clock,
    logger: deps.logger,
  });
}

/** Starts Vangnet and stops it gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config, logger: Logger, options: { demo: boolean }): Promise<RunningApp> {
  const database = await openAppDatabase(config, logger);
  await seedIfAsked(config, database, logger, options.demo);
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
  const app = await startHttpApp({ config, dataSource: database.dataSource, services, logger });
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
