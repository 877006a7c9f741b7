import { randomBytes } from 'node:crypto';
import { addCalendarDays, referralRespondBy } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { DEMO_ORG } from '../lifecycle/lifecycle.fixtures.js';
import { SystemDatabase } from '../../core/db/gateway.js';
import { expireReferrals } from './referral-expiry.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

/**
 * The acceptance story of the referral workflow (docs/product.md §2), told through GraphQL by the demo users:
 * a corporation signals and refers, the municipality takes the case up and admits the tenant, refers it
 * on to debt counselling, and the loop closes for everyone — with every step in the audit trail.
 * The steps share their state and run in order.
 */

const ANNA = 'anna@delinde.example';
const MEHMET = 'mehmet@rivierstad.example';
const SANNE = 'sanne@kredietbank.example';
const PRIVACY = 'privacy@rivierstad.example';
const ORG_NAME = {
  [ANNA]: 'Woonstichting De Linde',
  [MEHMET]: 'Gemeente Rivierstad',
  [SANNE]: 'Kredietbank Rivierstad',
} as const;
type Actor = keyof typeof ORG_NAME;

const today = testToday();

const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id reference coarseStatus status } }`;
const RECORD_ARREARS = `mutation ($input: RecordArrearsInput!) { recordArrears(input: $input) { version amountCents history { amountCents } } }`;
const PRE_SIGNAL_STEP = `mutation ($input: RecordPreSignalStepInput!) { recordPreSignalStep(input: $input) { kind offeredContactTransfer performedOn performedBy { displayName } } }`;
const SEND_SIGNAL = `mutation ($input: SendSignalInput!) { sendSignal(input: $input) { signalDate arrearsAmountCents partnerType recipient { name } sentBy { displayName } } }`;
const REFERRAL_FIELDS = `id status respondBy declineReason toRole from { name } to { name }`;
const REFER = `mutation ($input: ReferCaseInput!) { referCase(input: $input) { ${REFERRAL_FIELDS} } }`;
const RESPOND = `mutation ($input: RespondToReferralInput!) { respondToReferral(input: $input) { ${REFERRAL_FIELDS} } }`;
const CONTACT_ATTEMPT = `mutation ($input: RecordContactAttemptInput!) { recordContactAttempt(input: $input) { channel dayPart reached followsSignal recordedBy { displayName } } }`;
const TRANSITION = `mutation ($input: TransitionCaseInput!) { transitionCase(input: $input) { status version intake { helpRequestedAt firstConversationAt } } }`;
const FIRST_CONVERSATION = `mutation ($input: RecordFirstConversationInput!) { recordFirstConversation(input: $input) { version intake { firstConversationAt } } }`;
const END_RESULT = `mutation ($input: RecordSignalEndResultInput!) { recordSignalEndResult(input: $input) { endResult } }`;
const COLLECTION_STEP = `mutation ($input: RecordCollectionStepInput!) { recordCollectionStep(input: $input) { id kind } }`;
const CASE = `query ($id: ID!) {
  case(id: $id) {
    id reference status coarseStatus version myParticipantRole
    participants { role organization { name } }
    arrears { version amountCents history { amountCents } pauses { automatic startsOn endsOn } }
    signal { signalDate endResult }
    referrals { ${REFERRAL_FIELDS} }
    timeline { fromStatus toStatus fromCoarseStatus toCoarseStatus via }
  }
}`;
const QUEUE = `query ($reference: String!) {
  cases(first: 100, filter: { assignedToMe: false, reference: $reference }) { edges { node { id reference status } } }
}`;
const MY_DEADLINES = `{ myDeadlines { caseId kind dueOn state description } }`;
const AUDIT_TRAIL = `query ($caseId: ID!, $after: String) {
  auditTrail(caseId: $caseId, first: 100, after: $after) {
    edges { node { action entityType caseId actor { displayName } actingOrganization { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Referral {
  id: string;
  status: string;
  respondBy: string;
  declineReason: string | null;
  toRole: string;
  from: { name: string };
  to: { name: string };
}

interface CaseView {
  id: string;
  reference: string;
  status: string | null;
  coarseStatus: string;
  version: number;
  myParticipantRole: string;
  participants: { role: string; organization: { name: string } }[];
  arrears: {
    version: number | null;
    amountCents: number | null;
    history: { amountCents: number }[];
    pauses: { automatic: boolean; startsOn: string; endsOn: string }[];
  } | null;
  signal: { signalDate: string; endResult: string | null } | null;
  referrals: Referral[];
  timeline: {
    fromStatus: string | null;
    toStatus: string | null;
    fromCoarseStatus: string;
    toCoarseStatus: string;
    via: string;
  }[];
}

interface AuditNode {
  action: string;
  entityType: string;
  caseId: string | null;
  actor: { displayName: string } | null;
  actingOrganization: { name: string } | null;
}

interface AuditTrailPage {
  auditTrail: {
    edges: { node: AuditNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** What `expected` holds that `actual` does not, counting repeats (a multiset difference). */
function notIn(actual: readonly string[], expected: readonly string[]): string[] {
  const left = [...actual];
  return expected.filter((entry) => {
    const index = left.indexOf(entry);
    if (index < 0) return true;
    left.splice(index, 1);
    return false;
  });
}

function ok<T>(result: GraphQLResponse<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function refusal<T>(result: GraphQLResponse<T>) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!;
}

describe('the referral workflow, from signal to debt counselling, as the demo users live it', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();

  /** One logged-in browser per demo user. */
  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email, 'vangnet-demo')).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }
  const gql = async <T>(email: string, query: string, variables: Record<string, unknown> = {}) =>
    (await as(email)).gql<T>(query, variables);
  const caseAs = async (email: string, id: string) =>
    ok(await gql<{ case: CaseView }>(email, CASE, { id })).case;

  /** Every write the story performs, as the audit trail must show it: who, for which organisation, on which case, what. */
  const performed: { email: Actor; org: string; caseId: string; what: string }[] = [];
  const wrote = (email: Actor, caseId: string, ...what: string[]) => {
    for (const entry of what) performed.push({ email, org: ORG_NAME[email], caseId, what: entry });
  };

  let contract = 0;
  async function openCase(surname: string): Promise<{ id: string; reference: string }> {
    contract += 1;
    const { createCase } = ok(
      await gql<{
        createCase: { id: string; reference: string; coarseStatus: string; status: string | null };
      }>(ANNA, CREATE_CASE, {
        input: {
          tenant: {
            initials: 'R.',
            surname,
            street: 'Lindelaan',
            houseNumber: 40 + contract,
            postcode: '9999 LD',
            city: 'Rivierstad',
            phone: '06 98765432',
            preferredChannel: 'PHONE',
          },
          tenancy: { contractNumber: `DL-STORY-${contract}`, monthlyRentCents: 68_500 },
          arrears: { amountCents: 137_000, aroseOn: addCalendarDays(today, -62), monthsInArrears: 2 },
        },
      }),
    );
    expect(createCase).toMatchObject({ coarseStatus: 'PRE_SIGNAL', status: null });
    wrote(ANNA, createCase.id, 'CREATE case');
    return createCase;
  }

  const referToRivierstad = (caseId: string) =>
    gql<{ referCase: Referral }>(ANNA, REFER, {
      input: {
        caseId,
        toOrgId: DEMO_ORG.rivierstad,
        toRole: 'MUNICIPALITY',
        message: 'Huurder heeft twee maanden huurachterstand en wil graag hulp. Wilt u contact opnemen?',
      },
    });

  // The main case of the story, and what its steps hand on to the next.
  let tenantCase: { id: string; reference: string };
  let referralToRivierstad: Referral;

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

  it('1. anna opens a dossier, walks the pre-signal gate, signals Rivierstad and refers the case to it', async () => {
    tenantCase = await openCase('Hoekstra');

    // She corrects the arrears, naming the version she read (no lost updates).
    const opened = await caseAs(ANNA, tenantCase.id);
    expect(opened.arrears).toMatchObject({
      version: 1,
      amountCents: 137_000,
      history: [{ amountCents: 137_000 }],
    });
    const { recordArrears } = ok(
      await gql<{ recordArrears: { version: number; amountCents: number; history: unknown[] } }>(
        ANNA,
        RECORD_ARREARS,
        {
          input: {
            caseId: tenantCase.id,
            expectedVersion: opened.arrears!.version,
            amountCents: 152_500,
            aroseOn: addCalendarDays(today, -62),
            monthsInArrears: 2,
          },
        },
      ),
    );
    expect(recordArrears).toMatchObject({ version: 2, amountCents: 152_500 });
    expect(recordArrears.history).toHaveLength(2);
    wrote(ANNA, tenantCase.id, 'UPDATE arrears');

    const step = (kind: string, extra: Record<string, unknown> = {}) =>
      gql<{ recordPreSignalStep: Record<string, unknown> }>(ANNA, PRE_SIGNAL_STEP, {
        input: { caseId: tenantCase.id, kind, performedOn: addCalendarDays(today, -10), ...extra },
      });
    const reminder = ok(await step('WRITTEN_REMINDER', { offeredContactTransfer: true }));
    expect(reminder.recordPreSignalStep).toMatchObject({
      kind: 'WRITTEN_REMINDER',
      offeredContactTransfer: true,
      performedBy: { displayName: 'Anna de Vries' },
    });
    ok(
      await step('PERSONAL_CONTACT_ATTEMPT', {
        note: 'Gebeld; uitgelegd hoe de achterstand op te lossen is.',
      }),
    );
    wrote(ANNA, tenantCase.id, 'CREATE pre-signal-step', 'CREATE pre-signal-step');

    // Before the pointer to debt help, the signal is refused, naming what is missing.
    const early = refusal(await gql(ANNA, SEND_SIGNAL, { input: { caseId: tenantCase.id } }));
    expect(early.message).toBe('Nog niet vastgelegd: een verwijzing naar schuldhulp.');
    expect(early.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { DEBT_HELP_POINTER: 'Nog niet vastgelegd: een verwijzing naar schuldhulp.' },
    });
    expect((await caseAs(ANNA, tenantCase.id)).coarseStatus).toBe('PRE_SIGNAL');

    ok(await step('DEBT_HELP_POINTER'));
    wrote(ANNA, tenantCase.id, 'CREATE pre-signal-step');
    const { sendSignal } = ok(
      await gql<{ sendSignal: Record<string, unknown> }>(ANNA, SEND_SIGNAL, {
        input: { caseId: tenantCase.id },
      }),
    );
    expect(sendSignal).toMatchObject({
      signalDate: today,
      arrearsAmountCents: 152_500,
      partnerType: 'HUUR',
      recipient: { name: 'Gemeente Rivierstad' },
      sentBy: { displayName: 'Anna de Vries' },
    });
    wrote(ANNA, tenantCase.id, 'CREATE signal');

    // Along the De Linde–Rivierstad agreement: pending, five working days to respond.
    const { referCase } = ok(await referToRivierstad(tenantCase.id));
    expect(referCase).toMatchObject({
      status: 'PENDING',
      respondBy: referralRespondBy(today, { referralRespondWithinWorkingDays: 5 }),
      toRole: 'MUNICIPALITY',
      from: { name: 'Woonstichting De Linde' },
      to: { name: 'Gemeente Rivierstad' },
    });
    referralToRivierstad = referCase;
    wrote(ANNA, tenantCase.id, 'CREATE referral', 'UPDATE case → REFERRED');

    const seen = await caseAs(ANNA, tenantCase.id);
    expect(seen).toMatchObject({ status: null, coarseStatus: 'SIGNAL_SENT', signal: { signalDate: today } });
    expect(seen.referrals.map((referral) => referral.status)).toEqual(['PENDING']);
  });

  it('2. mehmet finds it in his queue and work list, takes it up, and admits the tenant; anna sees the pause', async () => {
    const queue = ok(
      await gql<{ cases: { edges: { node: { id: string; reference: string; status: string } }[] } }>(
        MEHMET,
        QUEUE,
        {
          reference: tenantCase.reference,
        },
      ),
    );
    expect(queue.cases.edges.map((edge) => edge.node)).toEqual([
      { id: tenantCase.id, reference: tenantCase.reference, status: 'REFERRED' },
    ]);
    const before = ok(await gql<{ myDeadlines: Record<string, unknown>[] }>(MEHMET, MY_DEADLINES));
    expect(before.myDeadlines).toContainEqual({
      caseId: tenantCase.id,
      kind: 'REFERRAL_RESPONSE',
      dueOn: referralToRivierstad.respondBy,
      state: 'DUE_SOON',
      description: 'Reageer op de verwijzing van Woonstichting De Linde',
    });

    const { respondToReferral } = ok(
      await gql<{ respondToReferral: Referral }>(MEHMET, RESPOND, {
        input: { referralId: referralToRivierstad.id, accept: true },
      }),
    );
    expect(respondToReferral.status).toBe('ACCEPTED');
    wrote(MEHMET, tenantCase.id, 'UPDATE referral ACCEPTED', 'UPDATE case → IN_CONTACT');
    const after = ok(await gql<{ myDeadlines: { caseId: string; kind: string }[] }>(MEHMET, MY_DEADLINES));
    expect(after.myDeadlines).not.toContainEqual(
      expect.objectContaining({ caseId: tenantCase.id, kind: 'REFERRAL_RESPONSE' }),
    );

    const attempt = (channel: string, dayPart: string, reached: boolean) =>
      gql<{ recordContactAttempt: Record<string, unknown> }>(MEHMET, CONTACT_ATTEMPT, {
        input: { caseId: tenantCase.id, attemptedOn: today, channel, dayPart, reached },
      });
    expect(ok(await attempt('PHONE', 'MORNING', false)).recordContactAttempt).toMatchObject({
      channel: 'PHONE',
      dayPart: 'MORNING',
      reached: false,
      followsSignal: true,
      recordedBy: { displayName: 'Mehmet Yilmaz' },
    });
    expect(ok(await attempt('HOME_VISIT', 'AFTERNOON', true)).recordContactAttempt).toMatchObject({
      channel: 'HOME_VISIT',
      reached: true,
    });
    wrote(MEHMET, tenantCase.id, 'CREATE contact-attempt', 'CREATE contact-attempt');

    const transition = async (to: string) => {
      const { version } = await caseAs(MEHMET, tenantCase.id);
      return gql<{ transitionCase: { status: string; version: number; intake: Record<string, unknown> } }>(
        MEHMET,
        TRANSITION,
        { input: { caseId: tenantCase.id, to, expectedVersion: version } },
      );
    };
    const intake = ok(await transition('INTAKE')).transitionCase;
    expect(intake.status).toBe('INTAKE');
    expect(intake.intake.helpRequestedAt).not.toBeNull();
    wrote(MEHMET, tenantCase.id, 'UPDATE case → INTAKE');

    const conversation = ok(
      await gql<{ recordFirstConversation: { intake: { firstConversationAt: string | null } } }>(
        MEHMET,
        FIRST_CONVERSATION,
        { input: { caseId: tenantCase.id, heldOn: today } },
      ),
    );
    expect(conversation.recordFirstConversation.intake.firstConversationAt).not.toBeNull();
    wrote(MEHMET, tenantCase.id, 'UPDATE case');

    expect(ok(await transition('ADMITTED')).transitionCase.status).toBe('ADMITTED');
    wrote(MEHMET, tenantCase.id, 'UPDATE case → ADMITTED', 'CREATE collection-pause');
    ok(
      await gql(MEHMET, END_RESULT, {
        input: { caseId: tenantCase.id, endResult: 'FOLLOW_UP_FINANCIAL' },
      }),
    );
    wrote(MEHMET, tenantCase.id, 'UPDATE signal');

    const mehmetSees = await caseAs(MEHMET, tenantCase.id);
    expect(
      mehmetSees.timeline.map((entry) => `${entry.fromStatus} → ${entry.toStatus} (${entry.via})`),
    ).toEqual([
      'PRE_SIGNAL → SIGNALLED (sendSignal)',
      'SIGNALLED → REFERRED (referCase)',
      'REFERRED → IN_CONTACT (respondToReferral)',
      'IN_CONTACT → INTAKE (transitionCase)',
      'INTAKE → ADMITTED (transitionCase)',
    ]);

    // Admission started the automatic collection pause: six months from today.
    const pauseEndsOn = addCalendarDays(today, 182);
    expect(mehmetSees.arrears?.pauses).toEqual([{ automatic: true, startsOn: today, endsOn: pauseEndsOn }]);

    // Anna, the referrer: the coarse status only, and the automatic pause that binds her collection ladder.
    const annaSees = await caseAs(ANNA, tenantCase.id);
    expect(annaSees.status).toBeNull();
    expect(annaSees.coarseStatus).toBe('HELP_ACCEPTED');
    expect(
      annaSees.timeline.map((entry) => [entry.fromStatus, entry.toStatus, entry.toCoarseStatus]),
    ).toEqual([
      [null, null, 'SIGNAL_SENT'],
      [null, null, 'IN_PROGRESS'],
      [null, null, 'HELP_ACCEPTED'],
    ]);
    expect(annaSees.signal?.endResult).toBe('FOLLOW_UP_FINANCIAL');
    expect(annaSees.referrals.map((referral) => referral.status)).toEqual(['ACCEPTED']);

    const bailiff = refusal(
      await gql(ANNA, COLLECTION_STEP, {
        input: { caseId: tenantCase.id, kind: 'BAILIFF', stepDate: today },
      }),
    );
    expect(bailiff.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bailiff.message).toBe(
      `Er loopt een adempauze tot ${pauseEndsOn.split('-').reverse().join('-')}; tot dan geen incassostappen na de aanmaning.`,
    );

    expect(annaSees.arrears?.pauses).toEqual([{ automatic: true, startsOn: today, endsOn: pauseEndsOn }]);
  });

  it('3. mehmet refers the case on to Kredietbank Rivierstad; sanne accepts and sees it', async () => {
    const { referCase } = ok(
      await gql<{ referCase: Referral }>(MEHMET, REFER, {
        input: {
          caseId: tenantCase.id,
          toOrgId: DEMO_ORG.kredietbank,
          toRole: 'DEBT_COUNSELLING',
          message: 'Toegelaten tot schuldhulp; graag stabilisatie en budgetbeheer oppakken.',
        },
      }),
    );
    expect(referCase).toMatchObject({ status: 'PENDING', to: { name: 'Kredietbank Rivierstad' } });
    wrote(MEHMET, tenantCase.id, 'CREATE referral');

    const { respondToReferral } = ok(
      await gql<{ respondToReferral: Referral }>(SANNE, RESPOND, {
        input: { referralId: referCase.id, accept: true },
      }),
    );
    expect(respondToReferral).toMatchObject({ status: 'ACCEPTED', from: { name: 'Gemeente Rivierstad' } });
    wrote(SANNE, tenantCase.id, 'UPDATE referral ACCEPTED');

    const sanneSees = await caseAs(SANNE, tenantCase.id);
    expect(sanneSees).toMatchObject({
      reference: tenantCase.reference,
      status: 'ADMITTED',
      myParticipantRole: 'DEBT_COUNSELLING',
    });
    expect(
      sanneSees.referrals.map(
        (referral) => `${referral.from.name} → ${referral.to.name}: ${referral.status}`,
      ),
    ).toEqual(['Gemeente Rivierstad → Kredietbank Rivierstad: ACCEPTED']);
    // Closed loop for the municipality; the corporation still sees only its own referral.
    const mehmetSees = await caseAs(MEHMET, tenantCase.id);
    expect(mehmetSees.referrals.map((referral) => `${referral.to.name}: ${referral.status}`).sort()).toEqual([
      'Gemeente Rivierstad: ACCEPTED',
      'Kredietbank Rivierstad: ACCEPTED',
    ]);
    const annaSees = await caseAs(ANNA, tenantCase.id);
    expect(annaSees.referrals.map((referral) => referral.to.name)).toEqual(['Gemeente Rivierstad']);
  });

  it('4a. a decline needs a reason, and the referrer sees DECLINED with it', async () => {
    const declined = await openCase('Zwart');
    const { referCase } = ok(await referToRivierstad(declined.id));
    wrote(ANNA, declined.id, 'CREATE referral', 'UPDATE case → REFERRED');

    const withoutReason = refusal(
      await gql(MEHMET, RESPOND, { input: { referralId: referCase.id, accept: false, declineReason: '  ' } }),
    );
    expect(withoutReason.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { declineReason: 'Vul dit in.' },
      fieldIssues: [{ field: 'declineReason', code: 'REQUIRED', params: {} }],
    });

    const reason = 'Huurder woont niet in Rivierstad; verwijs naar de gemeente van de woonplaats.';
    const { respondToReferral } = ok(
      await gql<{ respondToReferral: Referral }>(MEHMET, RESPOND, {
        input: { referralId: referCase.id, accept: false, declineReason: reason },
      }),
    );
    expect(respondToReferral).toMatchObject({ status: 'DECLINED', declineReason: reason });
    wrote(MEHMET, declined.id, 'UPDATE referral DECLINED');

    const annaSees = await caseAs(ANNA, declined.id);
    expect(annaSees.referrals).toEqual([
      expect.objectContaining({ id: referCase.id, status: 'DECLINED', declineReason: reason }),
    ]);
  });

  it('4b. a referral nobody answers expires after its respond-by date, and the referrer sees EXPIRED', async () => {
    const unanswered = await openCase('Veenstra');
    const { referCase } = ok(await referToRivierstad(unanswered.id));
    wrote(ANNA, unanswered.id, 'CREATE referral', 'UPDATE case → REFERRED');

    // On its respond-by date it is still open …
    await expireReferrals(
      new SystemDatabase(database.dataSource),
      new Date(`${referCase.respondBy}T12:00:00+02:00`),
    );
    expect((await caseAs(ANNA, unanswered.id)).referrals.map((referral) => referral.status)).toEqual([
      'PENDING',
    ]);
    // … the day after, the scheduler expires it.
    const dayAfter = new Date(`${addCalendarDays(referCase.respondBy, 1)}T12:00:00+02:00`);
    const { expired } = await expireReferrals(new SystemDatabase(database.dataSource), dayAfter);
    expect(expired).toBeGreaterThanOrEqual(1);

    const annaSees = await caseAs(ANNA, unanswered.id);
    expect(annaSees.referrals).toEqual([expect.objectContaining({ id: referCase.id, status: 'EXPIRED' })]);
    // The system expired it: on the record, without a user.
    const [system] = await database.query<{ actor_user_id: string | null; status: string }>(
      `SELECT actor_user_id, details->>'status' AS status FROM audit_event
        WHERE entity_type = 'referral' AND entity_id = $1 AND action = 'UPDATE'`,
      [referCase.id],
    );
    expect(system).toEqual({ actor_user_id: null, status: 'EXPIRED' });
  });

  it('4c. an invalid move names the current status and the allowed next ones, in Dutch', async () => {
    const { version } = await caseAs(MEHMET, tenantCase.id);
    const invalid = refusal(
      await gql(MEHMET, TRANSITION, {
        input: { caseId: tenantCase.id, to: 'CLOSED', exitReason: 'ARREARS_PAID', expectedVersion: version },
      }),
    );
    expect(invalid.message).toBe("Van 'Toegelaten' kan het dossier alleen naar: stabilisatie.");
    expect(invalid.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'ADMITTED',
      allowedNextStatuses: ['STABILISATION'],
    });
    expect((await caseAs(MEHMET, tenantCase.id)).status).toBe('ADMITTED');
  });

  it('5. every step is in the audit trail, and the privacy officer of Rivierstad sees mehmet’s', async () => {
    const caseIds = [...new Set(performed.map((entry) => entry.caseId))];
    const rows = await database.query<{ email: string; org: string; case_id: string; what: string }>(
      `SELECT u.email, o.name AS org, a.case_id,
              concat_ws(' ', a.action::text, a.entity_type,
                        CASE WHEN a.entity_type = 'referral' THEN a.details->>'status' END,
                        CASE WHEN a.entity_type = 'case' AND a.details ? 'toStatus' THEN '→ ' || (a.details->>'toStatus') END) AS what
         FROM audit_event a
         JOIN app_user u ON u.id = a.actor_user_id
         JOIN organization o ON o.id = a.actor_org_id
        WHERE a.case_id = ANY($1::uuid[]) AND a.action IN ('CREATE', 'UPDATE', 'DELETE')
        ORDER BY a.seq`,
      [caseIds],
    );
    const asKey = (entry: { email: string; org: string; case_id?: string; caseId?: string; what: string }) =>
      `${entry.email} (${entry.org}) ${entry.case_id ?? entry.caseId}: ${entry.what}`;
    // Every write the story made, each as often as it was made, with the user and organisation that made it.
    expect(notIn(rows.map(asKey), performed.map(asKey))).toEqual([]);
    expect(rows.every((row) => ORG_NAME[row.email as Actor] === row.org)).toBe(true);

    const trail: AuditNode[] = [];
    let after: string | null = null;
    do {
      const { auditTrail }: AuditTrailPage = ok(
        await gql<AuditTrailPage>(PRIVACY, AUDIT_TRAIL, { caseId: tenantCase.id, after }),
      );
      trail.push(...auditTrail.edges.map((edge) => edge.node));
      after = auditTrail.pageInfo.hasNextPage ? auditTrail.pageInfo.endCursor : null;
    } while (after);

    // Only the actors of the officer's own organisation, and among them every write of mehmet's.
    expect(trail.length).toBeGreaterThan(0);
    expect(new Set(trail.map((event) => event.actingOrganization?.name))).toEqual(
      new Set(['Gemeente Rivierstad']),
    );
    const mehmetsWrites = trail
      .filter((event) => event.actor?.displayName === 'Mehmet Yilmaz' && event.action !== 'READ')
      .map((event) => `${event.action} ${event.entityType}`);
    const expected = performed
      .filter((entry) => entry.email === MEHMET && entry.caseId === tenantCase.id)
      .map((entry) => entry.what.split(' ').slice(0, 2).join(' '));
    expect(expected.length).toBeGreaterThan(5);
    expect(notIn(mehmetsWrites, expected)).toEqual([]);
    expect(trail.every((event) => event.caseId === tenantCase.id || event.caseId === null)).toBe(true);
  });
});
