import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

const ASSIGNABLE = `query { assignableUsers { id displayName } }`;
const ASSIGN = `mutation ($input: AssignCaseInput!) { assignCase(input: $input) { id assignees { id displayName } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { id assignees { displayName } } }`;
const PARTNERS = `query { partnerOrganizations { name kind } }`;

const ANNA = 'anna@delinde.example';
const TOM = 'tom@delinde.example';

describe('a team lead assigns the work of the organisation', () => {
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

  const assignmentsOf = (caseId: string) =>
    database.query<{ user_id: string; organization_id: string; assigned_by_id: string | null }>(
      `SELECT user_id, organization_id, assigned_by_id FROM case_assignee WHERE case_id = $1 ORDER BY organization_id, user_id`,
      [caseId],
    );
  const auditOf = (caseId: string) =>
    database.query<{ action: string; details: Record<string, unknown> }>(
      `SELECT action, details FROM audit_event WHERE case_id = $1 AND entity_type = 'case-assignment' ORDER BY seq`,
      [caseId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.dataSource, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it("offers the team lead the organisation's case workers and team leads, and nobody else", async () => {
    const offered = await (await as(TOM)).gql<{ assignableUsers: { displayName: string }[] }>(ASSIGNABLE);
    expect(offered.errors).toBeUndefined();
    expect(offered.data!.assignableUsers.map((user) => user.displayName)).toEqual([
      'Anna de Vries',
      'Tom Bakker',
    ]);
    const lotte = await (
      await as('lotte@rivierstad.example')
    ).gql<{ assignableUsers: { displayName: string }[] }>(ASSIGNABLE);
    // The privacy officer of the municipality works no cases; the platform admin neither.
    expect(lotte.data!.assignableUsers.map((user) => user.displayName)).toEqual([
      'Lotte Visser',
      'Mehmet Yilmaz',
    ]);
    const refused = await (await as(ANNA)).gql(ASSIGNABLE);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('assigning a case takes it out of the queue of the other case workers; back to the queue returns it', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const anna = await as(ANNA);
    const tom = await as(TOM);
    expect((await anna.gql(CASE, { id: created.id })).errors).toBeUndefined();

    const toTom = await tom.gql<{ assignCase: { assignees: { displayName: string }[] } }>(ASSIGN, {
      input: { caseId: created.id, assigneeId: demoUserId(TOM) },
    });
    expect(toTom.errors).toBeUndefined();
    expect(toTom.data!.assignCase.assignees).toEqual([{ id: demoUserId(TOM), displayName: 'Tom Bakker' }]);
    // Need-to-know: assigned to a colleague, the case is no longer anna's to see.
    expect((await anna.gql(CASE, { id: created.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The municipality's own assignment is untouched (it has none) and it still sees the case.
    expect(
      (await (await as('mehmet@rivierstad.example')).gql(CASE, { id: created.id })).errors,
    ).toBeUndefined();

    const toAnna = await tom.gql<{ assignCase: { assignees: { displayName: string }[] } }>(ASSIGN, {
      input: { caseId: created.id, assigneeId: demoUserId(ANNA) },
    });
    expect(toAnna.data!.assignCase.assignees.map((user) => user.displayName)).toEqual(['Anna de Vries']);
    expect(await assignmentsOf(created.id)).toEqual([
      { user_id: demoUserId(ANNA), organization_id: DEMO_ORG.delinde, assigned_by_id: demoUserId(TOM) },
    ]);
    expect((await anna.gql(CASE, { id: created.id })).errors).toBeUndefined();

    const toQueue = await tom.gql<{ assignCase: { assignees: unknown[] } }>(ASSIGN, {
      input: { caseId: created.id, assigneeId: null },
    });
    expect(toQueue.data!.assignCase.assignees).toEqual([]);
    expect(await assignmentsOf(created.id)).toEqual([]);

    expect((await auditOf(created.id)).map((event) => [event.action, event.details])).toEqual([
      ['UPDATE', { previousAssigneeIds: [], assigneeId: demoUserId(TOM) }],
      ['UPDATE', { previousAssigneeIds: [demoUserId(TOM)], assigneeId: demoUserId(ANNA) }],
      ['UPDATE', { previousAssigneeIds: [demoUserId(ANNA)], assigneeId: null }],
    ]);
  });

  it('refuses someone outside the organisation and changes nothing', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const tom = await as(TOM);
    for (const assigneeId of [demoUserId('mehmet@rivierstad.example'), demoUserId('admin@vangnet.example')]) {
      const refused = await tom.gql(ASSIGN, { input: { caseId: created.id, assigneeId } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.fieldErrors).toHaveProperty('assigneeId');
      expect(refused.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} },
      ]);
    }
    expect(await assignmentsOf(created.id)).toEqual([]);
    expect(await auditOf(created.id)).toEqual([]);
  });

  it('is a team lead decision: a case worker is refused, an outsider cannot tell the case exists', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const input = { caseId: created.id, assigneeId: demoUserId(ANNA) };
    const byAnna = await (await as(ANNA)).gql(ASSIGN, { input });
    expect(byAnna.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byBram = await (await as('bram@woonbronoost.example')).gql(ASSIGN, { input });
    const unknown = await (
      await as('bram@woonbronoost.example')
    ).gql(ASSIGN, {
      input: { ...input, caseId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(byBram.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(byBram.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(await assignmentsOf(created.id)).toEqual([]);
    const denied = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'ACCESS_DENIED'`,
      [created.id],
    );
    expect(denied[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('names the partner organisations of the active agreements: where referrals and consents can go', async () => {
    const partners = async (email: string) =>
      (await (await as(email)).gql<{ partnerOrganizations: { name: string; kind: string }[] }>(PARTNERS))
        .data!.partnerOrganizations;
    expect(await partners(ANNA)).toEqual([{ name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' }]);
    expect(await partners('mehmet@rivierstad.example')).toEqual([
      { name: 'Kredietbank Rivierstad', kind: 'DEBT_COUNSELLING' },
      { name: 'Woonbron Oost', kind: 'HOUSING_CORPORATION' },
      { name: 'Woonstichting De Linde', kind: 'HOUSING_CORPORATION' },
    ]);
    expect(await partners('sanne@kredietbank.example')).toEqual([
      { name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' },
    ]);
    // An agreement that has ended no longer counts.
    await database.query(
      `UPDATE data_sharing_agreement SET valid_until = '${testToday()}'::date - 1
        WHERE id IN (SELECT agreement_id FROM data_sharing_agreement_party p JOIN organization o ON o.id = p.organization_id
                      WHERE o.name = 'Kredietbank Rivierstad')`,
    );
    expect(await partners('sanne@kredietbank.example')).toEqual([]);
  });
});
