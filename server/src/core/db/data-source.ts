import { AdvancedConsoleLogger, DataSource, type Logger as TypeOrmLogger, type QueryRunner } from 'typeorm';
import type { Logger } from 'pino';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming-strategy.js';
import { isQueryCanceled } from './cancellable-query.js';
import { requestSignal } from './request-signal.js';
import { countStatement } from './statement-count.js';

/*
 * TypeORM's query runner calls `logQuery` before every statement it sends, whatever the logging
 * options, which makes it the one place that sees each statement: the per-request statement count
 * (statement-count.ts) hooks in there, in both loggers.
 */

class PinoTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly logger: Logger,
    private readonly statementTimeoutMs: number | undefined,
  ) {}
  logQuery(): void {
    countStatement();
  }
  logQueryError(error: string | Error, query: string): void {
    if (isQueryCanceled(error)) {
      // Stopped on purpose, not a failure of the statement: the client went away (we cancelled it), or
      // it ran into the statement timeout, which an operator wants to see with the statement.
      if (requestSignal()?.aborted) this.logger.info({ query }, 'statement cancelled: the client went away');
      else
        this.logger.warn(
          { err: error, query, statementTimeoutMs: this.statementTimeoutMs },
          'statement cancelled: statement timeout (or cancelled by an operator)',
        );
      return;
    }
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
    /**
     * PostgreSQL's `statement_timeout` for every connection of the pool, set when the connection opens
     * (no statement per request); absent or 0: none. The app's data source takes it from
     * VANGNET_STATEMENT_TIMEOUT_MS; a job's page overrides it in its transaction (core/jobs/batches.ts),
     * and migrations run on a data source without it (open-database.ts).
     */
    statementTimeoutMs?: number;
  },
): DataSource {
  const statementTimeoutMs = options.statementTimeoutMs ? options.statementTimeoutMs : undefined;
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
      ? {
          logger: new PinoTypeOrmLogger(logger, statementTimeoutMs),
          logging: ['error', 'warn', 'migration'] as const,
        }
      : { logger: new CountingConsoleLogger(false), logging: false }),
    // node-postgres sends statement_timeout with the connection's start-up, so it costs no round trip.
    extra: {
      application_name: 'vangnet',
      ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
    },
  });
}
