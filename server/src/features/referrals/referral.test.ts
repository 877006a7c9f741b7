import { randomBytes } from 'node:crypto';
import { addCalendarDays, referralRespondBy } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type GraphQLResponse, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { SystemDatabase } from '../../core/db/gateway.js';
import { expireReferrals } from './referral-expiry.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

const REFERRAL_FIELDS = `id status message respondBy respondedAt declineReason toRole from { name } to { name }`;
const REFER = `mutation ($input: ReferCaseInput!) { referCase(input: $input) { ${REFERRAL_FIELDS} } }`;
const RESPOND = `mutation ($input: RespondToReferralInput!) { respondToReferral(input: $input) { ${REFERRAL_FIELDS} } }`;
const WITHDRAW = `mutation ($input: WithdrawReferralInput!) { withdrawReferral(input: $input) { ${REFERRAL_FIELDS} } }`;
const CASE = `query ($id: ID!) {
  case(id: $id) {
    status coarseStatus
    participants { role organization { name } }
    referrals { id status message declineReason from { name } to { name } }
    contact { surname }
    access { category allowed reason }
  }
}`;

const ANNA = 'anna@delinde.example';
const BRAM = 'bram@woonbronoost.example';
const MEHMET = 'mehmet@rivierstad.example';
const SANNE = 'sanne@kredietbank.example';

interface Referral {
  id: string;
  status: string;
  message: string;
  respondBy: string;
  respondedAt: string | null;
  declineReason: string | null;
  toRole: string;
  from: { name: string };
  to: { name: string };
}

interface CaseView {
  case: {
    status: string | null;
    coarseStatus: string;
    participants: { role: string; organization: { name: string } }[];
    referrals: {
      id: string;
      status: string;
      message: string;
      declineReason: string | null;
      from: { name: string };
      to: { name: string };
    }[];
    contact: { surname: string } | null;
    access: { category: string; allowed: boolean; reason: string | null }[];
  };
}

describe('referrals, closed loop', () => {
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

  const refer = async (email: string, input: Record<string, unknown>) =>
    (await as(email)).gql<{ referCase: Referral }>(REFER, { input });
  const respond = async (email: string, input: Record<string, unknown>) =>
    (await as(email)).gql<{ respondToReferral: Referral }>(RESPOND, { input });
  const withdraw = async (email: string, referralId: string) =>
    (await as(email)).gql<{ withdrawReferral: Referral }>(WITHDRAW, { input: { referralId } });
  const view = async (email: string, id: string) => (await as(email)).gql<CaseView>(CASE, { id });

  function ok<T>(result: GraphQLResponse<T>): T {
    expect(result.errors).toBeUndefined();
    return result.data!;
  }

  async function snapshot(caseId: string) {
    const [found] = await database.query<{
      status: string;
      version: number;
      participants: string;
      referrals: string;
      transitions: number;
      audit: number;
    }>(
      `SELECT c.status, c.version,
              (SELECT string_agg(p.role::text, ',' ORDER BY p.role) FROM case_participant p WHERE p.case_id = c.id) AS participants,
              (SELECT coalesce(string_agg(r.status::text, ',' ORDER BY r.created_at), '') FROM referral r WHERE r.case_id = c.id) AS referrals,
              (SELECT count(*)::int FROM case_transition t WHERE t.case_id = c.id) AS transitions,
              (SELECT count(*)::int FROM audit_event a WHERE a.case_id = c.id AND a.action IN ('CREATE', 'UPDATE', 'DELETE')) AS audit
         FROM case_file c WHERE c.id = $1`,
      [caseId],
    );
    return found!;
  }

  async function writes(caseId: string): Promise<string[]> {
    const rows = await database.query<{ action: string; entity_type: string; status: string | null }>(
      `SELECT action, entity_type, coalesce(details->>'status', details->>'toStatus') AS status
         FROM audit_event WHERE case_id = $1 AND action IN ('CREATE', 'UPDATE') ORDER BY seq`,
      [caseId],
    );
    return rows.map((row) => `${row.action} ${row.entity_type}${row.status ? ` ${row.status}` : ''}`);
  }

  const toMunicipality = (
    caseId: string,
    message = 'Huurder wil hulp bij de huurachterstand. Graag contact opnemen.',
  ) => ({
    caseId,
    toOrgId: DEMO_ORG.rivierstad,
    toRole: 'MUNICIPALITY',
    message,
  });
  const toKredietbank = (caseId: string) => ({
    caseId,
    toOrgId: DEMO_ORG.kredietbank,
    toRole: 'DEBT_COUNSELLING',
    message: 'Graag budgetbeheer en stabilisatie oppakken.',
  });

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

  it('refers a signalled case along the agreement: pending, due in five working days, and the case is referred', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const { referCase } = ok(await refer(ANNA, toMunicipality(created.id)));
    expect(referCase).toMatchObject({
      status: 'PENDING',
      respondBy: referralRespondBy(testToday(), { referralRespondWithinWorkingDays: 5 }),
      respondedAt: null,
      toRole: 'MUNICIPALITY',
      from: { name: 'Woonstichting De Linde' },
      to: { name: 'Gemeente Rivierstad' },
    });
    expect(await snapshot(created.id)).toMatchObject({
      status: 'REFERRED',
      version: 2,
      transitions: 1,
      referrals: 'PENDING',
    });
    const [moved] = await database.query<{ via: string; by_user_id: string }>(
      `SELECT via, by_user_id FROM case_transition WHERE case_id = $1`,
      [created.id],
    );
    expect(moved).toEqual({ via: 'referCase', by_user_id: demoUserId(ANNA) });
    expect(await writes(created.id)).toEqual(['CREATE referral', 'UPDATE case REFERRED']);

    // Closed loop: both ends see it.
    for (const email of [ANNA, MEHMET]) {
      const { case: seen } = ok(await view(email, created.id));
      expect(seen.referrals.map((referral) => referral.status)).toEqual(['PENDING']);
    }
  });

  it('takes an explicit respond-by date, and refuses input that does not add up, per field', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const due = addCalendarDays(testToday(), 3);
    const before = await snapshot(created.id);
    const wrong = await refer(ANNA, {
      ...toMunicipality(created.id, '   '),
      toRole: 'DEBT_COUNSELLING',
      respondBy: '2020-01-01',
    });
    expect(wrong.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: {
        message: 'Vul dit in.',
        respondBy: `Deze datum ligt te vroeg. Kies een datum vanaf ${testToday()}.`,
      },
      fieldIssues: [
        { field: 'message', code: 'REQUIRED', params: {} },
        { field: 'respondBy', code: 'DATE_TOO_EARLY', params: { min: testToday() } },
      ],
    });
    const role = await refer(ANNA, { ...toMunicipality(created.id), toRole: 'DEBT_COUNSELLING' });
    expect(role.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toRole: 'Deze organisatie kan alleen verwezen worden als gemeente.' },
    });
    const self = await refer(ANNA, {
      ...toMunicipality(created.id),
      toOrgId: DEMO_ORG.delinde,
      toRole: 'REFERRER',
    });
    expect(self.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'toOrgId', code: 'OWN_ORGANIZATION', params: {} }],
    });
    expect(await snapshot(created.id)).toEqual(before);

    const { referCase } = ok(await refer(ANNA, { ...toMunicipality(created.id), respondBy: due }));
    expect(referCase.respondBy).toBe(due);
    const again = await refer(ANNA, toMunicipality(created.id));
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toOrgId: expect.any(String) as unknown },
    });
    expect(again.errors![0]!.message).toBe('Er staat al een verwijzing naar deze organisatie open.');
  });

  it('refuses a referral that travels along no agreement, and changes nothing', async () => {
    // Woonbron Oost shares an agreement with the municipality only: not with Kredietbank, not with De Linde.
    const created = await createCaseIn(database.dataSource, {
      status: 'SIGNALLED',
      corporation: 'woonbronoost',
    });
    const before = await snapshot(created.id);
    const toBank = await refer(BRAM, toKredietbank(created.id));
    expect(toBank.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toOrgId: 'Jouw organisatie heeft met deze organisatie geen geldig convenant.' },
      fieldIssues: [{ field: 'toOrgId', code: 'NO_AGREEMENT', params: {} }],
    });
    const toOtherCorporation = await refer(BRAM, {
      ...toMunicipality(created.id),
      toOrgId: DEMO_ORG.delinde,
      toRole: 'REFERRER',
    });
    expect(toOtherCorporation.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const unknown = await refer(BRAM, {
      ...toKredietbank(created.id),
      toOrgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(created.id)).toEqual(before);
    expect(before).toMatchObject({
      status: 'SIGNALLED',
      version: 1,
      referrals: '',
      participants: 'REFERRER,MUNICIPALITY',
    });
  });

  it('needs an agreement that is valid today, with both organisations as parties', async () => {
    const bank = await createOrganization(database.dataSource, 'DEBT_COUNSELLING', 'Schuldhulp Noord');
    const today = testToday();
    const agreementWith = async (validFrom: string, validUntil: string | null) => {
      const [agreement] = await database.query<{ id: string }>(
        `INSERT INTO data_sharing_agreement (name, region_code, valid_from, valid_until, referral_respond_within_working_days)
         VALUES ('Proefconvenant', '9999', $1, $2, 10) RETURNING id`,
        [validFrom, validUntil],
      );
      await database.query(
        `INSERT INTO data_sharing_agreement_party (agreement_id, organization_id) VALUES ($1, $2), ($1, $3)`,
        [agreement!.id, DEMO_ORG.rivierstad, bank.id],
      );
      return agreement!.id;
    };
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const input = { ...toKredietbank(created.id), toOrgId: bank.id };

    const ended = await agreementWith(addCalendarDays(today, -400), addCalendarDays(today, -1));
    const future = await agreementWith(addCalendarDays(today, 1), null);
    expect((await refer(MEHMET, input)).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    await database.query(`DELETE FROM data_sharing_agreement WHERE id = ANY($1::uuid[])`, [[ended, future]]);

    await agreementWith(addCalendarDays(today, -30), today);
    const { referCase } = ok(await refer(MEHMET, input));
    expect(referCase.respondBy).toBe(referralRespondBy(today, { referralRespondWithinWorkingDays: 10 }));
  });

  it('carries a case along the chain corporation → municipality → Kredietbank, each recipient joining the case', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'PRE_SIGNAL' });
    expect((await view(MEHMET, created.id)).errors![0]!.extensions!.code).toBe('NOT_FOUND');

    // The corporation refers before any signal: the municipality joins in the role it is referred as.
    const toGemeente = ok(await refer(ANNA, toMunicipality(created.id))).referCase;
    expect(await snapshot(created.id)).toMatchObject({
      status: 'REFERRED',
      participants: 'REFERRER,MUNICIPALITY',
    });
    const beforeDeciding = ok(await view(MEHMET, created.id)).case;
    expect(beforeDeciding).toMatchObject({ status: 'REFERRED', contact: null });
    expect(beforeDeciding.referrals).toEqual([
      {
        id: toGemeente.id,
        status: 'PENDING',
        message: 'Huurder wil hulp bij de huurachterstand. Graag contact opnemen.',
        declineReason: null,
        from: { name: 'Woonstichting De Linde' },
        to: { name: 'Gemeente Rivierstad' },
      },
    ]);
    expect(beforeDeciding.access.find((entry) => entry.category === 'CONTACT')).toMatchObject({
      allowed: false,
      reason: 'NO_CONSENT',
    });

    // Accepting it is taking up contact; the corporation sees the loop close.
    const accepted = ok(await respond(MEHMET, { referralId: toGemeente.id, accept: true })).respondToReferral;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.respondedAt).not.toBeNull();
    const forAnna = ok(await view(ANNA, created.id)).case;
    expect(forAnna).toMatchObject({ status: null, coarseStatus: 'IN_PROGRESS' });
    expect(forAnna.referrals.map((referral) => referral.status)).toEqual(['ACCEPTED']);

    // The municipality forwards to debt counselling: Kredietbank joins.
    const toBank = ok(await refer(MEHMET, toKredietbank(created.id))).referCase;
    expect(await snapshot(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      participants: 'REFERRER,MUNICIPALITY,DEBT_COUNSELLING',
    });
    const forSanne = ok(await view(SANNE, created.id)).case;
    expect(forSanne.referrals.map((referral) => `${referral.from.name} → ${referral.to.name}`)).toEqual([
      'Gemeente Rivierstad → Kredietbank Rivierstad',
    ]);
    ok(await respond(SANNE, { referralId: toBank.id, accept: true }));

    // The corporation sees its own referral, not the one onwards, and no debt-counselling partner.
    const afterChain = ok(await view(ANNA, created.id)).case;
    expect(afterChain.referrals.map((referral) => referral.id)).toEqual([toGemeente.id]);
    expect(afterChain.participants.map((participant) => participant.role)).not.toContain('DEBT_COUNSELLING');
    expect(ok(await view(MEHMET, created.id)).case.referrals.map((referral) => referral.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
    ]);
    expect(await snapshot(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      referrals: 'ACCEPTED,ACCEPTED',
    });
    expect(await writes(created.id)).toEqual([
      'CREATE referral',
      'UPDATE case REFERRED',
      'UPDATE referral ACCEPTED',
      'UPDATE case IN_CONTACT',
      'CREATE referral',
      'UPDATE referral ACCEPTED',
    ]);
  });

  it('declines only with a reason, and the recipient leaves a case it has no other reason to be on', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const { referCase } = ok(await refer(MEHMET, toKredietbank(created.id)));
    const before = await snapshot(created.id);

    const noReason = await respond(SANNE, { referralId: referCase.id, accept: false, declineReason: '  ' });
    expect(noReason.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { declineReason: 'Vul dit in.' },
      fieldIssues: [{ field: 'declineReason', code: 'REQUIRED', params: {} }],
    });
    expect(await snapshot(created.id)).toEqual(before);

    const declined = ok(
      await respond(SANNE, {
        referralId: referCase.id,
        accept: false,
        declineReason: 'Inkomen is voldoende; een betalingsregeling volstaat.',
      }),
    ).respondToReferral;
    expect(declined).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Inkomen is voldoende; een betalingsregeling volstaat.',
    });
    expect(await snapshot(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      participants: 'REFERRER,MUNICIPALITY',
    });
    expect((await view(SANNE, created.id)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(ok(await view(MEHMET, created.id)).case.referrals).toMatchObject([
      { status: 'DECLINED', declineReason: 'Inkomen is voldoende; een betalingsregeling volstaat.' },
    ]);
    const [answer] = await database.query<{ responded_by_id: string; responded_at: Date }>(
      `SELECT responded_by_id, responded_at FROM referral WHERE id = $1`,
      [referCase.id],
    );
    expect(answer!.responded_by_id).toBe(demoUserId(SANNE));
    const [audit] = await database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`,
      [referCase.id],
    );
    expect(audit!.details).toMatchObject({ status: 'DECLINED', recipientLeft: true });
  });

  it('keeps a municipality that declines on the case when it received the signal, and answers only once', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const { referCase } = ok(await refer(ANNA, toMunicipality(created.id)));
    ok(
      await respond(MEHMET, {
        referralId: referCase.id,
        accept: false,
        declineReason: 'Al bekend bij schuldhulp.',
      }),
    );
    expect(await snapshot(created.id)).toMatchObject({
      status: 'REFERRED',
      participants: 'REFERRER,MUNICIPALITY',
    });
    const [audit] = await database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`,
      [referCase.id],
    );
    expect(audit!.details).toMatchObject({ status: 'DECLINED', recipientLeft: false });
    const again = await respond(MEHMET, { referralId: referCase.id, accept: true });
    expect(again.errors![0]!.message).toBe('Deze verwijzing is al afgewezen.');
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { referralId: 'Status: DECLINED.' },
    });
    expect(await snapshot(created.id)).toMatchObject({ status: 'REFERRED', referrals: 'DECLINED' });
  });

  it('lets only the recipient answer and only the sender withdraw', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const { referCase } = ok(await refer(MEHMET, toKredietbank(created.id)));
    const before = await snapshot(created.id);
    const bySender = await respond(MEHMET, { referralId: referCase.id, accept: true });
    expect(bySender.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    const byRecipient = await withdraw(SANNE, referCase.id);
    expect(byRecipient.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    for (const email of [BRAM, ANNA, 'privacy@rivierstad.example']) {
      const outsider = await respond(email, { referralId: referCase.id, accept: true });
      expect(outsider.errors![0]!.extensions, email).toEqual({ code: 'NOT_FOUND' });
      expect(outsider.errors![0]!.message).toBe('Verwijzing niet gevonden.');
    }
    expect(await snapshot(created.id)).toEqual(before);
    const denied = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'ACCESS_DENIED' AND entity_type = 'referral' AND entity_id = $1`,
      [referCase.id],
    );
    expect(denied[0]!.n).toBe(5);
  });

  it('withdraws a pending referral: the recipient leaves, and a second withdrawal names the status', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const { referCase } = ok(await refer(MEHMET, toKredietbank(created.id)));
    expect(await snapshot(created.id)).toMatchObject({
      participants: 'REFERRER,MUNICIPALITY,DEBT_COUNSELLING',
    });
    const withdrawn = ok(await withdraw(MEHMET, referCase.id)).withdrawReferral;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(await snapshot(created.id)).toMatchObject({
      participants: 'REFERRER,MUNICIPALITY',
      referrals: 'WITHDRAWN',
    });
    const again = await withdraw(MEHMET, referCase.id);
    expect(again.errors![0]!.message).toBe('Deze verwijzing is al ingetrokken.');
    expect(await writes(created.id)).toEqual(['CREATE referral', 'UPDATE referral WITHDRAWN']);
  });

  it('expires unanswered referrals as the system, once', async () => {
    const today = testToday();
    const overdue = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const dueToday = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const late = ok(await refer(MEHMET, toKredietbank(overdue.id))).referCase;
    const onTime = ok(await refer(MEHMET, toKredietbank(dueToday.id))).referCase;
    await database.query(`UPDATE referral SET respond_by = $2::date WHERE id = $1`, [
      late.id,
      addCalendarDays(today, -1),
    ]);
    await database.query(`UPDATE referral SET respond_by = $2::date WHERE id = $1`, [onTime.id, today]);
    const [pending] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM referral WHERE status = 'PENDING' AND respond_by < $1::date`,
      [today],
    );

    const now = new Date(TEST_NOW);
    expect(await expireReferrals(new SystemDatabase(database.dataSource), now)).toEqual({
      expired: pending!.n,
      complete: true,
    });
    expect(pending!.n).toBeGreaterThanOrEqual(1);
    const [expired] = await database.query<{
      status: string;
      responded_at: Date;
      responded_by_id: string | null;
    }>(`SELECT status, responded_at, responded_by_id FROM referral WHERE id = $1`, [late.id]);
    expect(expired).toEqual({ status: 'EXPIRED', responded_at: now, responded_by_id: null });
    expect(await snapshot(overdue.id)).toMatchObject({
      participants: 'REFERRER,MUNICIPALITY',
      status: 'IN_CONTACT',
    });
    expect(await snapshot(dueToday.id)).toMatchObject({
      referrals: 'PENDING',
      participants: 'REFERRER,MUNICIPALITY,DEBT_COUNSELLING',
    });
    const events = await database.query<{
      actor_user_id: string | null;
      actor_org_id: string | null;
      request_id: string;
    }>(
      `SELECT actor_user_id, actor_org_id, request_id FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`,
      [late.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: null, actor_org_id: null });
    expect(events[0]!.request_id).toMatch(/^system-expire-referrals-/);

    // Idempotent: nothing left to expire, nothing written.
    expect(await expireReferrals(new SystemDatabase(database.dataSource), new Date(TEST_NOW))).toEqual({
      expired: 0,
      complete: true,
    });
    expect(
      await database.query(`SELECT 1 FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`, [late.id]),
    ).toHaveLength(1);
    const closedLoop = ok(await view(MEHMET, overdue.id)).case.referrals;
    expect(closedLoop.map((referral) => referral.status)).toEqual(['EXPIRED']);
  });
});
