import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, createUser, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { dataOf, startTestApp, type TestApp } from '../../testing/test-app.js';
import { testToday } from '../../testing/test-clock.js';

const ASSIGNABLE = graphql(`
  query CaseAssignmentAssignable {
    assignableUsers {
      id
      displayName
    }
  }
`);
const ASSIGN = graphql(`
  mutation CaseAssignmentAssign($input: AssignCaseInput!) {
    assignCase(input: $input) {
      id
      assignees {
        id
        displayName
      }
    }
  }
`);
const CASE = graphql(`
  query CaseAssignmentCase($id: ID!) {
    case(id: $id) {
      id
      assignees {
        displayName
      }
    }
  }
`);
const PARTNERS = graphql(`
  query CaseAssignmentPartners {
    partnerOrganizations {
      name
      kind
    }
  }
`);

describe('a team lead assigns the work of the organisation', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The corporation's case worker and team lead. */
  let anna: Member;
  let tom: Member;

  const as = (member: Member) => factory.as(member);
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

  /**
   * A signalled case in the queue of every organisation on it: the corporation's team lead took it
   * back from the case worker who opened it. Returns the assignment events the tests should not count.
   */
  async function queuedCase(): Promise<{ id: string; setUpEvents: number }> {
    const created = await factory.signalledCase();
    await factory.assign(created.id, tom, null);
    return { id: created.id, setUpEvents: (await auditOf(created.id)).length };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    anna = region.corporation.caseWorker;
    tom = region.corporation.teamLead;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it("offers the team lead the organisation's case workers and team leads, and nobody else", async () => {
    const offered = dataOf(await (await as(tom)).gql(ASSIGNABLE));
    expect(offered.assignableUsers.map((user) => user.displayName)).toEqual([
      'Anna Incasso',
      'Carla Collega',
      'Tom Teamleider',
    ]);
    const lotte = dataOf(await (await as(region.municipality.teamLead)).gql(ASSIGNABLE));
    // The privacy officer of the municipality (Pim Privacy) works no cases.
    expect(lotte.assignableUsers.map((user) => user.displayName)).toEqual([
      'Lotte Teamleider',
      'Mehmet Schuldhulp',
    ]);
    const refused = await (await as(anna)).gql(ASSIGNABLE);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('assigning a case takes it out of the queue of the other case workers; back to the queue returns it', async () => {
    const created = await queuedCase();
    const annaClient = await as(anna);
    const tomClient = await as(tom);
    expect((await annaClient.gql(CASE, { id: created.id })).errors).toBeUndefined();

    const toTom = dataOf(await tomClient.gql(ASSIGN, { input: { caseId: created.id, assigneeId: tom.id } }));
    expect(toTom.assignCase.assignees).toEqual([{ id: tom.id, displayName: 'Tom Teamleider' }]);
    // Need-to-know: assigned to a colleague, the case is no longer anna's to see.
    expect((await annaClient.gql(CASE, { id: created.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The municipality's own assignment is untouched (it has none) and it still sees the case.
    expect(
      (await (await as(region.municipality.counsellor)).gql(CASE, { id: created.id })).errors,
    ).toBeUndefined();

    const toAnna = dataOf(
      await tomClient.gql(ASSIGN, { input: { caseId: created.id, assigneeId: anna.id } }),
    );
    expect(toAnna.assignCase.assignees.map((user) => user.displayName)).toEqual(['Anna Incasso']);
    expect(await assignmentsOf(created.id)).toEqual([
      { user_id: anna.id, organization_id: region.corporation.organization.id, assigned_by_id: tom.id },
    ]);
    expect((await annaClient.gql(CASE, { id: created.id })).errors).toBeUndefined();

    const toQueue = dataOf(await tomClient.gql(ASSIGN, { input: { caseId: created.id, assigneeId: null } }));
    expect(toQueue.assignCase.assignees).toEqual([]);
    expect(await assignmentsOf(created.id)).toEqual([]);

    expect(
      (await auditOf(created.id)).slice(created.setUpEvents).map((event) => [event.action, event.details]),
    ).toEqual([
      ['UPDATE', { previousAssigneeIds: [], assigneeId: tom.id }],
      ['UPDATE', { previousAssigneeIds: [tom.id], assigneeId: anna.id }],
      ['UPDATE', { previousAssigneeIds: [anna.id], assigneeId: null }],
    ]);
  });

  it('refuses someone outside the organisation and changes nothing', async () => {
    const created = await queuedCase();
    // An administrator of the corporation manages accounts; they do not work cases.
    const admin = await createUser(database.dataSource, {
      memberships: [{ organization: region.corporation.organization, role: 'ORG_ADMIN' }],
    });
    const tomClient = await as(tom);
    for (const assigneeId of [region.municipality.counsellor.id, region.stranger.caseWorker.id, admin.id]) {
      const refused = await tomClient.gql(ASSIGN, { input: { caseId: created.id, assigneeId } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.extensions?.fieldErrors).toHaveProperty('assigneeId');
      expect(refused.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} },
      ]);
    }
    expect(await assignmentsOf(created.id)).toEqual([]);
    expect(await auditOf(created.id)).toHaveLength(created.setUpEvents);
  });

  it('is a team lead decision: a case worker is refused, an outsider cannot tell the case exists', async () => {
    const created = await queuedCase();
    const input = { caseId: created.id, assigneeId: anna.id };
    const byAnna = await (await as(anna)).gql(ASSIGN, { input });
    expect(byAnna.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bram = await as(region.stranger.caseWorker);
    const byBram = await bram.gql(ASSIGN, { input });
    const unknown = await bram.gql(ASSIGN, {
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
    const partners = async (member: Member) =>
      dataOf(await (await as(member)).gql(PARTNERS)).partnerOrganizations;
    const { corporation, municipality, debtCounselling, stranger } = region;
    expect(await partners(anna)).toEqual([{ name: municipality.organization.name, kind: 'MUNICIPALITY' }]);
    // By name: "Kredietbank …" before "Woonstichting …"; the corporation without an agreement is not offered.
    expect(await partners(municipality.counsellor)).toEqual([
      { name: debtCounselling.organization.name, kind: 'DEBT_COUNSELLING' },
      { name: corporation.organization.name, kind: 'HOUSING_CORPORATION' },
    ]);
    expect(await partners(debtCounselling.counsellor)).toEqual([
      { name: municipality.organization.name, kind: 'MUNICIPALITY' },
    ]);
    expect(await partners(stranger.caseWorker)).toEqual([]);
    // An agreement that has ended no longer counts.
    await database.query(
      `UPDATE data_sharing_agreement SET valid_until = '${testToday()}'::date - 1
        WHERE id IN (SELECT agreement_id FROM data_sharing_agreement_party WHERE organization_id = $1)`,
      [debtCounselling.organization.id],
    );
    expect(await partners(debtCounselling.counsellor)).toEqual([]);
  });
});
