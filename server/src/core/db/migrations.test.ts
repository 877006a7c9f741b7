import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';

describe('migrations', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(() => database.drop());

  it('build the whole schema from an empty database', async () => {
    const applied = await database.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.length).toBeGreaterThan(0);
    const tables: { table_name: string }[] = await database.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'case_file',
        'consent',
        'audit_event',
        'referral',
        'signal',
        'tenant_identifier',
        'user_session',
      ]),
    );
  });

  it('leave nothing for the entities to add: the migrations and the entity classes agree', async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('give every foreign key an index', async () => {
    const unindexed: { table_name: string; column_name: string }[] = await database.dataSource.query(`
      SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       WHERE c.contype = 'f'
         AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])`);
    expect(unindexed).toEqual([]);
  });

  it('let the database refuse impossible values', async () => {
    const query = database.dataSource.query.bind(database.dataSource);
    await query(
      `INSERT INTO organization (id, name, kind, municipality_code) VALUES (gen_random_uuid(), 'Org', 'MUNICIPALITY', '9999')`,
    );
    await expect(
      query(`INSERT INTO organization (name, kind, municipality_code) VALUES ('Org', 'BANK', '9999')`),
    ).rejects.toThrow(/invalid input value for enum/);
    await expect(
      query(`INSERT INTO organization (name, kind, municipality_code) VALUES ('Org', 'MUNICIPALITY', '99')`),
    ).rejects.toThrow(/organization_municipality_code_format/);
    await expect(
      query(`INSERT INTO app_user (email, display_name, password_hash) VALUES ('Anna@X.example', 'A', 'h')`),
    ).rejects.toThrow(/app_user_email_normalised/);
  });

  it('make the audit trail append-only', async () => {
    const query = database.dataSource.query.bind(database.dataSource);
    await query(
      `INSERT INTO audit_event (action, entity_type, categories) VALUES ('LOGIN', 'session', '{}')`,
    );
    await expect(query(`UPDATE audit_event SET entity_type = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
    await query(`UPDATE audit_event SET prev_hash = repeat('0', 64), hash = repeat('a', 64)`);
    await expect(query(`UPDATE audit_event SET hash = repeat('b', 64)`)).rejects.toThrow(/append-only/);
  });

  it('can be reverted to an empty database', async () => {
    await database.dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
    await database.dataSource.query(`DELETE FROM organization`);
    for (let index = 0; index < database.dataSource.migrations.length; index += 1) {
      await database.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const tables: { count: string }[] = await database.dataSource.query(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migration'`,
    );
    expect(Number(tables[0]!.count)).toBe(0);
  });
});
