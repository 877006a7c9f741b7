import os from 'node:os';
import path from 'node:path';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import 'reflect-metadata';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ENTITIES } from '../app/features.js';
import { createDataSource } from '../core/db/data-source.js';
import {
  findFreePort,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '../core/db/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    testRunId: string;
  }
}

/**
 * One PostgreSQL for the whole run: embedded by default, or the server in DATABASE_URL. Migrations run
 * once into a template database; every test file then gets its own copy (see test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let embedded: RunningEmbeddedPostgres | null = null;
  let scratch: string | null = null;
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'vangnet-test-pg-'));
    await chmod(scratch, 0o755);
    embedded = await startEmbeddedPostgres({
      clusterDir: path.join(scratch, 'pg'),
      port: await findFreePort(),
      password: 'vangnet-test',
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = embedded.superuserUrl('postgres');
  }

  const template = `vangnet_template_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const dataSource = createDataSource(templateUrl.toString(), undefined, { entities: ENTITIES });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', template);
  project.provide('testRunId', runId);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`vangnet_%${runId}%`],
    );
    for (const { datname } of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    if (embedded) await embedded.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  };
}
