import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditEvents, verifyAuditChain } from '../../core/audit/audit-chain.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { TEST_NOW, TEST_NOW_SQL } from '../../testing/test-clock.js';

const CASE_WITH_SECTIONS = `query ($id: ID!) {
  case(id: $id) {
    id reference
    access { category allowed reason basis consentId }
    contact { surname } arrears { amountCents } household { adults } incomeExpenses { monthlyIncomeCents } debts { totalCents } special { vulnerabilityNotes }
  }
}`;

const SECTION_BY_CATEGORY = {
  CONTACT: 'contact',
  ARREARS: 'arrears',
  HOUSEHOLD: 'household',
  INCOME_EXPENSES: 'incomeExpenses',
  DEBTS: 'debts',
  SPECIAL: 'special',
} as const;

interface CaseResult {
  case: {
    id: string;
    access: {
      category: string;
      allowed: boolean;
      reason: string | null;
      basis: string | null;
      consentId: string | null;
    }[];
  } & Record<string, unknown>;
}

describe('the consent story of the demo world', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();

  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  async function caseIdsOf(email: string): Promise<string[]> {
    const result = await (
      await as(email)
    ).gql<{ cases: { edges: { node: { id: string } }[] } }>(
      `{ cases(first: 100) { edges { node { id } } } }`,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge) => edge.node.id);
  }

  beforeAll(async () => {
    const bsnKey = randomBytes(32);
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('shows bram of Woonbron Oost nothing of Woonstichting De Linde, by any query', async () => {
    const deLindeCases = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c JOIN organization o ON o.id = c.origin_org_id WHERE o.name = 'Woonstichting De Linde'`,
    );
    expect(deLindeCases.length).toBeGreaterThan(0);
    const visible = new Set(await caseIdsOf('bram@woonbronoost.example'));
    const bram = await as('bram@woonbronoost.example');
    for (const { id } of deLindeCases) {
      expect(visible.has(id)).toBe(false);
      expect((await bram.gql(CASE_WITH_SECTIONS, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(
        (await bram.gql(`query ($id: ID!) { consents(caseId: $id) { id } }`, { id })).errors?.[0]?.extensions
          ?.code,
      ).toBe('NOT_FOUND');
    }
  });

  it('shows sanne exactly the categories the tenant consented to for Kredietbank Rivierstad', async () => {
    const sanne = await as('sanne@kredietbank.example');
    const caseIds = await caseIdsOf('sanne@kredietbank.example');
    expect(caseIds.length).toBeGreaterThan(0);
    let sectionsChecked = 0;
    for (const id of caseIds) {
      // Independently of the code under test: active consents for Kredietbank with a purpose debt counselling serves.
      const consented = await database.query<{ category: string }>(
        `SELECT DISTINCT unnest(k.categories)::text AS category
           FROM consent k JOIN case_file c ON c.tenant_id = k.tenant_id JOIN organization o ON o.id = k.recipient_org_id
          WHERE c.id = $1 AND o.name = 'Kredietbank Rivierstad' AND k.withdrawn_at IS NULL
            AND k.valid_from <= ${TEST_NOW_SQL} AND k.valid_until > ${TEST_NOW_SQL} AND k.purpose IN ('DEBT_ASSISTANCE', 'ARRANGEMENT_COORDINATION')`,
        [id],
      );
      const expected = new Set(consented.map((row) => row.category));
      const result = await sanne.gql<CaseResult>(CASE_WITH_SECTIONS, { id });
      expect(result.errors).toBeUndefined();
      const node = result.data!.case;
      for (const access of node.access)
        expect(access.allowed, `${node.id} ${access.category}`).toBe(expected.has(access.category));
      for (const [category, field] of Object.entries(SECTION_BY_CATEGORY)) {
        expect(node[field] !== null, `${node.id} ${category}`).toBe(expected.has(category));
        sectionsChecked += 1;
      }
    }
    expect(sectionsChecked).toBeGreaterThan(30);
  });

  it('hides the data on the very next request after the consent is withdrawn, and audits every read', async () => {
    const [target] = await database.query<{ case_id: string; consent_id: string }>(
      `SELECT c.id AS case_id, k.id AS consent_id
         FROM consent k JOIN case_file c ON c.tenant_id = k.tenant_id JOIN organization o ON o.id = k.recipient_org_id
         JOIN case_assignee a ON a.case_id = c.id JOIN app_user u ON u.id = a.user_id AND u.email = 'sanne@kredietbank.example'
        WHERE o.name = 'Kredietbank Rivierstad' AND k.withdrawn_at IS NULL AND k.valid_until > ${TEST_NOW_SQL} AND 'DEBTS' = ANY(k.categories)
          AND k.purpose = 'DEBT_ASSISTANCE'
        LIMIT 1`,
    );
    expect(target).toBeDefined();
    const sanne = await as('sanne@kredietbank.example');
    const before = await sanne.gql<CaseResult>(CASE_WITH_SECTIONS, { id: target!.case_id });
    expect(before.data!.case.debts).not.toBeNull();
    expect(before.data!.case.access.find((access) => access.category === 'DEBTS')).toMatchObject({
      basis: 'CONSENT',
      consentId: target!.consent_id,
    });

    const mehmet = await as('mehmet@rivierstad.example');
    const withdrawal = await mehmet.gql(
      `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { state withdrawnAt } }`,
      {
        input: { consentId: target!.consent_id, channel: 'WRITTEN' },
      },
    );
    expect(withdrawal.errors).toBeUndefined();
    expect(withdrawal.data).toMatchObject({ withdrawConsent: { state: 'WITHDRAWN' } });

    const after = await sanne.gql<CaseResult>(CASE_WITH_SECTIONS, { id: target!.case_id });
    expect(after.data!.case.debts).toBeNull();
    expect(after.data!.case.contact).toBeNull();
    expect(after.data!.case.access.find((access) => access.category === 'DEBTS')).toMatchObject({
      allowed: false,
      reason: 'CONSENT_WITHDRAWN',
    });

    const reads = await database.query<{ categories: string; basis: string }>(
      `SELECT e.categories::text AS categories, e.basis FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
        WHERE u.email = 'sanne@kredietbank.example' AND e.action = 'READ' AND e.case_id = $1`,
      [target!.case_id],
    );
    expect(reads.some((read) => read.categories.includes('DEBTS') && read.basis === target!.consent_id)).toBe(
      true,
    );
    const [withdrawn] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event WHERE action = 'UPDATE' AND entity_type = 'consent' AND entity_id = $1`,
      [target!.consent_id],
    );
    expect(withdrawn!.count).toBe(1);

    await sealAuditEvents(database.dataSource);
    const verification = await verifyAuditChain(database.dataSource);
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBeGreaterThan(0);
  });

  it('records a consent with its wording verbatim, and refuses one for a purpose the recipient does not serve', async () => {
    const [target] = await database.query<{ case_id: string; kredietbank: string }>(
      `SELECT c.id AS case_id, o.id AS kredietbank FROM case_file c JOIN case_participant p ON p.case_id = c.id
         JOIN organization o ON o.id = p.organization_id AND o.name = 'Kredietbank Rivierstad'
         JOIN case_assignee a ON a.case_id = c.id AND a.organization_id = (SELECT id FROM organization WHERE name = 'Gemeente Rivierstad')
         JOIN app_user u ON u.id = a.user_id AND u.email = 'mehmet@rivierstad.example'
        LIMIT 1`,
    );
    const mehmet = await as('mehmet@rivierstad.example');
    const wording =
      'Ik vind het goed dat Kredietbank Rivierstad mijn gegevens over schulden en inkomen ziet, zodat zij mij kunnen helpen.';
    const record = (purpose: string) =>
      mehmet.gql<{ recordConsent: { id: string; wordingText: string; state: string; categories: string[] } }>(
        `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id wordingText state categories } }`,
        {
          input: {
            caseId: target!.case_id,
            recipientOrgId: target!.kredietbank,
            purpose,
            categories: ['DEBTS', 'INCOME_EXPENSES'],
            channel: 'DIGITAL',
            wordingVersion: 'toestemming-b1-2026.2',
            wordingText: wording,
          },
        },
      );
    const refused = await record('EVICTION_PREVENTION');
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const recorded = await record('DEBT_ASSISTANCE');
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordConsent).toMatchObject({
      wordingText: wording,
      state: 'ACTIVE',
      categories: ['DEBTS', 'INCOME_EXPENSES'],
    });
    const [row] = await database.query<{ wording_text: string; valid_months: number }>(
      `SELECT wording_text, round(extract(epoch FROM valid_until - valid_from) / (30.44 * 86400))::int AS valid_months FROM consent WHERE id = $1`,
      [recorded.data!.recordConsent.id],
    );
    expect(row).toEqual({ wording_text: wording, valid_months: 12 });

    const invalid = await mehmet.gql(
      `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      {
        input: {
          caseId: target!.case_id,
          recipientOrgId: target!.kredietbank,
          purpose: 'DEBT_ASSISTANCE',
          categories: [],
          channel: 'DIGITAL',
          wordingVersion: '',
          wordingText: 'kort',
        },
      },
    );
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(invalid.errors?.[0]?.extensions?.fieldErrors as object).sort()).toEqual([
      'categories',
      'wordingText',
      'wordingVersion',
    ]);
    expect(invalid.errors?.[0]?.extensions?.fieldIssues).toEqual([
      { field: 'categories', code: 'REQUIRED', params: {} },
      { field: 'wordingVersion', code: 'REQUIRED', params: {} },
      { field: 'wordingText', code: 'TOO_SHORT', params: { min: 20 } },
    ]);
  });

  it('refuses bram a consent on a De Linde case as if it did not exist, and records the attempt', async () => {
    const [deLinde] = await database.query<{ id: string; kredietbank: string }>(
      `SELECT c.id, (SELECT id FROM organization WHERE name = 'Gemeente Rivierstad') AS kredietbank
         FROM case_file c JOIN organization o ON o.id = c.origin_org_id WHERE o.name = 'Woonstichting De Linde' LIMIT 1`,
    );
    const bram = await as('bram@woonbronoost.example');
    const before = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM consent`);
    const attempt = await bram.gql(
      `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      {
        input: {
          caseId: deLinde!.id,
          recipientOrgId: deLinde!.kredietbank,
          purpose: 'EVICTION_PREVENTION',
          categories: ['CONTACT'],
          channel: 'WRITTEN',
          wordingVersion: 'v1',
          wordingText: 'Een tekst die lang genoeg is om als toestemmingstekst te gelden.',
        },
      },
    );
    expect(attempt.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM consent`)).toEqual(
      before,
    );
    const denied = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
        WHERE u.email = 'bram@woonbronoost.example' AND e.action = 'ACCESS_DENIED' AND e.entity_id = $1
          AND e.details ->> 'attempted' = 'recordConsent'`,
      [deLinde!.id],
    );
    expect(denied[0]!.count).toBe(1);
  });

  it('announces a withdrawal live on every case of the tenant, naming only the categories', async () => {
    const [target] = await database.query<{ consent_id: string; categories: string; case_ids: string[] }>(
      `SELECT k.id AS consent_id, k.categories::text AS categories,
              (SELECT array_agg(o.id::text ORDER BY o.id) FROM case_file o WHERE o.tenant_id = k.tenant_id) AS case_ids
         FROM consent k JOIN organization r ON r.id = k.recipient_org_id
        WHERE r.name = 'Kredietbank Rivierstad' AND k.withdrawn_at IS NULL AND k.recorded_by_org_id = (SELECT id FROM organization WHERE name = 'Gemeente Rivierstad')
          AND EXISTS (SELECT 1 FROM case_assignee a JOIN app_user u ON u.id = a.user_id
                       WHERE a.case_id = k.case_id AND u.email = 'mehmet@rivierstad.example')
        LIMIT 1`,
    );
    expect(target).toBeDefined();
    const heard: { caseId: string; changed: readonly string[] }[] = [];
    const stop = app.services.caseEvents.subscribe((change) => heard.push(change));
    try {
      const mehmet = await as('mehmet@rivierstad.example');
      const withdrawal = await mehmet.gql(
        `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`,
        {
          input: { consentId: target!.consent_id, channel: 'VERBAL_CONFIRMED_IN_WRITING' },
        },
      );
      expect(withdrawal.errors).toBeUndefined();
    } finally {
      stop();
    }
    const categories = target!.categories.replace(/[{}]/g, '').split(',');
    expect(heard.map((change) => change.caseId).sort()).toEqual(target!.case_ids);
    for (const change of heard) expect([...change.changed].sort()).toEqual([...categories, 'consent'].sort());
  });
});
