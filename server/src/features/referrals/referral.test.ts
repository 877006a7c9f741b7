import { addCalendarDays, referralRespondBy } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemDatabase } from '../../core/db/gateway.js';
import { CaseFactory } from '../../testing/case-factories.js';
import { createOrganization, createRegion, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import type { ReferCaseInput, RespondToReferralInput } from '../../testing/gql/graphql.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { dataOf, startTestApp, type TestApp } from '../../testing/test-app.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';
import { expireReferrals } from './referral-expiry.js';

const REFER = graphql(`
  mutation ReferralRefer($input: ReferCaseInput!) {
    referCase(input: $input) {
      ...ReferralFields
    }
  }
  fragment ReferralFields on Referral {
    id
    status
    message
    respondBy
    respondedAt
    declineReason
    toRole
    from {
      name
    }
    to {
      name
    }
  }
`);
const RESPOND = graphql(`
  mutation ReferralRespond($input: RespondToReferralInput!) {
    respondToReferral(input: $input) {
      ...ReferralFields
    }
  }
`);
const WITHDRAW = graphql(`
  mutation ReferralWithdraw($input: WithdrawReferralInput!) {
    withdrawReferral(input: $input) {
      ...ReferralFields
    }
  }
`);
const CASE = graphql(`
  query ReferralCase($id: ID!) {
    case(id: $id) {
      status
      coarseStatus
      participants {
        role
        organization {
          name
        }
      }
      referrals {
        id
        status
        message
        declineReason
        from {
          name
        }
        to {
          name
        }
      }
      contact {
        surname
      }
      access {
        category
        allowed
        reason
      }
    }
  }
`);

describe('referrals, closed loop', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The corporation's case worker, the municipality's and the debt-counselling organisation's counsellors. */
  let anna: Member;
  let mehmet: Member;
  let sanne: Member;

  const refer = async (member: Member, input: ReferCaseInput) =>
    (await factory.as(member)).gql(REFER, { input });
  const respond = async (member: Member, input: RespondToReferralInput) =>
    (await factory.as(member)).gql(RESPOND, { input });
  const withdraw = async (member: Member, referralId: string) =>
    (await factory.as(member)).gql(WITHDRAW, { input: { referralId } });
  const view = async (member: Member, id: string) => (await factory.as(member)).gql(CASE, { id });

  /** A signalled case the municipality took up itself: corporation and municipality on it, IN_CONTACT. */
  async function inContact(): Promise<{ id: string }> {
    const created = await factory.signalledCase();
    await factory.transition(created.id, mehmet, 'IN_CONTACT');
    return created;
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

  /** The case's audited writes, in order: the set-up's included, so tests compare what follows it. */
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
  ): ReferCaseInput => ({
    caseId,
    toOrgId: region.municipality.organization.id,
    toRole: 'MUNICIPALITY',
    message,
  });
  const toKredietbank = (caseId: string): ReferCaseInput => ({
    caseId,
    toOrgId: region.debtCounselling.organization.id,
    toRole: 'DEBT_COUNSELLING',
    message: 'Graag budgetbeheer en stabilisatie oppakken.',
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    anna = region.corporation.caseWorker;
    mehmet = region.municipality.counsellor;
    sanne = region.debtCounselling.counsellor;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('refers a signalled case along the agreement: pending, due in five working days, and the case is referred', async () => {
    const created = await factory.signalledCase();
    const before = await snapshot(created.id);
    const setUpWrites = (await writes(created.id)).length;
    const { referCase } = dataOf(await refer(anna, toMunicipality(created.id)));
    expect(referCase).toMatchObject({
      status: 'PENDING',
      respondBy: referralRespondBy(testToday(), { referralRespondWithinWorkingDays: 5 }),
      respondedAt: null,
      toRole: 'MUNICIPALITY',
      from: { name: region.corporation.organization.name },
      to: { name: region.municipality.organization.name },
    });
    expect(await snapshot(created.id)).toMatchObject({
      status: 'REFERRED',
      version: before.version + 1,
      transitions: before.transitions + 1,
      referrals: 'PENDING',
    });
    const [moved] = await database.query<{ via: string; by_user_id: string }>(
      `SELECT via, by_user_id FROM case_transition WHERE case_id = $1 AND to_status = 'REFERRED'`,
      [created.id],
    );
    expect(moved).toEqual({ via: 'referCase', by_user_id: anna.id });
    expect((await writes(created.id)).slice(setUpWrites)).toEqual([
      'CREATE referral',
      'UPDATE case REFERRED',
    ]);

    // Closed loop: both ends see it.
    for (const member of [anna, mehmet]) {
      const { case: seen } = dataOf(await view(member, created.id));
      expect(seen.referrals.map((referral) => referral.status)).toEqual(['PENDING']);
    }
  });

  it('takes an explicit respond-by date, and refuses input that does not add up, per field', async () => {
    const created = await factory.signalledCase();
    const due = addCalendarDays(testToday(), 3);
    const before = await snapshot(created.id);
    const wrong = await refer(anna, {
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
    const role = await refer(anna, { ...toMunicipality(created.id), toRole: 'DEBT_COUNSELLING' });
    expect(role.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toRole: 'Deze organisatie kan alleen verwezen worden als gemeente.' },
    });
    const self = await refer(anna, {
      ...toMunicipality(created.id),
      toOrgId: region.corporation.organization.id,
      toRole: 'REFERRER',
    });
    expect(self.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'toOrgId', code: 'OWN_ORGANIZATION', params: {} }],
    });
    expect(await snapshot(created.id)).toEqual(before);

    const { referCase } = dataOf(await refer(anna, { ...toMunicipality(created.id), respondBy: due }));
    expect(referCase.respondBy).toBe(due);
    const again = await refer(anna, toMunicipality(created.id));
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toOrgId: expect.any(String) as unknown },
    });
    expect(again.errors![0]!.message).toBe('Er staat al een verwijzing naar deze organisatie open.');
  });

  it('refuses a referral that travels along no agreement, and changes nothing', async () => {
    // The corporation shares an agreement with the municipality only: not with the debt-counselling
    // organisation, not with the other corporation of the region.
    const created = await factory.signalledCase();
    const before = await snapshot(created.id);
    const toBank = await refer(anna, toKredietbank(created.id));
    expect(toBank.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { toOrgId: 'Jouw organisatie heeft met deze organisatie geen geldig convenant.' },
      fieldIssues: [{ field: 'toOrgId', code: 'NO_AGREEMENT', params: {} }],
    });
    const toOtherCorporation = await refer(anna, {
      ...toMunicipality(created.id),
      toOrgId: region.stranger.organization.id,
      toRole: 'REFERRER',
    });
    expect(toOtherCorporation.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const unknown = await refer(anna, {
      ...toKredietbank(created.id),
      toOrgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await snapshot(created.id)).toEqual(before);
    expect(before).toMatchObject({
      status: 'SIGNALLED',
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
         VALUES ('Proefconvenant', $3, $1, $2, 10) RETURNING id`,
        [validFrom, validUntil, region.code],
      );
      await database.query(
        `INSERT INTO data_sharing_agreement_party (agreement_id, organization_id) VALUES ($1, $2), ($1, $3)`,
        [agreement!.id, region.municipality.organization.id, bank.id],
      );
      return agreement!.id;
    };
    const created = await inContact();
    const input = { ...toKredietbank(created.id), toOrgId: bank.id };

    const ended = await agreementWith(addCalendarDays(today, -400), addCalendarDays(today, -1));
    const future = await agreementWith(addCalendarDays(today, 1), null);
    expect((await refer(mehmet, input)).errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    await database.query(`DELETE FROM data_sharing_agreement WHERE id = ANY($1::uuid[])`, [[ended, future]]);

    await agreementWith(addCalendarDays(today, -30), today);
    const { referCase } = dataOf(await refer(mehmet, input));
    expect(referCase.respondBy).toBe(referralRespondBy(today, { referralRespondWithinWorkingDays: 10 }));
  });

  it('carries a case along the chain corporation → municipality → Kredietbank, each recipient joining the case', async () => {
    const created = await factory.openCase();
    const setUpWrites = (await writes(created.id)).length;
    expect((await view(mehmet, created.id)).errors![0]!.extensions!.code).toBe('NOT_FOUND');

    // The corporation refers before any signal: the municipality joins in the role it is referred as.
    const toGemeente = dataOf(await refer(anna, toMunicipality(created.id))).referCase;
    expect(await snapshot(created.id)).toMatchObject({
      status: 'REFERRED',
      participants: 'REFERRER,MUNICIPALITY',
    });
    const beforeDeciding = dataOf(await view(mehmet, created.id)).case;
    expect(beforeDeciding).toMatchObject({ status: 'REFERRED', contact: null });
    expect(beforeDeciding.referrals).toEqual([
      {
        id: toGemeente.id,
        status: 'PENDING',
        message: 'Huurder wil hulp bij de huurachterstand. Graag contact opnemen.',
        declineReason: null,
        from: { name: region.corporation.organization.name },
        to: { name: region.municipality.organization.name },
      },
    ]);
    expect(beforeDeciding.access.find((entry) => entry.category === 'CONTACT')).toMatchObject({
      allowed: false,
      reason: 'NO_CONSENT',
    });

    // Accepting it is taking up contact; the corporation sees the loop close.
    const accepted = dataOf(
      await respond(mehmet, { referralId: toGemeente.id, accept: true }),
    ).respondToReferral;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.respondedAt).not.toBeNull();
    const forAnna = dataOf(await view(anna, created.id)).case;
    expect(forAnna).toMatchObject({ status: null, coarseStatus: 'IN_PROGRESS' });
    expect(forAnna.referrals.map((referral) => referral.status)).toEqual(['ACCEPTED']);

    // The municipality forwards to debt counselling: Kredietbank joins.
    const toBank = dataOf(await refer(mehmet, toKredietbank(created.id))).referCase;
    expect(await snapshot(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      participants: 'REFERRER,MUNICIPALITY,DEBT_COUNSELLING',
    });
    const forSanne = dataOf(await view(sanne, created.id)).case;
    expect(forSanne.referrals.map((referral) => [referral.from.name, referral.to.name])).toEqual([
      [region.municipality.organization.name, region.debtCounselling.organization.name],
    ]);
    dataOf(await respond(sanne, { referralId: toBank.id, accept: true }));

    // The corporation sees its own referral, not the one onwards, and no debt-counselling partner.
    const afterChain = dataOf(await view(anna, created.id)).case;
    expect(afterChain.referrals.map((referral) => referral.id)).toEqual([toGemeente.id]);
    expect(afterChain.participants.map((participant) => participant.role)).not.toContain('DEBT_COUNSELLING');
    expect(dataOf(await view(mehmet, created.id)).case.referrals.map((referral) => referral.status)).toEqual([
      'ACCEPTED',
      'ACCEPTED',
    ]);
    expect(await snapshot(created.id)).toMatchObject({
      status: 'IN_CONTACT',
      referrals: 'ACCEPTED,ACCEPTED',
    });
    expect((await writes(created.id)).slice(setUpWrites)).toEqual([
      'CREATE referral',
      'UPDATE case REFERRED',
      'UPDATE referral ACCEPTED',
      'UPDATE case IN_CONTACT',
      'CREATE referral',
      'UPDATE referral ACCEPTED',
    ]);
  });

  it('declines only with a reason, and the recipient leaves a case it has no other reason to be on', async () => {
    const created = await inContact();
    const { referCase } = dataOf(await refer(mehmet, toKredietbank(created.id)));
    const before = await snapshot(created.id);

    const noReason = await respond(sanne, { referralId: referCase.id, accept: false, declineReason: '  ' });
    expect(noReason.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fieldErrors: { declineReason: 'Vul dit in.' },
      fieldIssues: [{ field: 'declineReason', code: 'REQUIRED', params: {} }],
    });
    expect(await snapshot(created.id)).toEqual(before);

    const declined = dataOf(
      await respond(sanne, {
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
    expect((await view(sanne, created.id)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(dataOf(await view(mehmet, created.id)).case.referrals).toMatchObject([
      { status: 'DECLINED', declineReason: 'Inkomen is voldoende; een betalingsregeling volstaat.' },
    ]);
    const [answer] = await database.query<{ responded_by_id: string; responded_at: Date }>(
      `SELECT responded_by_id, responded_at FROM referral WHERE id = $1`,
      [referCase.id],
    );
    expect(answer!.responded_by_id).toBe(sanne.id);
    const [audit] = await database.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`,
      [referCase.id],
    );
    expect(audit!.details).toMatchObject({ status: 'DECLINED', recipientLeft: true });
  });

  it('keeps a municipality that declines on the case when it received the signal, and answers only once', async () => {
    const created = await factory.signalledCase();
    const { referCase } = dataOf(await refer(anna, toMunicipality(created.id)));
    dataOf(
      await respond(mehmet, {
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
    const again = await respond(mehmet, { referralId: referCase.id, accept: true });
    expect(again.errors![0]!.message).toBe('Deze verwijzing is al afgewezen.');
    expect(again.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { referralId: 'Status: DECLINED.' },
    });
    expect(await snapshot(created.id)).toMatchObject({ status: 'REFERRED', referrals: 'DECLINED' });
  });

  it('lets only the recipient answer and only the sender withdraw', async () => {
    const created = await inContact();
    const { referCase } = dataOf(await refer(mehmet, toKredietbank(created.id)));
    const before = await snapshot(created.id);
    const bySender = await respond(mehmet, { referralId: referCase.id, accept: true });
    expect(bySender.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    const byRecipient = await withdraw(sanne, referCase.id);
    expect(byRecipient.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    for (const member of [region.stranger.caseWorker, anna, region.municipality.privacyOfficer]) {
      const outsider = await respond(member, { referralId: referCase.id, accept: true });
      expect(outsider.errors![0]!.extensions, member.displayName).toEqual({ code: 'NOT_FOUND' });
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
    const created = await inContact();
    const setUpWrites = (await writes(created.id)).length;
    const { referCase } = dataOf(await refer(mehmet, toKredietbank(created.id)));
    expect(await snapshot(created.id)).toMatchObject({
      participants: 'REFERRER,MUNICIPALITY,DEBT_COUNSELLING',
    });
    const withdrawn = dataOf(await withdraw(mehmet, referCase.id)).withdrawReferral;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(await snapshot(created.id)).toMatchObject({
      participants: 'REFERRER,MUNICIPALITY',
      referrals: 'WITHDRAWN',
    });
    const again = await withdraw(mehmet, referCase.id);
    expect(again.errors![0]!.message).toBe('Deze verwijzing is al ingetrokken.');
    expect((await writes(created.id)).slice(setUpWrites)).toEqual([
      'CREATE referral',
      'UPDATE referral WITHDRAWN',
    ]);
  });

  it('expires unanswered referrals as the system, once', async () => {
    const today = testToday();
    const overdue = await inContact();
    const dueToday = await inContact();
    const late = dataOf(await refer(mehmet, toKredietbank(overdue.id))).referCase;
    const onTime = dataOf(await refer(mehmet, toKredietbank(dueToday.id))).referCase;
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
    const closedLoop = dataOf(await view(mehmet, overdue.id)).case.referrals;
    expect(closedLoop.map((referral) => referral.status)).toEqual(['EXPIRED']);
  });
});
