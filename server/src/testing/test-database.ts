import { randomBytes } from 'node:crypto';
import 'reflect-metadata';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { ENTITIES } from '../app/features.js';
import { createDataSource } from '../core/db/data-source.js';
import { SystemDatabase } from '../core/db/gateway.js';

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  readonly dataSource: DataSource;
  /** The system's own access (jobs, the demo seed) to this database, as the app's wiring builds it. */
  readonly system: SystemDatabase;
  /** Raw SQL with typed rows, for asserting on what the database really holds. */
  query<Row>(sql: string, parameters?: unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A data source mapping every table of the application (app/'s ENTITIES), as a server's: for tests
 * that open a second connection pool, or one through a TcpLink. Not initialised yet.
 */
export function createTestDataSource(
  url: string,
  options: { logger?: Logger; poolSize: number },
): DataSource {
  return createDataSource(url, options.logger, { entities: ENTITIES, poolSize: options.poolSize });
}

/** A fresh, migrated database of this test file's own, copied from the run's template. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `vangnet_file_${randomBytes(4).toString('hex')}_${inject('testRunId')}`;
  await withAdmin((client) =>
    client.query(
      options.migrated === false
        ? `CREATE DATABASE ${name}`
        : `CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`,
    ),
  );
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  const dataSource = createTestDataSource(url.toString(), { poolSize: 5 });
  await dataSource.initialize();
  return {
    url: url.toString(),
    name,
    dataSource,
    system: new SystemDatabase(dataSource),
    query: <Row>(sql: string, parameters?: unknown[]) => dataSource.query<Row[]>(sql, parameters),
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
