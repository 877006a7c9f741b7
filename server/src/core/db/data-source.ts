import { AdvancedConsoleLogger, DataSource, type Logger as TypeOrmLogger, type QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming-strategy.js';
import { countStatement } from './statement-count.js';

/*
 * TypeORM's query runner calls `logQuery` before every statement it sends, whatever the logging
 * options, which makes it the one place that sees each statement: the per-request statement count
 * (statement-count.ts) hooks in there, in both loggers.
 */

class PinoTypeOrmLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}
  logQuery(): void {
    countStatement();
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
  }
}

/** A TypeORM entity class: one table. */
export type EntityClass = abstract new (...args: never[]) => object;

/** Without a pino logger: TypeORM's own console logger, as before, plus the count. */
class CountingConsoleLogger extends AdvancedConsoleLogger {
  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    countStatement();
    super.logQuery(query, parameters, queryRunner);
  }
}

export function createDataSource(
  url: string,
  logger: Logger | undefined,
  options: {
    /** Every table the data source maps: core's (CORE_ENTITIES) and the features' (app/ puts them together). */
    entities: readonly EntityClass[];
    poolSize?: number;
  },
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [...options.entities],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension has to be installed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    maxQueryExecutionTime: 500,
    poolSize: options.poolSize ?? 10,
    ...(logger
      ? { logger: new PinoTypeOrmLogger(logger), logging: ['error', 'warn', 'migration'] as const }
      : { logger: new CountingConsoleLogger(false), logging: false }),
    extra: { application_name: 'vangnet' },
  });
}
