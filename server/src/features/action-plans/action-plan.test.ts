import { randomBytes } from 'node:crypto';
import { addCalendarDays } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseChange } from '../../core/realtime/case-events.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW, TEST_NOW_SQL, testToday } from '../../testing/test-clock.js';

/**
 * The plan van aanpak (docs/product.md §4), co-edited by Gemeente Rivierstad (mehmet) and Kredietbank Rivierstad
 * (sanne) on demo cases where the tenant let both read the plan. No update is ever lost: an update names
 * the version it read, a stale one fails with CONFLICT and the current row, and every change is kept
 * field by field.
 */

const MEHMET = 'mehmet@rivierstad.example';
const SANNE = 'sanne@kredietbank.example';
const today = testToday();

const ITEM_FIELDS = `id caseId title description status dueDate version
  ownerOrganization { id name } assignee { id displayName } createdByOrganization { name }
  comments { id body author { displayName } organization { name } }
  history { field oldValue newValue oldText newText version changedBy { id displayName } changedByOrganization { id name } }`;
const ADD_ITEM = `mutation ($input: AddActionItemInput!) { addActionItem(input: $input) { ${ITEM_FIELDS} } }`;
const UPDATE_ITEM = `mutation ($input: UpdateActionItemInput!) { updateActionItem(input: $input) { ${ITEM_FIELDS} } }`;
const UPDATE_ITEM_LEAN = `mutation ($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id title version } }`;
const ADD_COMMENT = `mutation ($input: AddActionItemCommentInput!) { addActionItemComment(input: $input) { id actionItemId body author { displayName } organization { name } } }`;
const PLAN_FIELDS = `id version helpRequest tenantSignedOffOn tenantSignOffChannel
  referredOrganizations { id name }
  history { field oldValue newValue version changedByOrganization { name } }
  goals { id what measure targetDate version history { field oldValue newValue version } }
  conditions { id text createdByOrganization { name } }
  items { ${ITEM_FIELDS} }`;
const UPDATE_PLAN = `mutation ($input: UpdateActionPlanInput!) { updateActionPlan(input: $input) { ${PLAN_FIELDS} } }`;
const ADD_GOAL = `mutation ($input: AddActionPlanGoalInput!) { addActionPlanGoal(input: $input) { id what measure targetDate version } }`;
const UPDATE_GOAL = `mutation ($input: UpdateActionPlanGoalInput!) { updateActionPlanGoal(input: $input) { id what measure targetDate version history { field oldValue newValue version } } }`;
const ADD_CONDITION = `mutation ($input: AddActionPlanConditionInput!) { addActionPlanCondition(input: $input) { id text createdByOrganization { name } } }`;
const CASE_PLAN = `query ($id: ID!) {
  case(id: $id) { id access { category allowed reason basis } actionPlan { ${PLAN_FIELDS} } }
}`;

interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  oldText: string | null;
  newText: string | null;
  version: number;
  changedBy: { id: string; displayName: string };
  changedByOrganization: { id: string; name: string };
}

interface Item {
  id: string;
  caseId: string;
  title: string;
  description: string | null;
  status: string;
  dueDate: string | null;
  version: number;
  ownerOrganization: { id: string; name: string };
  assignee: { id: string; displayName: string } | null;
  createdByOrganization: { name: string };
  comments: { id: string; body: string; author: { displayName: string }; organization: { name: string } }[];
  history: FieldChange[];
}

interface Plan {
  id: string | null;
  version: number;
  helpRequest: string | null;
  tenantSignedOffOn: string | null;
  tenantSignOffChannel: string | null;
  referredOrganizations: { id: string; name: string }[];
  history: {
    field: string;
    oldValue: unknown;
    newValue: unknown;
    version: number;
    changedByOrganization: { name: string };
  }[];
  goals: { id: string; what: string; measure: string; targetDate: string | null; version: number }[];
  conditions: { id: string; text: string; createdByOrganization: { name: string } }[];
  items: Item[];
}

interface CaseView {
  id: string;
  access: { category: string; allowed: boolean; reason: string | null; basis: string | null }[];
  actionPlan: Plan | null;
}

type GraphQLError = NonNullable<GraphQLResponse<unknown>['errors']>[number];

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function refusal<T>(result: GraphQLResponse<T>): GraphQLError {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

/** Cases of the demo world where an organisation's user may read a category (participation, need-to-know, consent). */
const readersOf = (org: string, user: string, purposes: string[], category: string) => `
  EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${org}')
  AND NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.organization_id = '${org}' AND a.user_id <> '${user}')
  AND EXISTS (SELECT 1 FROM consent k WHERE k.tenant_id = c.tenant_id AND k.recipient_org_id = '${org}'
                AND '${category}' = ANY(k.categories) AND k.purpose IN (${purposes.map((purpose) => `'${purpose}'`).join(', ')})
                AND k.withdrawn_at IS NULL AND k.valid_from <= ${TEST_NOW_SQL} AND k.valid_until > ${TEST_NOW_SQL})`;

const MUNICIPALITY_READS = (category: string) =>
  readersOf(DEMO_ORG.rivierstad, demoUserId(MEHMET), ['DEBT_ASSISTANCE', 'EVICTION_PREVENTION'], category);
const KREDIETBANK_READS = (category: string) =>
  readersOf(
    DEMO_ORG.kredietbank,
    demoUserId(SANNE),
    ['DEBT_ASSISTANCE', 'ARRANGEMENT_COORDINATION'],
    category,
  );
const KREDIETBANK_SEES_CASE = `
  EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${DEMO_ORG.kredietbank}')
  AND NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.organization_id = '${DEMO_ORG.kredietbank}' AND a.user_id <> '${demoUserId(SANNE)}')`;

describe('the action plan, co-edited by the municipality and the debt counsellor', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();
  const events: CaseChange[] = [];
  /** A demo case on which both mehmet and sanne may read (and so edit) the plan. */
  let sharedCase: string;

  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }
  const gql = async <T>(email: string, query: string, variables: Record<string, unknown> = {}) =>
    (await as(email)).gql<T>(query, variables);
  const caseAs = async (email: string, id: string) =>
    ok(await gql<{ case: CaseView }>(email, CASE_PLAN, { id })).case;
  const planAs = async (email: string, id: string) => (await caseAs(email, id)).actionPlan;

  async function addItem(
    email: string,
    caseId: string,
    overrides: Record<string, unknown> = {},
  ): Promise<Item> {
    return ok(
      await gql<{ addActionItem: Item }>(email, ADD_ITEM, {
        input: {
          caseId,
          title: 'Budgetgesprek plannen',
          description: 'We maken samen een overzicht van uw inkomsten en uitgaven.',
          ownerOrgId: DEMO_ORG.kredietbank,
          assigneeId: demoUserId(SANNE),
          dueDate: addCalendarDays(today, 14),
          ...overrides,
        },
      }),
    ).addActionItem;
  }

  async function findCase(where: string): Promise<string> {
    const [found] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c WHERE c.status <> 'CLOSED' AND ${where} ORDER BY c.reference LIMIT 1`,
    );
    expect(found, 'the demo world holds such a case').toBeDefined();
    return found!.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    app.services.caseEvents.subscribe((change) => events.push(change));
    sharedCase = await findCase(
      `${MUNICIPALITY_READS('ACTION_PLAN')} AND ${KREDIETBANK_READS('ACTION_PLAN')}
       AND EXISTS (SELECT 1 FROM referral r WHERE r.case_id = c.id AND r.to_org_id = '${DEMO_ORG.kredietbank}' AND r.status = 'ACCEPTED')
       AND NOT EXISTS (SELECT 1 FROM case_participant p WHERE p.case_id = c.id AND p.organization_id = '${DEMO_ORG.woonbronoost}')`,
    );
    // The story starts from a blank plan: remove the one the demo world drew up for this case.
    await database.query(`DELETE FROM action_plan WHERE case_id = $1`, [sharedCase]);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('both partners may read the plan of the shared case; it starts empty at version 0', async () => {
    for (const email of [MEHMET, SANNE]) {
      const view = await caseAs(email, sharedCase);
      expect(view.access.find((entry) => entry.category === 'ACTION_PLAN')).toMatchObject({
        allowed: true,
        basis: 'CONSENT',
      });
      expect(view.actionPlan).toMatchObject({ id: null, version: 0, items: [], goals: [], conditions: [] });
    }
    // The corporation referred the case to the municipality, which referred it on to Kredietbank. Each
    // organisation sees the referrals it sent or received.
    expect((await planAs(MEHMET, sharedCase))!.referredOrganizations).toEqual([
      { id: DEMO_ORG.rivierstad, name: 'Gemeente Rivierstad' },
      { id: DEMO_ORG.kredietbank, name: 'Kredietbank Rivierstad' },
    ]);
    expect((await planAs(SANNE, sharedCase))!.referredOrganizations).toEqual([
      { id: DEMO_ORG.kredietbank, name: 'Kredietbank Rivierstad' },
    ]);
  });

  it('an action is added with its owner and assignee, creates the plan, and the partner sees it', async () => {
    const before = events.length;
    const item = await addItem(MEHMET, sharedCase);
    expect(item).toMatchObject({
      title: 'Budgetgesprek plannen',
      status: 'OPEN',
      version: 1,
      ownerOrganization: { id: DEMO_ORG.kredietbank, name: 'Kredietbank Rivierstad' },
      assignee: { id: demoUserId(SANNE) },
      createdByOrganization: { name: 'Gemeente Rivierstad' },
      comments: [],
      history: [],
    });
    const plan = await planAs(SANNE, sharedCase);
    expect(plan?.version).toBe(1);
    expect(plan?.items.map((entry) => entry.id)).toContain(item.id);
    // Announced after commit, for live viewers.
    expect(events.slice(before)).toEqual([
      expect.objectContaining({ caseId: sharedCase, changed: ['ACTION_PLAN'] }),
    ]);
    // One audit row for the write, in the plan's category, on the consent it relied on.
    const audit = await database.query<{ action: string; categories: string; basis: string }>(
      `SELECT action, categories::text, basis FROM audit_event WHERE entity_id = $1`,
      [item.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', categories: '{ACTION_PLAN}' });
    expect(audit[0]!.basis).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an incomplete action field by field, in Dutch', async () => {
    const invalid = refusal(
      await gql(MEHMET, ADD_ITEM, {
        input: {
          caseId: sharedCase,
          title: '   ',
          description: 'x'.repeat(2001),
          ownerOrgId: DEMO_ORG.kredietbank,
          dueDate: '2026-02-30',
        },
      }),
    );
    expect(invalid.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: {
        title: 'Vul dit in.',
        description: 'Hoogstens 2000 tekens.',
        dueDate: 'Vul een geldige datum in (jjjj-mm-dd).',
      },
      fieldIssues: [
        { field: 'title', code: 'REQUIRED', params: {} },
        { field: 'description', code: 'TOO_LONG', params: { max: 2000 } },
        { field: 'dueDate', code: 'INVALID_DATE', params: {} },
      ],
    });
    const tooLong = refusal(
      await gql(MEHMET, ADD_ITEM, {
        input: { caseId: sharedCase, title: 'x'.repeat(201), ownerOrgId: DEMO_ORG.kredietbank },
      }),
    );
    expect(tooLong.extensions?.fieldErrors).toEqual({ title: 'Hoogstens 200 tekens.' });
    expect(tooLong.extensions?.fieldIssues).toEqual([
      { field: 'title', code: 'TOO_LONG', params: { max: 200 } },
    ]);
    // Woonbron Oost takes no part in this case; mehmet does not work for Kredietbank.
    const notParticipant = refusal(
      await gql(MEHMET, ADD_ITEM, {
        input: { caseId: sharedCase, title: 'Bellen', ownerOrgId: DEMO_ORG.woonbronoost },
      }),
    );
    expect(notParticipant.extensions?.fieldErrors).toEqual({
      ownerOrgId: 'Kies een organisatie die aan dit dossier werkt.',
    });
    expect(notParticipant.extensions?.fieldIssues).toEqual([
      { field: 'ownerOrgId', code: 'NOT_ON_CASE', params: {} },
    ]);
    const notMember = refusal(
      await gql(MEHMET, ADD_ITEM, {
        input: {
          caseId: sharedCase,
          title: 'Bellen',
          ownerOrgId: DEMO_ORG.kredietbank,
          assigneeId: demoUserId(MEHMET),
        },
      }),
    );
    expect(notMember.extensions?.fieldErrors).toEqual({
      assigneeId: 'Kies iemand die dossiers behandelt voor de organisatie die het werk doet.',
    });
    expect(notMember.extensions?.fieldIssues).toEqual([
      { field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} },
    ]);
  });

  it('two partners × 200 conflicting updates in parallel: every update builds on the one before, none is lost', async () => {
    const item = await addItem(MEHMET, sharedCase, { title: 'Start', description: 'begin' });
    const parties = [
      { email: MEHMET, tag: 'gemeente', userId: demoUserId(MEHMET), orgId: DEMO_ORG.rivierstad },
      { email: SANNE, tag: 'kredietbank', userId: demoUserId(SANNE), orgId: DEMO_ORG.kredietbank },
    ];
    interface Attempt {
      party: (typeof parties)[number];
      expected: number;
      title: string;
      description: string;
      won: boolean;
      version?: number;
      error?: GraphQLError;
    }
    const attempts: Attempt[] = [];
    const CALLS = 200;
    const IN_FLIGHT = 8;

    // Each partner fires its 200 updates with 8 in flight at a time; every call names the version its
    // client last read (from a success, or from the current row of a conflict) and is never retried.
    await Promise.all(
      parties.map(async (party) => {
        const client = await as(party.email);
        let lastRead = 1;
        let fired = 0;
        const lane = async () => {
          while (fired < CALLS) {
            const n = (fired += 1);
            const attempt: Attempt = {
              party,
              expected: lastRead,
              title: `${party.tag} ${n}`,
              description: `wijziging ${n} van ${party.tag}`,
              won: false,
            };
            const result = await client.gql<{
              updateActionItem: { id: string; title: string; version: number };
            }>(UPDATE_ITEM_LEAN, {
              input: {
                id: item.id,
                expectedVersion: attempt.expected,
                patch: { title: attempt.title, description: attempt.description },
              },
            });
            const updated = result.data?.updateActionItem;
            if (updated) {
              attempt.won = true;
              attempt.version = updated.version;
              lastRead = Math.max(lastRead, updated.version);
            } else {
              attempt.error = result.errors?.[0];
              const currentVersion = attempt.error?.extensions?.currentVersion;
              if (typeof currentVersion === 'number') lastRead = Math.max(lastRead, currentVersion);
            }
            attempts.push(attempt);
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
      }),
    );

    expect(attempts).toHaveLength(2 * CALLS);
    const wins = attempts.filter((attempt) => attempt.won).sort((a, b) => a.version! - b.version!);
    const losses = attempts.filter((attempt) => !attempt.won);
    expect(wins.length).toBeGreaterThan(0);

    // Every success turned version n into n + 1, and each n exactly once: 2, 3, …, 1 + successes.
    for (const win of wins) expect(win.version).toBe(win.expected + 1);
    expect(wins.map((win) => win.version)).toEqual(wins.map((_, index) => index + 2));
    const titleAt = new Map<number, string>([
      [1, 'Start'],
      ...wins.map((win) => [win.version!, win.title] as const),
    ]);
    const descriptionAt = new Map<number, string>([
      [1, 'begin'],
      ...wins.map((win) => [win.version!, win.description] as const),
    ]);

    // Every loser got CONFLICT with the row as it was then: a version that really existed, with its values.
    for (const loss of losses) {
      expect(loss.error?.extensions?.code).toBe('CONFLICT');
      const current = loss.error?.extensions?.current as {
        id: string;
        version: number;
        title: string;
        description: string;
      };
      expect(current.id).toBe(item.id);
      expect(loss.error?.extensions?.currentVersion).toBe(current.version);
      expect(current.version).toBeGreaterThan(loss.expected);
      expect(current.title).toBe(titleAt.get(current.version));
      expect(current.description).toBe(descriptionAt.get(current.version));
    }

    // The stored row is the last success.
    const [stored] = await database.query<{ version: number; title: string; description: string }>(
      `SELECT version, title, description FROM action_item WHERE id = $1`,
      [item.id],
    );
    expect(stored).toEqual({
      version: 1 + wins.length,
      title: wins.at(-1)!.title,
      description: wins.at(-1)!.description,
    });

    // History holds exactly the winning changes: per success, title and description, old → new, who, which org.
    const history = await database.query<{
      version: number;
      field: string;
      old_value: unknown;
      new_value: unknown;
      changed_by_id: string;
      changed_by_org_id: string;
    }>(
      `SELECT version, field, old_value, new_value, changed_by_id, changed_by_org_id
         FROM change_history WHERE entity_type = 'action-item' AND entity_id = $1 ORDER BY version, field`,
      [item.id],
    );
    expect(history).toEqual(
      wins.flatMap((win) => [
        {
          version: win.version,
          field: 'description',
          old_value: descriptionAt.get(win.version! - 1),
          new_value: win.description,
          changed_by_id: win.party.userId,
          changed_by_org_id: win.party.orgId,
        },
        {
          version: win.version,
          field: 'title',
          old_value: titleAt.get(win.version! - 1),
          new_value: win.title,
          changed_by_id: win.party.userId,
          changed_by_org_id: win.party.orgId,
        },
      ]),
    );
    // And the audit trail one UPDATE per success, none for a conflict.
    const [audited] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`,
      [item.id],
    );
    expect(audited!.count).toBe(wins.length);

    // Through the API the history reads newest first.
    const read = (await planAs(SANNE, sharedCase))!.items.find((entry) => entry.id === item.id)!;
    expect(read.version).toBe(1 + wins.length);
    expect(read.history).toHaveLength(2 * wins.length);
    expect(read.history[0]).toMatchObject({ version: 1 + wins.length });
    expect(read.history.at(-1)).toMatchObject({ version: 2, oldValue: expect.any(String) as unknown });
  }, 180_000);

  it('a stale update gets the current action back and goes through when resubmitted with its version', async () => {
    const item = await addItem(MEHMET, sharedCase, { title: 'Schuldeisers aanschrijven' });
    // Sanne starts on it; mehmet, still looking at version 1, moves the due date.
    const started = ok(
      await gql<{ updateActionItem: Item }>(SANNE, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 1, patch: { status: 'IN_PROGRESS' } },
      }),
    ).updateActionItem;
    expect(started).toMatchObject({ version: 2, status: 'IN_PROGRESS' });

    const newDue = addCalendarDays(today, 30);
    const stale = refusal(
      await gql(MEHMET, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 1, patch: { dueDate: newDue } },
      }),
    );
    expect(stale.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 2,
      current: {
        id: item.id,
        version: 2,
        status: 'IN_PROGRESS',
        title: 'Schuldeisers aanschrijven',
        ownerOrganization: { id: DEMO_ORG.kredietbank, name: 'Kredietbank Rivierstad' },
        history: [
          expect.objectContaining({ field: 'status', oldValue: 'OPEN', newValue: 'IN_PROGRESS', version: 2 }),
        ],
      },
    });
    expect(stale.message).toContain('intussen gewijzigd');

    const resubmitted = ok(
      await gql<{ updateActionItem: Item }>(MEHMET, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 2, patch: { dueDate: newDue } },
      }),
    ).updateActionItem;
    expect(resubmitted).toMatchObject({ version: 3, status: 'IN_PROGRESS', dueDate: newDue });
    expect(resubmitted.history.map((change) => [change.version, change.field])).toEqual([
      [3, 'dueDate'],
      [2, 'status'],
    ]);

    // Naming what is already there changes nothing: no new version, no history, no announcement.
    const before = events.length;
    const same = ok(
      await gql<{ updateActionItem: Item }>(MEHMET, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 3, patch: { dueDate: newDue, status: 'IN_PROGRESS' } },
      }),
    ).updateActionItem;
    expect(same.version).toBe(3);
    expect(same.history).toHaveLength(2);
    expect(events.length).toBe(before);

    // Handing the action over: a new owner with its own assignee, readable in the history by name.
    const handedOver = ok(
      await gql<{ updateActionItem: Item }>(MEHMET, UPDATE_ITEM, {
        input: {
          id: item.id,
          expectedVersion: 3,
          patch: { ownerOrgId: DEMO_ORG.rivierstad, assigneeId: demoUserId(MEHMET), status: 'DONE' },
        },
      }),
    ).updateActionItem;
    expect(handedOver.version).toBe(4);
    expect(handedOver.history.filter((change) => change.version === 4)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'ownerOrgId',
          oldText: 'Kredietbank Rivierstad',
          newText: 'Gemeente Rivierstad',
        }),
        expect.objectContaining({ field: 'assigneeId', newValue: demoUserId(MEHMET) }),
        expect.objectContaining({ field: 'status', oldValue: 'IN_PROGRESS', newValue: 'DONE' }),
      ]),
    );
    // An owner change that leaves the assignee behind in the old organisation is refused.
    const orphaned = refusal(
      await gql(SANNE, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 4, patch: { ownerOrgId: DEMO_ORG.kredietbank } },
      }),
    );
    expect(orphaned.extensions?.fieldErrors).toEqual({
      assigneeId: 'Kies iemand die dossiers behandelt voor de organisatie die het werk doet.',
    });
    expect(orphaned.extensions?.fieldIssues).toEqual([
      { field: 'assigneeId', code: 'NOT_A_CASE_WORKER_THERE', params: {} },
    ]);
    // A title cannot be cleared; a status must be one of the four.
    const cleared = refusal(
      await gql(SANNE, UPDATE_ITEM, { input: { id: item.id, expectedVersion: 4, patch: { title: '' } } }),
    );
    expect(cleared.extensions?.fieldErrors).toEqual({ title: 'Vul dit in.' });
    expect(cleared.extensions?.fieldIssues).toEqual([{ field: 'title', code: 'REQUIRED', params: {} }]);
  });

  it('comments never conflict: both partners comment at once while the action changes', async () => {
    const item = await addItem(SANNE, sharedCase, { title: 'Inkomen controleren' });
    const comments = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        gql<{ addActionItemComment: { id: string; body: string } }>(
          n % 2 === 0 ? MEHMET : SANNE,
          ADD_COMMENT,
          {
            input: { actionItemId: item.id, body: `Opmerking ${n}` },
          },
        ),
      ),
    );
    for (const result of comments) expect(result.errors).toBeUndefined();
    const updated = ok(
      await gql<{ updateActionItem: Item }>(MEHMET, UPDATE_ITEM, {
        input: { id: item.id, expectedVersion: 1, patch: { status: 'IN_PROGRESS' } },
      }),
    ).updateActionItem;
    // Comments do not touch the action's version.
    expect(updated.version).toBe(2);
    expect(updated.comments).toHaveLength(30);
    expect(new Set(updated.comments.map((comment) => comment.organization.name))).toEqual(
      new Set(['Gemeente Rivierstad', 'Kredietbank Rivierstad']),
    );
    const empty = refusal(await gql(SANNE, ADD_COMMENT, { input: { actionItemId: item.id, body: ' ' } }));
    expect(empty.extensions?.fieldErrors).toEqual({ body: 'Vul dit in.' });
    expect(empty.extensions?.fieldIssues).toEqual([{ field: 'body', code: 'REQUIRED', params: {} }]);
  });

  it('the plan itself, its goals and conditions: versioned, with history, stale edits refused', async () => {
    const plan = (await planAs(MEHMET, sharedCase))!;
    const withHelpRequest = ok(
      await gql<{ updateActionPlan: Plan }>(MEHMET, UPDATE_PLAN, {
        input: {
          caseId: sharedCase,
          expectedVersion: plan.version,
          patch: { helpRequest: 'Ik wil rust in mijn geldzaken en mijn huis houden.' },
        },
      }),
    ).updateActionPlan;
    expect(withHelpRequest.version).toBe(plan.version + 1);
    expect(withHelpRequest.history).toEqual([
      expect.objectContaining({
        field: 'helpRequest',
        oldValue: null,
        newValue: 'Ik wil rust in mijn geldzaken en mijn huis houden.',
        version: plan.version + 1,
        changedByOrganization: { name: 'Gemeente Rivierstad' },
      }),
    ]);
    // Sign-off needs a date and a channel; not in the future.
    const halfSignOff = refusal(
      await gql(SANNE, UPDATE_PLAN, {
        input: {
          caseId: sharedCase,
          expectedVersion: withHelpRequest.version,
          patch: { tenantSignedOffOn: today },
        },
      }),
    );
    expect(halfSignOff.extensions?.fieldErrors).toEqual({
      tenantSignOffChannel: 'Kies ook hoe de huurder instemde.',
    });
    const future = refusal(
      await gql(SANNE, UPDATE_PLAN, {
        input: {
          caseId: sharedCase,
          expectedVersion: withHelpRequest.version,
          patch: { tenantSignedOffOn: addCalendarDays(today, 1), tenantSignOffChannel: 'WRITTEN' },
        },
      }),
    );
    expect(future.extensions?.fieldErrors).toEqual({ tenantSignedOffOn: 'Deze datum ligt in de toekomst.' });
    expect(future.extensions?.fieldIssues).toEqual([
      { field: 'tenantSignedOffOn', code: 'DATE_IN_FUTURE', params: {} },
    ]);
    const signed = ok(
      await gql<{ updateActionPlan: Plan }>(SANNE, UPDATE_PLAN, {
        input: {
          caseId: sharedCase,
          expectedVersion: withHelpRequest.version,
          patch: { tenantSignedOffOn: today, tenantSignOffChannel: 'WRITTEN' },
        },
      }),
    ).updateActionPlan;
    expect(signed).toMatchObject({ tenantSignedOffOn: today, tenantSignOffChannel: 'WRITTEN' });
    const stalePlan = refusal(
      await gql(MEHMET, UPDATE_PLAN, {
        input: {
          caseId: sharedCase,
          expectedVersion: withHelpRequest.version,
          patch: { helpRequest: 'Anders' },
        },
      }),
    );
    expect(stalePlan.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: signed.version,
      current: { version: signed.version, tenantSignOffChannel: 'WRITTEN' },
    });

    const goal = ok(
      await gql<{ addActionPlanGoal: { id: string; version: number } }>(SANNE, ADD_GOAL, {
        input: {
          caseId: sharedCase,
          what: 'Geen nieuwe betalingsachterstanden',
          measure: 'Huur en energie drie maanden op tijd betaald',
          targetDate: addCalendarDays(today, 90),
        },
      }),
    ).addActionPlanGoal;
    expect(goal.version).toBe(1);
    const measured = ok(
      await gql<{ updateActionPlanGoal: { version: number; history: { field: string; version: number }[] } }>(
        MEHMET,
        UPDATE_GOAL,
        { input: { id: goal.id, expectedVersion: 1, patch: { measure: 'Zes maanden op tijd betaald' } } },
      ),
    ).updateActionPlanGoal;
    expect(measured).toMatchObject({ version: 2, history: [{ field: 'measure', version: 2 }] });
    const staleGoal = refusal(
      await gql(SANNE, UPDATE_GOAL, {
        input: { id: goal.id, expectedVersion: 1, patch: { targetDate: null } },
      }),
    );
    expect(staleGoal.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });

    const condition = ok(
      await gql<{ addActionPlanCondition: { text: string; createdByOrganization: { name: string } } }>(
        SANNE,
        ADD_CONDITION,
        { input: { caseId: sharedCase, text: 'Geen nieuwe schulden maken.' } },
      ),
    ).addActionPlanCondition;
    expect(condition).toMatchObject({
      text: 'Geen nieuwe schulden maken.',
      createdByOrganization: { name: 'Kredietbank Rivierstad' },
    });

    const seen = (await planAs(MEHMET, sharedCase))!;
    expect(seen.goals.map((entry) => entry.measure)).toContain('Zes maanden op tijd betaald');
    expect(seen.conditions.map((entry) => entry.text)).toContain('Geen nieuwe schulden maken.');
    expect(seen.history.map((change) => change.field)).toEqual([
      'tenantSignOffChannel',
      'tenantSignedOffOn',
      'helpRequest',
    ]);
  });

  it('a plan is started from its help request: version 0 becomes 1, and a second start is a conflict', async () => {
    const [fresh] = await database.query<{ id: string }>(
      `SELECT c.id FROM case_file c
        WHERE c.status <> 'CLOSED' AND ${MUNICIPALITY_READS('ACTION_PLAN')} AND c.id <> $1
          AND NOT EXISTS (SELECT 1 FROM action_plan x WHERE x.case_id = c.id)
        ORDER BY c.reference DESC LIMIT 1`,
      [sharedCase],
    );
    const caseId = fresh!.id;
    expect(await planAs(MEHMET, caseId)).toMatchObject({ id: null, version: 0 });
    const started = ok(
      await gql<{ updateActionPlan: Plan }>(MEHMET, UPDATE_PLAN, {
        input: { caseId, expectedVersion: 0, patch: { helpRequest: 'Ik wil weten waar ik sta.' } },
      }),
    ).updateActionPlan;
    expect(started).toMatchObject({
      id: expect.any(String) as unknown,
      version: 1,
      helpRequest: 'Ik wil weten waar ik sta.',
    });
    expect(started.history).toEqual([
      expect.objectContaining({ field: 'helpRequest', oldValue: null, version: 1 }),
    ]);
    const again = refusal(
      await gql(MEHMET, UPDATE_PLAN, {
        input: { caseId, expectedVersion: 0, patch: { helpRequest: 'Anders' } },
      }),
    );
    expect(again.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 1,
      current: { helpRequest: 'Ik wil weten waar ik sta.' },
    });
  });

  describe('an organisation without ACTION_PLAN consent', () => {
    let otherCase: string;
    let item: Item;
    const NOT_FOUND = { code: 'NOT_FOUND' };

    beforeAll(async () => {
      otherCase = await findCase(
        `${MUNICIPALITY_READS('ACTION_PLAN')} AND ${KREDIETBANK_SEES_CASE} AND NOT (${KREDIETBANK_READS('ACTION_PLAN')})`,
      );
      // Start from a blank plan: remove the one the demo world drew up for this case.
      await database.query(`DELETE FROM action_plan WHERE case_id = $1`, [otherCase]);
      item = await addItem(MEHMET, otherCase, { title: 'Aanmelden bij de kredietbank' });
    });

    it('sees the case but not the plan', async () => {
      const view = await caseAs(SANNE, otherCase);
      expect(view.access.find((entry) => entry.category === 'ACTION_PLAN')).toMatchObject({ allowed: false });
      expect(view.actionPlan).toBeNull();
    });

    it('cannot edit it: every write answers NOT_FOUND, like an action that does not exist, and is audited', async () => {
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const forUnknown = refusal(
        await gql(SANNE, UPDATE_ITEM, {
          input: { id: unknownId, expectedVersion: 1, patch: { status: 'DONE' } },
        }),
      );
      const forHidden = refusal(
        await gql(SANNE, UPDATE_ITEM, {
          input: { id: item.id, expectedVersion: 1, patch: { status: 'DONE' } },
        }),
      );
      expect(forHidden).toEqual(forUnknown);
      expect(forHidden).toMatchObject({ message: 'Actie niet gevonden.', extensions: NOT_FOUND });

      for (const [query, input] of [
        [ADD_COMMENT, { actionItemId: item.id, body: 'Mag ik meekijken?' }],
        [ADD_ITEM, { caseId: otherCase, title: 'Eigen actie', ownerOrgId: DEMO_ORG.kredietbank }],
        [UPDATE_PLAN, { caseId: otherCase, expectedVersion: 1, patch: { helpRequest: 'Hulp' } }],
        [ADD_GOAL, { caseId: otherCase, what: 'Doel', measure: 'Maat' }],
        [ADD_CONDITION, { caseId: otherCase, text: 'Afspraak' }],
      ] as const) {
        expect(refusal(await gql(SANNE, query, { input })).extensions).toMatchObject(NOT_FOUND);
      }

      const [stored] = await database.query<{ version: number; status: string }>(
        `SELECT version, status FROM action_item WHERE id = $1`,
        [item.id],
      );
      expect(stored).toEqual({ version: 1, status: 'OPEN' });
      const [counts] = await database.query<{ comments: number; items: number; goals: number }>(
        `SELECT (SELECT count(*)::int FROM action_item_comment WHERE case_id = $1) AS comments,
                (SELECT count(*)::int FROM action_item WHERE case_id = $1) AS items,
                (SELECT count(*)::int FROM action_plan_goal WHERE case_id = $1) AS goals`,
        [otherCase],
      );
      expect(counts).toEqual({ comments: 0, items: 1, goals: 0 });
      const denied = await database.query<{ details: { attempted: string } }>(
        `SELECT details FROM audit_event WHERE action = 'ACCESS_DENIED' AND actor_user_id = $1 AND case_id = $2`,
        [demoUserId(SANNE), otherCase],
      );
      expect(denied.map((row) => row.details.attempted).sort()).toEqual([
        'addActionItem',
        'addActionItemComment',
        'addActionPlanCondition',
        'addActionPlanGoal',
        'updateActionItem',
        'updateActionPlan',
      ]);
    });
  });
});
