import { randomBytes } from 'node:crypto';
import {
  CASE_STATUSES,
  CASE_TRANSITIONS,
  coarseStatusOf,
  findTransition,
  mayFireTransition,
  type CaseStatus,
  type CaseTransition,
  type MembershipRole,
  type OrganizationKind,
} from '@vangnet/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../../core/system-context.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG, demoUserId, type CaseSetup } from './lifecycle.fixtures.js';
import type { EntityManager } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import type { RequestContext } from '../../core/request-context.js';
import { applyMove, type CaseMove } from './move-case.js';

/** The move itself, in a transaction of the test's own (no lock: the conditions of the move are tested). */
const moveCase = (manager: EntityManager, context: RequestContext, move: CaseMove) =>
  applyMove(
    {
      run: <Row>(sql: string, parameters: unknown[]) => manager.query<Row[]>(sql, parameters),
      audit: (entry) => writeAuditEvent(manager, context, entry),
    },
    context,
    move,
  );
import { TEST_NOW, TEST_NOW_SQL, testToday } from '../../testing/test-clock.js';

const TRANSITION = `mutation ($input: TransitionCaseInput!) {
  transitionCase(input: $input) { id status coarseStatus version closedAt }
}`;
const FIRST_CONVERSATION = `mutation ($input: RecordFirstConversationInput!) {
  recordFirstConversation(input: $input) { id version intake { helpRequestedAt firstConversationAt } }
}`;
const TIMELINE = `query ($id: ID!) {
  case(id: $id) {
    status coarseStatus version
    intake { helpRequestedAt firstConversationAt solutionKind exitReason }
    timeline { fromStatus toStatus fromCoarseStatus toCoarseStatus via note by { displayName } organization { name } }
  }
}`;

type Outcome = 'MOVED' | 'FORBIDDEN' | 'INVALID_TRANSITION' | 'NOT_FOUND';

interface Actor {
  readonly email: string;
  readonly orgKind: OrganizationKind;
  readonly role: MembershipRole;
}

const ANNA: Actor = { email: 'anna@delinde.example', orgKind: 'HOUSING_CORPORATION', role: 'CASE_WORKER' };
const TOM: Actor = { email: 'tom@delinde.example', orgKind: 'HOUSING_CORPORATION', role: 'TEAM_LEAD' };
const MEHMET: Actor = {
  email: 'mehmet@rivierstad.example',
  orgKind: 'MUNICIPALITY',
  role: 'DEBT_COUNSELLOR',
};
const LOTTE: Actor = { email: 'lotte@rivierstad.example', orgKind: 'MUNICIPALITY', role: 'TEAM_LEAD' };
const SANNE: Actor = {
  email: 'sanne@kredietbank.example',
  orgKind: 'DEBT_COUNSELLING',
  role: 'DEBT_COUNSELLOR',
};
const CASE_HANDLERS = [ANNA, TOM, MEHMET, LOTTE, SANNE];

interface TransitionResult {
  transitionCase: {
    id: string;
    status: CaseStatus | null;
    coarseStatus: string;
    version: number;
    closedAt: string | null;
  };
}

describe('the case lifecycle', () => {
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

  async function transition(
    email: string,
    input: Record<string, unknown>,
  ): Promise<GraphQLResponse<TransitionResult>> {
    return (await as(email)).gql<TransitionResult>(TRANSITION, { input });
  }

  async function row(caseId: string) {
    const [found] = await database.query<{
      status: CaseStatus;
      version: number;
      closed_at: Date | null;
      exit_reason: string | null;
      solution_kind: string | null;
      help_requested_at: Date | null;
      first_conversation_at: Date | null;
      transitions: number;
      updates: number;
    }>(
      `SELECT c.status, c.version, c.closed_at, c.exit_reason, c.solution_kind, c.help_requested_at, c.first_conversation_at,
              (SELECT count(*)::int FROM case_transition t WHERE t.case_id = c.id) AS transitions,
              (SELECT count(*)::int FROM audit_event a WHERE a.case_id = c.id AND a.action = 'UPDATE') AS updates
         FROM case_file c WHERE c.id = $1`,
      [caseId],
    );
    return found!;
  }

  /** A case in the transition's starting state, with all three partners on it and its preconditions met. */
  function setupFor(move: CaseTransition): CaseSetup {
    return {
      status: move.from,
      with: ['rivierstad', 'kredietbank'],
      signal: move.from !== 'PRE_SIGNAL',
      endResult: move.from === 'PRE_SIGNAL' ? null : 'FOLLOW_UP_FINANCIAL',
      firstConversation: move.from === 'INTAKE',
    };
  }

  function inputFor(caseId: string, to: CaseStatus): Record<string, unknown> {
    return {
      caseId,
      expectedVersion: 1,
      to,
      ...(to === 'CLOSED' ? { exitReason: 'ARREARS_PAID' } : {}),
      ...(to === 'SOLUTION' ? { solutionKind: 'PAYMENT_PLAN' } : {}),
    };
  }

  /** The rule, read off the table in @vangnet/shared. */
  function expectedByTable(move: CaseTransition, actor: Actor): Outcome {
    if (actor.orgKind === 'HOUSING_CORPORATION' && coarseStatusOf(move.from) !== move.from)
      return 'FORBIDDEN';
    if (move.via) return 'INVALID_TRANSITION';
    return mayFireTransition(move, actor) ? 'MOVED' : 'FORBIDDEN';
  }

  async function attempt(from: CaseStatus, to: CaseStatus, actor: Actor): Promise<Outcome> {
    const move = findTransition(from, to) ?? { from, to, by: { orgKinds: [], roles: [] } };
    const created = await createCaseIn(database.dataSource, setupFor(move));
    const result = await transition(actor.email, inputFor(created.id, to));
    const after = await row(created.id);
    if (!result.errors) {
      expect(result.data!.transitionCase.coarseStatus).toBe(coarseStatusOf(to));
      expect(result.data!.transitionCase.status).toBe(actor.orgKind === 'HOUSING_CORPORATION' ? null : to);
      expect(after).toMatchObject({ status: to, version: 2, transitions: 1, updates: 1 });
      expect(after.closed_at !== null).toBe(to === 'CLOSED');
      const [timeline] = await database.query<{
        from_status: string;
        to_status: string;
        via: string;
        by_user_id: string;
      }>(`SELECT from_status, to_status, via, by_user_id FROM case_transition WHERE case_id = $1`, [
        created.id,
      ]);
      expect(timeline).toEqual({
        from_status: from,
        to_status: to,
        via: 'transitionCase',
        by_user_id: demoUserId(actor.email),
      });
      return 'MOVED';
    }
    // A refused move changes nothing.
    expect(after).toMatchObject({ status: from, version: 1, transitions: 0, updates: 0 });
    return result.errors[0]!.extensions!.code as Outcome;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('moves or refuses exactly as written down for these cases', async () => {
    const cases: [CaseStatus, CaseStatus, Actor, Outcome][] = [
      ['PRE_SIGNAL', 'CLOSED', ANNA, 'MOVED'],
      ['PRE_SIGNAL', 'CLOSED', TOM, 'MOVED'],
      ['PRE_SIGNAL', 'CLOSED', MEHMET, 'FORBIDDEN'],
      ['PRE_SIGNAL', 'SIGNALLED', ANNA, 'INVALID_TRANSITION'],
      ['PRE_SIGNAL', 'REFERRED', TOM, 'INVALID_TRANSITION'],
      ['PRE_SIGNAL', 'INTAKE', ANNA, 'INVALID_TRANSITION'],
      ['SIGNALLED', 'REFERRED', MEHMET, 'INVALID_TRANSITION'],
      ['SIGNALLED', 'REFERRED', ANNA, 'FORBIDDEN'],
      ['SIGNALLED', 'IN_CONTACT', MEHMET, 'MOVED'],
      ['SIGNALLED', 'IN_CONTACT', SANNE, 'FORBIDDEN'],
      ['SIGNALLED', 'IN_CONTACT', ANNA, 'FORBIDDEN'],
      ['SIGNALLED', 'CLOSED', LOTTE, 'MOVED'],
      ['SIGNALLED', 'CLOSED', SANNE, 'FORBIDDEN'],
      ['REFERRED', 'IN_CONTACT', SANNE, 'MOVED'],
      ['REFERRED', 'IN_CONTACT', MEHMET, 'MOVED'],
      ['REFERRED', 'CLOSED', TOM, 'FORBIDDEN'],
      ['IN_CONTACT', 'INTAKE', SANNE, 'MOVED'],
      ['IN_CONTACT', 'ADMITTED', MEHMET, 'INVALID_TRANSITION'],
      ['INTAKE', 'ADMITTED', MEHMET, 'MOVED'],
      ['INTAKE', 'ADMITTED', LOTTE, 'MOVED'],
      ['INTAKE', 'ADMITTED', SANNE, 'FORBIDDEN'],
      ['INTAKE', 'ADMITTED', TOM, 'FORBIDDEN'],
      ['INTAKE', 'NOT_ADMITTED', SANNE, 'FORBIDDEN'],
      ['INTAKE', 'SOLUTION', SANNE, 'INVALID_TRANSITION'],
      ['ADMITTED', 'STABILISATION', SANNE, 'MOVED'],
      ['ADMITTED', 'STABILISATION', ANNA, 'FORBIDDEN'],
      ['NOT_ADMITTED', 'CLOSED', MEHMET, 'MOVED'],
      ['STABILISATION', 'SOLUTION', SANNE, 'MOVED'],
      ['SOLUTION', 'AFTERCARE', LOTTE, 'MOVED'],
      ['AFTERCARE', 'CLOSED', SANNE, 'MOVED'],
      ['AFTERCARE', 'CLOSED', ANNA, 'FORBIDDEN'],
      ['CLOSED', 'AFTERCARE', ANNA, 'INVALID_TRANSITION'],
      ['CLOSED', 'IN_CONTACT', MEHMET, 'INVALID_TRANSITION'],
    ];
    for (const [from, to, actor, expected] of cases)
      expect(await attempt(from, to, actor), `${actor.email}: ${from} → ${to}`).toBe(expected);
  });

  it('follows the shared table for every transition and every kind of case handler', async () => {
    let moved = 0;
    for (const move of CASE_TRANSITIONS) {
      for (const actor of CASE_HANDLERS) {
        const outcome = await attempt(move.from, move.to, actor);
        expect(outcome, `${actor.email}: ${move.from} → ${move.to}`).toBe(expectedByTable(move, actor));
        if (outcome === 'MOVED') moved += 1;
      }
    }
    // Every move made through transitionCase is made by someone.
    for (const move of CASE_TRANSITIONS.filter((candidate) => !candidate.via))
      expect(CASE_HANDLERS.some((actor) => expectedByTable(move, actor) === 'MOVED')).toBe(true);
    expect(moved).toBeGreaterThan(20);
  });

  it('refuses every move that is not in the table, naming where the case can go', async () => {
    for (const from of CASE_STATUSES) {
      const created = await createCaseIn(database.dataSource, {
        status: from,
        with: ['rivierstad', 'kredietbank'],
        firstConversation: from === 'INTAKE',
      });
      for (const to of CASE_STATUSES.filter((candidate) => !findTransition(from, candidate))) {
        const result = await transition(LOTTE.email, inputFor(created.id, to));
        expect(result.errors?.[0]?.extensions, `${from} → ${to}`).toMatchObject({
          code: 'INVALID_TRANSITION',
          currentStatus: from,
        });
      }
      expect(await row(created.id)).toMatchObject({ status: from, version: 1, transitions: 0, updates: 0 });
    }
  });

  it('says in Dutch where an intake can go, with the current and allowed statuses', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'INTAKE', firstConversation: true });
    const result = await transition(MEHMET.email, inputFor(created.id, 'SOLUTION'));
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toBe(
      "Van 'Intake' kan het dossier alleen naar: toegelaten, niet toegelaten.",
    );
    expect(result.errors![0]!.extensions).toEqual({
      code: 'INVALID_TRANSITION',
      currentStatus: 'INTAKE',
      allowedNextStatuses: ['ADMITTED', 'NOT_ADMITTED'],
    });
  });

  it('points to sendSignal and referCase for the moves only they make', async () => {
    const preSignal = await createCaseIn(database.dataSource, { status: 'PRE_SIGNAL' });
    const signal = await transition(ANNA.email, inputFor(preSignal.id, 'SIGNALLED'));
    expect(signal.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'PRE_SIGNAL',
      requiredOperation: 'sendSignal',
    });
    expect(signal.errors![0]!.message).toContain('sendSignal');
    const signalled = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const refer = await transition(MEHMET.email, inputFor(signalled.id, 'REFERRED'));
    expect(refer.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      requiredOperation: 'referCase',
    });
  });

  it('tells a corporation nothing about a status it may only see coarsely', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'INTAKE' });
    const result = await transition(ANNA.email, inputFor(created.id, 'SOLUTION'));
    expect(result.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(result.errors![0]!.message).not.toMatch(/intake/i);
  });

  it('answers a case I do not take part in exactly like one that does not exist, and records the refusal', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'PRE_SIGNAL' });
    for (const email of ['bram@woonbronoost.example', MEHMET.email, 'privacy@rivierstad.example']) {
      const result = await transition(email, inputFor(created.id, 'CLOSED'));
      expect(result.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
      expect(result.errors![0]!.message).toBe('Dossier niet gevonden.');
    }
    const missing = await transition(
      MEHMET.email,
      inputFor('00000000-0000-4000-8000-000000000000', 'CLOSED'),
    );
    expect(missing.errors![0]!.message).toBe('Dossier niet gevonden.');
    const denied = await database.query<{ actor_user_id: string }>(
      `SELECT actor_user_id FROM audit_event WHERE action = 'ACCESS_DENIED' AND entity_id = $1 AND details->>'attempted' = 'transitionCase'`,
      [created.id],
    );
    expect(denied.map((event) => event.actor_user_id).sort()).toEqual(
      [
        demoUserId('bram@woonbronoost.example'),
        demoUserId(MEHMET.email),
        demoUserId('privacy@rivierstad.example'),
      ].sort(),
    );
    expect(await row(created.id)).toMatchObject({ status: 'PRE_SIGNAL', version: 1 });
  });

  it('writes nothing when the case is no longer in the state a move starts from', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const context = createSystemContext(pino({ enabled: false }));
    const moved = await database.dataSource.transaction((manager) =>
      moveCase(manager, context, {
        caseId: created.id,
        tenantId: created.tenantId,
        from: 'SIGNALLED',
        to: 'IN_CONTACT',
        via: 'transitionCase',
      }),
    );
    expect(moved).toBeNull();
    const stale = await database.dataSource.transaction((manager) =>
      moveCase(manager, context, {
        caseId: created.id,
        tenantId: created.tenantId,
        from: 'IN_CONTACT',
        to: 'INTAKE',
        via: 'transitionCase',
        expectedVersion: 4,
      }),
    );
    expect(stale).toBeNull();
    expect(await row(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      version: 1,
      transitions: 0,
      updates: 0,
    });
    const done = await database.dataSource.transaction((manager) =>
      moveCase(manager, context, {
        caseId: created.id,
        tenantId: created.tenantId,
        from: 'IN_CONTACT',
        to: 'INTAKE',
        via: 'transitionCase',
        expectedVersion: 1,
      }),
    );
    expect(done).toMatchObject({ version: 2, transitionId: expect.any(String) as unknown });
    const [audit] = await database.query<{ actor_user_id: string | null; details: Record<string, unknown> }>(
      `SELECT actor_user_id, details FROM audit_event WHERE case_id = $1 AND action = 'UPDATE'`,
      [created.id],
    );
    expect(audit).toEqual({
      actor_user_id: null,
      details: {
        fromStatus: 'IN_CONTACT',
        toStatus: 'INTAKE',
        via: 'transitionCase',
        transitionId: done!.transitionId,
        version: 2,
      },
    });
  });

  it('refuses a stale version with CONFLICT and the current version, and lets exactly one of two racing moves win', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    expect((await transition(MEHMET.email, inputFor(created.id, 'INTAKE'))).errors).toBeUndefined();
    const stale = await transition(LOTTE.email, inputFor(created.id, 'CLOSED'));
    expect(stale.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: 2,
      current: { version: 2, status: 'INTAKE', coarseStatus: 'IN_PROGRESS' },
    });
    expect(await row(created.id)).toMatchObject({ status: 'INTAKE', version: 2, transitions: 1 });

    const racing = await createCaseIn(database.dataSource, { status: 'SIGNALLED', endResult: 'NO_CONTACT' });
    const results = await Promise.all([
      transition(MEHMET.email, inputFor(racing.id, 'IN_CONTACT')),
      transition(LOTTE.email, inputFor(racing.id, 'CLOSED')),
    ]);
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'MOVED').sort();
    expect(codes).toEqual(['CONFLICT', 'MOVED']);
    expect(await row(racing.id)).toMatchObject({ version: 2, transitions: 1, updates: 1 });
  });

  it('shows a corporation the conflict without the full status', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'PRE_SIGNAL' });
    const result = await transition(ANNA.email, { ...inputFor(created.id, 'CLOSED'), expectedVersion: 7 });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'CONFLICT',
      current: { version: 1, status: null, coarseStatus: 'PRE_SIGNAL' },
    });
  });

  it('asks an exit reason to close and a solution kind for a solution, per field', async () => {
    const aftercare = await createCaseIn(database.dataSource, {
      status: 'AFTERCARE',
      with: ['rivierstad', 'kredietbank'],
    });
    const noReason = await transition(SANNE.email, {
      caseId: aftercare.id,
      expectedVersion: 1,
      to: 'CLOSED',
    });
    expect(noReason.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { exitReason: 'Vul dit in.' },
      fieldIssues: [{ field: 'exitReason', code: 'REQUIRED', params: {} }],
    });
    const misplaced = await transition(LOTTE.email, {
      caseId: aftercare.id,
      expectedVersion: 1,
      to: 'CLOSED',
      exitReason: 'DEBTS_RESOLVED',
      solutionKind: 'WSNP',
    });
    expect(misplaced.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'solutionKind', code: 'NOT_FOR_THIS_STEP', params: {} }],
    });
    const stabilisation = await createCaseIn(database.dataSource, {
      status: 'STABILISATION',
      with: ['rivierstad', 'kredietbank'],
    });
    const noKind = await transition(SANNE.email, {
      caseId: stabilisation.id,
      expectedVersion: 1,
      to: 'SOLUTION',
    });
    expect(noKind.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'solutionKind', code: 'REQUIRED', params: {} }],
    });
    for (const id of [aftercare.id, stabilisation.id])
      expect(await row(id)).toMatchObject({ version: 1, transitions: 0, updates: 0 });

    expect(
      (
        await transition(SANNE.email, {
          ...inputFor(stabilisation.id, 'SOLUTION'),
          solutionKind: 'DEBT_SETTLEMENT',
        })
      ).errors,
    ).toBeUndefined();
    expect(await row(stabilisation.id)).toMatchObject({
      status: 'SOLUTION',
      solution_kind: 'DEBT_SETTLEMENT',
    });
    expect(
      (await transition(SANNE.email, { ...inputFor(aftercare.id, 'CLOSED'), exitReason: 'DEBTS_RESOLVED' }))
        .errors,
    ).toBeUndefined();
    expect(await row(aftercare.id)).toMatchObject({ status: 'CLOSED', exit_reason: 'DEBTS_RESOLVED' });
  });

  it('closes a signalled case only once the signal has its end result', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const early = await transition(MEHMET.email, inputFor(created.id, 'CLOSED'));
    expect(early.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'SIGNALLED',
      unmetPreconditions: ['SIGNAL_END_RESULT'],
    });
    expect(await row(created.id)).toMatchObject({ status: 'SIGNALLED', version: 1, transitions: 0 });
    await database.query(
      `UPDATE signal SET end_result = 'NO_CONTACT', end_result_at = ${TEST_NOW_SQL} WHERE case_id = $1`,
      [created.id],
    );
    expect((await transition(MEHMET.email, inputFor(created.id, 'CLOSED'))).errors).toBeUndefined();
  });

  it('decides on admission only after the first conversation, which follows the help request', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const tooEarly = await (
      await as(MEHMET.email)
    ).gql(FIRST_CONVERSATION, {
      input: { caseId: created.id, heldOn: testToday() },
    });
    expect(tooEarly.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { caseId: expect.any(String) as unknown },
    });

    // The help request: → INTAKE records when the tenant asked for help.
    expect((await transition(MEHMET.email, inputFor(created.id, 'INTAKE'))).errors).toBeUndefined();
    const intake = await row(created.id);
    expect(intake.help_requested_at).not.toBeNull();
    expect(intake.first_conversation_at).toBeNull();

    const undecided = await transition(MEHMET.email, {
      ...inputFor(created.id, 'ADMITTED'),
      expectedVersion: 2,
    });
    expect(undecided.errors![0]!.extensions).toEqual({
      code: 'INVALID_TRANSITION',
      currentStatus: 'INTAKE',
      allowedNextStatuses: ['ADMITTED', 'NOT_ADMITTED'],
      unmetPreconditions: ['FIRST_CONVERSATION'],
    });
    expect(undecided.errors![0]!.message).toContain('eerste gesprek');

    const mehmet = await as(MEHMET.email);
    const future = await mehmet.gql(FIRST_CONVERSATION, {
      input: { caseId: created.id, heldOn: '2999-01-01' },
    });
    expect(future.errors![0]!.extensions).toMatchObject({
      fieldErrors: { heldOn: expect.any(String) as unknown },
    });
    const beforeRequest = await mehmet.gql(FIRST_CONVERSATION, {
      input: { caseId: created.id, heldOn: '2020-01-01' },
    });
    expect(beforeRequest.errors![0]!.extensions).toMatchObject({
      fieldErrors: { heldOn: expect.any(String) as unknown },
    });
    const byCorporation = await (
      await as(ANNA.email)
    ).gql(FIRST_CONVERSATION, {
      input: { caseId: created.id, heldOn: testToday() },
    });
    expect(byCorporation.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(await row(created.id)).toMatchObject({ version: 2, first_conversation_at: null, updates: 1 });

    const recorded = await mehmet.gql<{
      recordFirstConversation: { version: number; intake: { firstConversationAt: string } };
    }>(FIRST_CONVERSATION, { input: { caseId: created.id, heldOn: testToday() } });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordFirstConversation.version).toBe(3);
    expect(recorded.data!.recordFirstConversation.intake.firstConversationAt).not.toBeNull();
    const audit = await database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE case_id = $1 AND action = 'UPDATE' AND details ? 'firstConversationOn'`,
      [created.id],
    );
    expect(audit).toEqual([{ details: { firstConversationOn: testToday(), previous: null } }]);

    expect(
      (await transition(MEHMET.email, { ...inputFor(created.id, 'ADMITTED'), expectedVersion: 3 })).errors,
    ).toBeUndefined();
  });

  it('starts the automatic collection pause when the municipality admits the tenant, as part of the corporation’s ladder', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'INTAKE', firstConversation: true });
    expect((await transition(LOTTE.email, inputFor(created.id, 'ADMITTED'))).errors).toBeUndefined();
    const pauses = await database.query<{ automatic: boolean; origin_org_id: string; starts_on: string }>(
      `SELECT automatic, origin_org_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on FROM collection_pause WHERE case_id = $1`,
      [created.id],
    );
    expect(pauses).toEqual([
      // The pause binds the corporation's collection ladder, so it is the corporation's to see.
      { automatic: true, origin_org_id: DEMO_ORG.delinde, starts_on: testToday() },
    ]);
    const created_events = await database.query<{ entity_type: string }>(
      `SELECT entity_type FROM audit_event WHERE case_id = $1 AND action = 'CREATE'`,
      [created.id],
    );
    expect(created_events).toEqual([{ entity_type: 'collection-pause' }]);

    // Not admitted: no pause.
    const refused = await createCaseIn(database.dataSource, { status: 'INTAKE', firstConversation: true });
    expect((await transition(LOTTE.email, inputFor(refused.id, 'NOT_ADMITTED'))).errors).toBeUndefined();
    expect(await database.query(`SELECT 1 FROM collection_pause WHERE case_id = $1`, [refused.id])).toEqual(
      [],
    );
  });

  it('keeps a timeline: in full for the municipality, only the coarse moves for the corporation', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const steps: [CaseStatus, Record<string, unknown>][] = [
      ['IN_CONTACT', { note: 'Huurder telefonisch bereikt.' }],
      ['INTAKE', {}],
      ['ADMITTED', {}],
      ['STABILISATION', {}],
      ['SOLUTION', { solutionKind: 'DEBT_SETTLEMENT' }],
      ['AFTERCARE', {}],
      ['CLOSED', { exitReason: 'DEBTS_RESOLVED' }],
    ];
    let version = 1;
    for (const [to, extra] of steps) {
      if (to === 'ADMITTED') {
        const conversation = await (
          await as(MEHMET.email)
        ).gql(FIRST_CONVERSATION, {
          input: { caseId: created.id, heldOn: testToday() },
        });
        expect(conversation.errors).toBeUndefined();
        version += 1;
      }
      const result = await transition(MEHMET.email, {
        caseId: created.id,
        expectedVersion: version,
        to,
        ...extra,
      });
      expect(result.errors, to).toBeUndefined();
      version = result.data!.transitionCase.version;
    }

    interface Timeline {
      case: {
        status: string | null;
        version: number;
        intake: { solutionKind: string; exitReason: string; helpRequestedAt: string } | null;
        timeline: {
          fromStatus: string | null;
          toStatus: string | null;
          fromCoarseStatus: string;
          toCoarseStatus: string;
          via: string;
          note: string | null;
          by: { displayName: string } | null;
          organization: { name: string } | null;
        }[];
      };
    }
    const municipality = await (await as(MEHMET.email)).gql<Timeline>(TIMELINE, { id: created.id });
    expect(municipality.errors).toBeUndefined();
    expect(municipality.data!.case.version).toBe(version);
    expect(municipality.data!.case.intake).toMatchObject({
      solutionKind: 'DEBT_SETTLEMENT',
      exitReason: 'DEBTS_RESOLVED',
    });
    expect(municipality.data!.case.intake!.helpRequestedAt).not.toBeNull();
    const full = municipality.data!.case.timeline;
    expect(full.map((entry) => `${entry.fromStatus}→${entry.toStatus}`)).toEqual([
      'SIGNALLED→IN_CONTACT',
      'IN_CONTACT→INTAKE',
      'INTAKE→ADMITTED',
      'ADMITTED→STABILISATION',
      'STABILISATION→SOLUTION',
      'SOLUTION→AFTERCARE',
      'AFTERCARE→CLOSED',
    ]);
    expect(full[0]).toMatchObject({
      note: 'Huurder telefonisch bereikt.',
      by: { displayName: 'Mehmet Yilmaz' },
      organization: { name: 'Gemeente Rivierstad' },
      via: 'transitionCase',
    });

    const corporation = await (await as(ANNA.email)).gql<Timeline>(TIMELINE, { id: created.id });
    expect(corporation.errors).toBeUndefined();
    expect(corporation.data!.case.status).toBeNull();
    expect(corporation.data!.case.intake).toBeNull();
    expect(corporation.data!.case.timeline).toEqual([
      {
        fromStatus: null,
        toStatus: null,
        fromCoarseStatus: 'SIGNAL_SENT',
        toCoarseStatus: 'IN_PROGRESS',
        via: 'transitionCase',
        note: null,
        by: null,
        organization: { name: 'Gemeente Rivierstad' },
      },
      {
        fromStatus: null,
        toStatus: null,
        fromCoarseStatus: 'IN_PROGRESS',
        toCoarseStatus: 'HELP_ACCEPTED',
        via: 'transitionCase',
        note: null,
        by: null,
        organization: { name: 'Gemeente Rivierstad' },
      },
      {
        fromStatus: null,
        toStatus: null,
        fromCoarseStatus: 'HELP_ACCEPTED',
        toCoarseStatus: 'CLOSED',
        via: 'transitionCase',
        note: null,
        by: null,
        organization: { name: 'Gemeente Rivierstad' },
      },
    ]);

    const notFound = await (await as('bram@woonbronoost.example')).gql(TIMELINE, { id: created.id });
    expect(notFound.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const noteReads = await database.query<{ basis: string; categories: string }>(
      `SELECT basis, categories::text FROM audit_event WHERE case_id = $1 AND entity_type = 'case-timeline' AND action = 'READ'`,
      [created.id],
    );
    expect(noteReads).toEqual([{ basis: 'ORIGIN', categories: '{CASE_NOTES}' }]);
  });
});
