import { randomBytes } from 'node:crypto';
import { CASE_STATUSES } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BsnCipher, isValidBsn } from '../../core/crypto/bsn-cipher.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp } from '../../testing/test-app.js';
import { DEMO_USERS } from './demo-world.js';
import { seedDemoWorld } from './seed-demo.js';
import { TEST_NOW, TEST_NOW_SQL } from '../../testing/test-clock.js';

const TABLES = [
  'organization',
  'app_user',
  'membership',
  'data_sharing_agreement',
  'tenant',
  'case_file',
  'case_participant',
  'consent',
  'referral',
  'signal',
  'tenant_identifier',
];

async function countRows(database: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
    counts[table] = row!.count;
  }
  return counts;
}

describe('the demo world', () => {
  let database: TestDatabase;
  const bsnKey = randomBytes(32);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
  });
  afterAll(() => database.drop());

  it('is idempotent: seeding again adds and changes nothing', async () => {
    const before = await countRows(database);
    const versions = await database.query<{ id: string }>(
      `SELECT id, version, status FROM case_file ORDER BY id`,
    );
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    expect(await countRows(database)).toEqual(before);
    expect(await database.dataSource.query(`SELECT id, version, status FROM case_file ORDER BY id`)).toEqual(
      versions,
    );
  });

  it('has the organisations and agreements of docs/product.md §7, and the corporations share nothing', async () => {
    const organizations: { name: string; kind: string; municipality_code: string }[] =
      await database.dataSource.query(`SELECT name, kind, municipality_code FROM organization ORDER BY name`);
    expect(organizations).toEqual([
      { name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY', municipality_code: '9999' },
      { name: 'Kredietbank Rivierstad', kind: 'DEBT_COUNSELLING', municipality_code: '9999' },
      { name: 'Woonbron Oost', kind: 'HOUSING_CORPORATION', municipality_code: '9999' },
      { name: 'Woonstichting De Linde', kind: 'HOUSING_CORPORATION', municipality_code: '9999' },
    ]);
    const [shared] = await database.query<{ count: number }>(`
      SELECT count(*)::int AS count FROM data_sharing_agreement_party a
        JOIN data_sharing_agreement_party b ON a.agreement_id = b.agreement_id
        JOIN organization oa ON oa.id = a.organization_id JOIN organization ob ON ob.id = b.organization_id
       WHERE oa.name = 'Woonstichting De Linde' AND ob.name = 'Woonbron Oost'`);
    expect(shared?.count).toBe(0);
    const [withMunicipality] = await database.query<{ count: number }>(`
      SELECT count(DISTINCT o.name)::int AS count FROM data_sharing_agreement_party a
        JOIN data_sharing_agreement_party m ON a.agreement_id = m.agreement_id
        JOIN organization o ON o.id = a.organization_id JOIN organization om ON om.id = m.organization_id
       WHERE om.name = 'Gemeente Rivierstad' AND o.kind <> 'MUNICIPALITY'`);
    expect(withMunicipality?.count).toBe(3);
  });

  it('lets every demo user log in with the demo password', async () => {
    const app = await startTestApp(database.dataSource);
    try {
      for (const user of DEMO_USERS) {
        const login = await app.client().login(user.email, 'vangnet-demo');
        expect(login.errors, user.email).toBeUndefined();
      }
    } finally {
      await app.stop();
    }
  });

  it('holds at least 40 cases, with cases in every lifecycle state', async () => {
    const rows = await database.query<{ status: string; count: number }>(
      `SELECT status, count(*)::int AS count FROM case_file GROUP BY status`,
    );
    expect(rows.reduce((total, row) => total + row.count, 0)).toBeGreaterThanOrEqual(40);
    expect(rows.map((row) => row.status).sort()).toEqual([...CASE_STATUSES].sort());
  });

  it('holds consents granted, partial, withdrawn and expired', async () => {
    const [counts] = await database.query<{
      granted: number;
      partial: number;
      withdrawn: number;
      expired: number;
    }>(`
      SELECT count(*) FILTER (WHERE withdrawn_at IS NULL AND valid_until > ${TEST_NOW_SQL} AND cardinality(categories) >= 5)::int AS granted,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND valid_until > ${TEST_NOW_SQL} AND cardinality(categories) <= 2)::int AS partial,
             count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS withdrawn,
             count(*) FILTER (WHERE withdrawn_at IS NULL AND valid_until <= ${TEST_NOW_SQL})::int AS expired
        FROM consent`);
    expect(counts?.granted).toBeGreaterThan(0);
    expect(counts?.partial).toBeGreaterThan(0);
    expect(counts?.withdrawn).toBeGreaterThan(0);
    expect(counts?.expired).toBeGreaterThan(0);
  });

  it('stores BSNs encrypted, only on the municipality side, and readable with the key', async () => {
    const rows = await database.query<{ bsn_ciphertext: Buffer; kind: string }>(
      `SELECT t.bsn_ciphertext, o.kind FROM tenant_identifier t JOIN organization o ON o.id = t.municipality_org_id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const cipher = new BsnCipher(bsnKey);
    for (const row of rows) {
      expect(row.kind).toBe('MUNICIPALITY');
      expect(row.bsn_ciphertext.toString('latin1')).not.toMatch(/[0-9]{9}/);
      expect(isValidBsn(cipher.decrypt(row.bsn_ciphertext))).toBe(true);
    }
    expect(() => new BsnCipher(randomBytes(32)).decrypt(rows[0]!.bsn_ciphertext)).toThrow();
  });
});
