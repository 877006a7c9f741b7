import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, seedIfAsked, serve } from './core/bootstrap.js';
import { ConfigError, loadConfig, REPO_ROOT } from './core/config.js';
import { EmbeddedPostgresError } from './core/db/embedded-postgres.js';
import { buildGraphQLSchema, printSortedSchema } from './core/graphql/schema.js';
import { createLogger } from './core/logger.js';

const USAGE = `Usage: node server/dist/cli.js <command>

  start [--demo]   migrate, optionally lay out the demo world, and serve
  migrate          apply pending migrations
  seed             lay out the demo world (idempotent)
  reset            embedded database only: drop it, migrate, and lay out the demo world again
  emit-schema      write server/schema.graphql`;

async function run(command: string | undefined, flags: string[]): Promise<void> {
  if (command === 'emit-schema') {
    const target = path.join(REPO_ROOT, 'server', 'schema.graphql');
    await writeFile(target, printSortedSchema(await buildGraphQLSchema()));
    console.log(`wrote ${target}`);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  switch (command) {
    case 'start':
      await serve(config, logger, { demo: flags.includes('--demo') });
      return;
    case 'migrate': {
      const database = await openDatabase(config, logger);
      await database.close();
      return;
    }
    case 'seed': {
      const database = await openDatabase(config, logger);
      try {
        await seedIfAsked(config, database, logger, true);
      } finally {
        await database.close();
      }
      return;
    }
    case 'reset': {
      if (config.database.kind !== 'embedded')
        throw new Error(
          'reset only works on the embedded database; it never drops an external DATABASE_URL.',
        );
      const first = await openDatabase(config, logger);
      await first.dataSource.destroy();
      await first.server.recreateDatabase();
      await first.server.stop();
      const database = await openDatabase(config, logger);
      try {
        await seedIfAsked(config, database, logger, true);
      } finally {
        await database.close();
      }
      logger.info('the embedded database is back to the demo world');
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = command ? 1 : 0;
  }
}

const [command, ...flags] = process.argv.slice(2);
run(command, flags).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
