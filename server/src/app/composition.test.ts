import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { getMetadataStorage } from 'type-graphql';
import { getMetadataArgsStorage } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config.js';
import { CaseChangedResolver } from '../core/realtime/case-changed.resolver.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { defaultJobs, ENTITIES, FEATURES, RESOLVERS } from './features.js';
import { buildAppSchema } from './schema.js';
import { createServices } from './services.js';

/**
 * app/ is the one place that puts Vangnet together. Nothing a feature declares may be left out of it,
 * and nothing may be wired twice: a forgotten descriptor, table, resolver or job would otherwise only
 * show when someone uses it.
 */
describe('the composition of the application (app/)', () => {
  it('takes in every feature folder, once (features/demo only lays out demo data)', async () => {
    const folders = await readdir(path.join(import.meta.dirname, '../features'), { withFileTypes: true });
    const names = FEATURES.map((feature) => feature.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      folders
        .filter((entry) => entry.isDirectory() && entry.name !== 'demo')
        .map((entry) => entry.name)
        .sort(),
    );
  });

  it('maps every entity class that is loaded, each once', () => {
    expect(new Set(ENTITIES).size).toBe(ENTITIES.length);
    const declared = getMetadataArgsStorage().tables.map((table) => table.target);
    expect(declared.filter((target) => !ENTITIES.some((entity) => entity === target))).toEqual([]);
  });

  it('puts every resolver class that is loaded into the schema, each once', () => {
    expect(new Set(RESOLVERS).size).toBe(RESOLVERS.length);
    const declared = getMetadataStorage().resolverClasses.map((resolver) => resolver.target);
    const inSchema = new Set<unknown>([CaseChangedResolver, ...RESOLVERS]);
    expect(declared.filter((target) => !inSchema.has(target)).map((target) => target.name)).toEqual([]);
  });

  it("runs every feature's jobs on every server, each under its own name", () => {
    const jobs = defaultJobs();
    expect(new Set(jobs.map((job) => job.name)).size).toBe(jobs.length);
    expect(jobs.map((job) => job.name).sort()).toEqual([
      'deadline-alerts',
      'missed-instalments',
      'referral-expiry',
      'retention',
    ]);
  });

  describe('with the services', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('builds every resolver of the schema with its services', async () => {
      const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused/unused' });
      const services = createServices(database.dataSource, {
        session: config.session,
        bsnKey: randomBytes(32),
        signIn: config.signIn,
      });
      // Building the schema checks that every resolver class has exactly one instance.
      const schema = await buildAppSchema(services);
      expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toContain('cases');
    });
  });
});
