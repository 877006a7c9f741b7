import { randomBytes } from 'node:crypto';
import {
  accessDecisionDueBy,
  addCalendarDays,
  addWorkingDays,
  compareCalendarDates,
  consentLastValidOn,
  firstContactDueBy,
  firstConversationDueBy,
  workingDaysBetween,
  type CaseStatus,
  type ParticipantRole,
} from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../testing/factories.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { demoId } from '../demo/demo-ids.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import type { Organization } from '../organizations/organization.entity.js';
import { recordDeadlineAlerts } from './deadline.service.js';
import type { SettableClock } from '../../core/clock.js';
import { daysFromTestNow, stoppedTestClock, TEST_NOW, testToday } from '../../testing/test-clock.js';

interface Deadline {
  caseId: string;
  caseReference: string;
  kind: string;
  dueOn: string;
  state: 'OVERDUE' | 'DUE_SOON' | 'UPCOMING';
  workingDaysLeft: number;
  description: string;
}

const MY_DEADLINES = `query ($within: Int) {
  myDeadlines(withinWorkingDays: $within) { caseId caseReference kind dueOn state workingDaysLeft description }
}`;

const ORG = {
  delinde: demoId('org:delinde'),
  rivierstad: demoId('org:rivierstad'),
  kredietbank: demoId('org:kredietbank'),
};
const USER = {
  anna: demoId('user:anna@delinde.example'),
  mehmet: demoId('user:mehmet@rivierstad.example'),
  sanne: demoId('user:sanne@kredietbank.example'),
};

describe('my deadlines (termijnen)', () => {
  let database: TestDatabase;
  let app: TestApp;
  // The work list is read at one moment that stands still: TEST_NOW (VANGNET_TEST_NOW or the real time),
  // unless a test sets another one.
  const clock: SettableClock = stoppedTestClock();
  const clients = new Map<string, TestClient>();
  const today = testToday();
  let caseCounter = 0;
  let colleagueId: string;
  let colleagueEmail: string;

  async function as(email: string, password = 'vangnet-demo'): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email, password)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  async function deadlinesOf(email: string, within?: number, password?: string): Promise<Deadline[]> {
    const result = await (
      await as(email, password)
    ).gql<{ myDeadlines: Deadline[] }>(MY_DEADLINES, within === undefined ? {} : { within });
    expect(result.errors).toBeUndefined();
    return result.data!.myDeadlines;
  }

  /** A case of Woonstichting De Linde with the given participants and assignees. */
  async function openCase(options: {
    status: CaseStatus;
    participants: [string, ParticipantRole][];
    assignees?: [string, string][];
    crisis?: boolean;
    helpRequestedAt?: Date;
    firstConversationAt?: Date;
  }): Promise<{ id: string; reference: string; tenantId: string }> {
    caseCounter += 1;
    const [tenant] = await database.query<{ id: string }>(
      `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, municipality_code, origin_org_id)
       VALUES ('T.', 'Termijn', 'Klokstraat', $1, '9999ZZ', 'Rivierstad', '9999', $2) RETURNING id`,
      [caseCounter, ORG.delinde],
    );
    const reference = `VN-2099-${String(900_000 + caseCounter)}`;
    const [row] = await database.query<{ id: string }>(
      `INSERT INTO case_file (reference, tenant_id, origin_org_id, status, crisis, help_requested_at, first_conversation_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        reference,
        tenant!.id,
        ORG.delinde,
        options.status,
        options.crisis ?? false,
        options.helpRequestedAt ?? null,
        options.firstConversationAt ?? null,
      ],
    );
    for (const [organizationId, role] of options.participants)
      await database.query(
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, $3)`,
        [row!.id, organizationId, role],
      );
    for (const [organizationId, userId] of options.assignees ?? [])
      await database.query(
        `INSERT INTO case_assignee (case_id, organization_id, user_id) VALUES ($1, $2, $3)`,
        [row!.id, organizationId, userId],
      );
    return { id: row!.id, reference, tenantId: tenant!.id };
  }

  async function refer(caseId: string, respondBy: string): Promise<void> {
    await database.query(
      `INSERT INTO referral (case_id, from_org_id, to_org_id, to_role, message, respond_by, created_by_id)
       VALUES ($1, $2, $3, 'MUNICIPALITY', 'Graag contact opnemen.', $4, $5)`,
      [caseId, ORG.delinde, ORG.rivierstad, respondBy, USER.anna],
    );
  }

  const referredToRivierstad = (assignees: [string, string][]) =>
    openCase({
      status: 'REFERRED',
      participants: [
        [ORG.delinde, 'REFERRER'],
        [ORG.rivierstad, 'MUNICIPALITY'],
      ],
      assignees,
    });

  const ofCase = (deadlines: Deadline[], caseId: string) =>
    deadlines.filter((item) => item.caseId === caseId);

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: randomBytes(32), today: TEST_NOW });
    app = await startTestApp(database.dataSource, { clock });
    const colleague = await createUser(database.dataSource, {
      memberships: [{ organization: { id: ORG.rivierstad } as Organization, role: 'DEBT_COUNSELLOR' }],
    });
    colleagueId = colleague.id;
    colleagueEmail = colleague.email;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('shows mehmet a pending referral to Gemeente Rivierstad with its respond-by, and not anna of the referrer', async () => {
    const respondBy = addWorkingDays(today, 3);
    const referred = await referredToRivierstad([
      [ORG.delinde, USER.anna],
      [ORG.rivierstad, USER.mehmet],
    ]);
    await refer(referred.id, respondBy);

    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), referred.id)).toEqual([
      {
        caseId: referred.id,
        caseReference: referred.reference,
        kind: 'REFERRAL_RESPONSE',
        dueOn: respondBy,
        state: 'DUE_SOON',
        workingDaysLeft: 3,
        description: 'Reageer op de verwijzing van Woonstichting De Linde',
      },
    ]);
    // Anna works the case for De Linde, but answering the referral is not her organisation's work.
    expect(ofCase(await deadlinesOf('anna@delinde.example'), referred.id)).toEqual([]);
  });

  it('never shows a deadline of a case I may not read; a team lead sees those of colleagues, a case worker not', async () => {
    const colleagues = await referredToRivierstad([
      [ORG.delinde, USER.anna],
      [ORG.rivierstad, colleagueId],
    ]);
    await refer(colleagues.id, addWorkingDays(today, -2));

    // Mehmet may not read a case assigned to a colleague: its deadline never reaches him.
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example', 60), colleagues.id)).toEqual([]);
    // Bram of Woonbron Oost takes no part in the case at all.
    expect(ofCase(await deadlinesOf('bram@woonbronoost.example', 60), colleagues.id)).toEqual([]);
    // The colleague and Lotte, team lead of Gemeente Rivierstad, see it — overdue by two working days.
    const forLotte = ofCase(await deadlinesOf('lotte@rivierstad.example'), colleagues.id);
    expect(forLotte.map(({ kind, state, workingDaysLeft }) => ({ kind, state, workingDaysLeft }))).toEqual([
      { kind: 'REFERRAL_RESPONSE', state: 'OVERDUE', workingDaysLeft: -2 },
    ]);
    expect(
      ofCase(await deadlinesOf(colleagueEmail, undefined, 'correct horse battery staple'), colleagues.id),
    ).toHaveLength(1);
    // A privacy officer reads no case content, so no work list either.
    expect(await deadlinesOf('privacy@rivierstad.example')).toEqual([]);
  });

  it('lists overdue work first, then by due date', async () => {
    const late = await referredToRivierstad([[ORG.rivierstad, USER.mehmet]]);
    await refer(late.id, addWorkingDays(today, -1));
    const soon = await referredToRivierstad([[ORG.rivierstad, USER.mehmet]]);
    await refer(soon.id, today);

    const list = await deadlinesOf('mehmet@rivierstad.example');
    const mine = list.filter((item) => item.caseId === late.id || item.caseId === soon.id);
    expect(mine.map((item) => [item.caseId, item.state, item.workingDaysLeft])).toEqual([
      [late.id, 'OVERDUE', -1],
      [soon.id, 'DUE_SOON', 0],
    ]);
    const firstNotOverdue = list.findIndex((item) => item.state !== 'OVERDUE');
    expect(list.slice(firstNotOverdue).every((item) => item.state === 'DUE_SOON')).toBe(true);
    for (const group of [list.slice(0, firstNotOverdue), list.slice(firstNotOverdue)])
      for (let index = 1; index < group.length; index += 1)
        expect(compareCalendarDates(group[index - 1]!.dueOn, group[index]!.dueOn)).toBeLessThanOrEqual(0);
  });

  it('gives the first conversation 3 working days in a crisis, and 4 weeks otherwise', async () => {
    const helpRequestedAt = daysFromTestNow(-1);
    const inContact = (crisis: boolean) =>
      openCase({
        status: 'IN_CONTACT',
        crisis,
        helpRequestedAt,
        participants: [
          [ORG.delinde, 'REFERRER'],
          [ORG.rivierstad, 'MUNICIPALITY'],
        ],
        assignees: [[ORG.rivierstad, USER.mehmet]],
      });
    const crisis = await inContact(true);
    const ordinary = await inContact(false);

    const list = await deadlinesOf('mehmet@rivierstad.example');
    const crisisDue = firstConversationDueBy(helpRequestedAt, true);
    expect(ofCase(list, crisis.id)).toEqual([
      expect.objectContaining({
        kind: 'FIRST_CONVERSATION',
        dueOn: crisisDue,
        state: 'DUE_SOON',
        description: 'Voer het eerste gesprek met de huurder. Er is een crisis: dit moet binnen 3 werkdagen',
      }),
    ]);
    expect(workingDaysBetween(helpRequestedAt, crisisDue)).toBe(3);
    // The same help request without a crisis has four weeks: not on the list of the next 10 working days…
    expect(ofCase(list, ordinary.id)).toEqual([]);
    // …but there when looking further ahead.
    const ordinaryDue = firstConversationDueBy(helpRequestedAt, false);
    expect(compareCalendarDates(ordinaryDue, addCalendarDays(helpRequestedAt, 28))).toBeGreaterThanOrEqual(0);
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example', 30), ordinary.id)).toEqual([
      expect.objectContaining({ kind: 'FIRST_CONVERSATION', dueOn: ordinaryDue, state: 'DUE_SOON' }),
    ]);
    // Only the municipality holds this clock.
    expect(ofCase(await deadlinesOf('tom@delinde.example', 60), crisis.id)).toEqual([]);
  });

  it('warns 20 working days before a consent given to my organisation expires', async () => {
    const withConsents = await openCase({
      status: 'INTAKE',
      participants: [
        [ORG.delinde, 'REFERRER'],
        [ORG.rivierstad, 'MUNICIPALITY'],
      ],
      assignees: [[ORG.rivierstad, USER.mehmet]],
    });
    const consent = (validUntil: Date, withdrawn = false) =>
      database.query(
        `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                              wording_version, wording_text, recorded_by_id, recorded_by_org_id, withdrawn_at, withdrawn_by_id, withdrawal_channel)
         VALUES ($1, $2, $3, $4, '{HOUSEHOLD}', $11, $5, 'WRITTEN', 'test-1',
                 'Ik geef toestemming om mijn gegevens te delen.', $6, $7, $8, $9, $10)`,
        [
          withConsents.tenantId,
          withConsents.id,
          ORG.rivierstad,
          withdrawn ? 'EVICTION_PREVENTION' : 'DEBT_ASSISTANCE',
          validUntil,
          USER.mehmet,
          ORG.rivierstad,
          withdrawn ? TEST_NOW : null,
          withdrawn ? USER.mehmet : null,
          withdrawn ? 'WRITTEN' : null,
          daysFromTestNow(-300),
        ],
      );
    // Three weeks from now: more than 10 working days ahead, within the 20 of the consent clock.
    const expiring = daysFromTestNow(21);
    await consent(expiring);
    // A withdrawn consent no longer needs renewing.
    await consent(daysFromTestNow(5), true);

    const lastValidDay = consentLastValidOn(expiring);
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), withConsents.id)).toEqual([
      {
        caseId: withConsents.id,
        caseReference: withConsents.reference,
        kind: 'CONSENT_EXPIRY',
        dueOn: lastValidDay,
        state: 'DUE_SOON',
        workingDaysLeft: workingDaysBetween(today, lastValidDay),
        description: 'De toestemming van de huurder loopt af. Vraag of de huurder die wil verlengen',
      },
    ]);
    expect(workingDaysBetween(today, lastValidDay)).toBeGreaterThan(10);

    // Renewed: a new consent for the same purpose that runs on from it ends the warning.
    await consent(daysFromTestNow(400));
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), withConsents.id)).toEqual([]);
  });

  it('asks for a first contact attempt after a signal, with the municipality’s own number of days', async () => {
    const signalled = await openCase({
      status: 'SIGNALLED',
      participants: [
        [ORG.delinde, 'REFERRER'],
        [ORG.rivierstad, 'MUNICIPALITY'],
      ],
      assignees: [[ORG.rivierstad, USER.mehmet]],
    });
    const signalDate = addCalendarDays(today, -12);
    const [signal] = await database.query<{ id: string }>(
      `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on, sent_by_id)
       VALUES ($1, $2, $3, $4, 120000, $5, $6) RETURNING id`,
      [signalled.id, ORG.delinde, ORG.rivierstad, signalDate, addCalendarDays(today, -90), USER.anna],
    );
    const defaultDue = firstContactDueBy(signalDate);
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), signalled.id)).toEqual([
      expect.objectContaining({
        kind: 'FIRST_CONTACT',
        dueOn: defaultDue,
        state: 'DUE_SOON',
        description: 'Neem contact op met de huurder na het signaal van Woonstichting De Linde',
      }),
    ]);

    // Gemeente Rivierstad works with 7 days: the same signal is now overdue.
    await database.query(
      `INSERT INTO municipality_setting (organization_id, first_contact_calendar_days) VALUES ($1, 7)
       ON CONFLICT (organization_id) DO UPDATE SET first_contact_calendar_days = EXCLUDED.first_contact_calendar_days`,
      [ORG.rivierstad],
    );
    try {
      expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), signalled.id)).toEqual([
        expect.objectContaining({
          kind: 'FIRST_CONTACT',
          dueOn: firstContactDueBy(signalDate, { firstContactCalendarDays: 7 }),
          state: 'OVERDUE',
        }),
      ]);
    } finally {
      await database.query(`DELETE FROM municipality_setting WHERE organization_id = $1`, [ORG.rivierstad]);
    }

    // A contact attempt stops the clock.
    await database.query(
      `INSERT INTO contact_attempt (case_id, signal_id, channel, attempted_on, day_part, reached, origin_org_id, recorded_by_id)
       VALUES ($1, $2, 'PHONE', $3, 'MORNING', false, $4, $5)`,
      [signalled.id, signal!.id, today, ORG.rivierstad, USER.mehmet],
    );
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), signalled.id)).toEqual([]);
  });

  it('asks for the access decision 8 weeks after the first conversation, while in intake', async () => {
    const firstConversationAt = daysFromTestNow(-54);
    const intake = await openCase({
      status: 'INTAKE',
      firstConversationAt,
      helpRequestedAt: daysFromTestNow(-60),
      participants: [
        [ORG.delinde, 'REFERRER'],
        [ORG.rivierstad, 'MUNICIPALITY'],
      ],
      assignees: [[ORG.rivierstad, USER.mehmet]],
    });
    const due = accessDecisionDueBy(firstConversationAt);
    expect(ofCase(await deadlinesOf('mehmet@rivierstad.example'), intake.id)).toEqual([
      expect.objectContaining({
        kind: 'ACCESS_DECISION',
        dueOn: due,
        state: 'DUE_SOON',
        workingDaysLeft: workingDaysBetween(today, due),
      }),
    ]);
  });

  it('alerts every participant of an eviction, and the corporation and municipality of a pause ending', async () => {
    const admitted = await openCase({
      status: 'STABILISATION',
      participants: [
        [ORG.delinde, 'REFERRER'],
        [ORG.rivierstad, 'MUNICIPALITY'],
        [ORG.kredietbank, 'DEBT_COUNSELLING'],
      ],
      assignees: [
        [ORG.delinde, USER.anna],
        [ORG.rivierstad, USER.mehmet],
        [ORG.kredietbank, USER.sanne],
      ],
    });
    const pauseEnds = addWorkingDays(today, 4);
    const eviction = addWorkingDays(today, 12);
    await database.query(
      `INSERT INTO collection_pause (case_id, starts_on, ends_on, reason, origin_org_id) VALUES ($1, $2, $3, 'Adempauze', $4)`,
      [admitted.id, addCalendarDays(today, -60), pauseEnds, ORG.rivierstad],
    );
    await database.query(
      `INSERT INTO collection_step (case_id, kind, step_date, origin_org_id, recorded_by_id) VALUES ($1, 'EVICTION_SCHEDULED', $2, $3, $4)`,
      [admitted.id, eviction, ORG.delinde, USER.anna],
    );
    const kinds = async (email: string) =>
      ofCase(await deadlinesOf(email), admitted.id).map(({ kind, dueOn, workingDaysLeft }) => ({
        kind,
        dueOn,
        workingDaysLeft,
      }));
    const both = [
      { kind: 'PAUSE_END', dueOn: pauseEnds, workingDaysLeft: 4 },
      { kind: 'EVICTION', dueOn: eviction, workingDaysLeft: 12 },
    ];
    expect(await kinds('anna@delinde.example')).toEqual(both);
    expect(await kinds('mehmet@rivierstad.example')).toEqual(both);
    expect(await kinds('sanne@kredietbank.example')).toEqual([
      { kind: 'EVICTION', dueOn: eviction, workingDaysLeft: 12 },
    ]);
  });

  it('counts the working days left the same way on every weekday, the weekend, King’s Day and around New Year', async () => {
    // Referrals due on these days; each is seen from the days below, at 10:00 in Amsterdam. The expected
    // numbers are read off a calendar (docs/workflow.md, "Counting working days"): ahead, the working days
    // after today up to the due day; once passed, the working days after the due day up to the first
    // working day from today on. OVERDUE when negative, else DUE_SOON.
    const dues = {
      thu: '2026-12-10',
      fri: '2026-12-11',
      mon: '2026-12-14',
      tue: '2026-12-15',
      beforeKingsDay: '2026-04-24', // Friday; King's Day is Monday 27 April 2026
      afterKingsDay: '2026-04-28',
      oldYear: '2026-12-30', // Wednesday; Thursday 31 December works, Friday 1 January 2027 does not
      newYear: '2027-01-04',
    } as const;
    const cases = new Map<string, keyof typeof dues>();
    for (const [name, dueOn] of Object.entries(dues) as [keyof typeof dues, string][]) {
      const referred = await referredToRivierstad([[ORG.rivierstad, colleagueId]]);
      await refer(referred.id, dueOn);
      cases.set(referred.id, name);
    }
    const seenOn: [moment: string, expected: Partial<Record<keyof typeof dues, number>>][] = [
      ['2026-12-07T10:00:00+01:00', { thu: 3, fri: 4, mon: 5, tue: 6 }], // Monday
      ['2026-12-08T10:00:00+01:00', { thu: 2, fri: 3, mon: 4, tue: 5 }], // Tuesday
      ['2026-12-09T10:00:00+01:00', { thu: 1, fri: 2, mon: 3, tue: 4 }], // Wednesday
      ['2026-12-10T10:00:00+01:00', { thu: 0, fri: 1, mon: 2, tue: 3 }], // Thursday
      ['2026-12-11T10:00:00+01:00', { thu: -1, fri: 0, mon: 1, tue: 2 }], // Friday
      ['2026-12-12T10:00:00+01:00', { thu: -2, fri: -1, mon: 1, tue: 2 }], // Saturday
      ['2026-12-13T10:00:00+01:00', { thu: -2, fri: -1, mon: 1, tue: 2 }], // Sunday
      ['2026-12-14T10:00:00+01:00', { thu: -2, fri: -1, mon: 0, tue: 1 }], // Monday
      ['2026-04-25T10:00:00+02:00', { beforeKingsDay: -1, afterKingsDay: 1 }], // Saturday before King's Day
      ['2026-04-27T10:00:00+02:00', { beforeKingsDay: -1, afterKingsDay: 1 }], // King's Day
      ['2026-12-31T10:00:00+01:00', { oldYear: -1, newYear: 1 }], // 31 December
      ['2027-01-01T10:00:00+01:00', { oldYear: -2, newYear: 1 }], // New Year's Day
    ];
    try {
      for (const [moment, expected] of seenOn) {
        clock.set(moment);
        // A fresh login at each moment: the session's idle time is counted on the same clock.
        const colleague = app.client();
        expect(
          (await colleague.login(colleagueEmail, 'correct horse battery staple')).errors,
        ).toBeUndefined();
        const result = await colleague.gql<{ myDeadlines: Deadline[] }>(MY_DEADLINES, { within: 10 });
        expect(result.errors).toBeUndefined();
        const seen: Partial<Record<keyof typeof dues, [number, string]>> = {};
        for (const item of result.data!.myDeadlines) {
          const name = cases.get(item.caseId);
          if (name && name in expected) seen[name] = [item.workingDaysLeft, item.state];
        }
        const wanted = Object.fromEntries(
          Object.entries(expected).map(([name, left]) => [name, [left, left < 0 ? 'OVERDUE' : 'DUE_SOON']]),
        );
        expect(seen, moment).toEqual(wanted);
      }
    } finally {
      clock.set(TEST_NOW);
      await database.query(`DELETE FROM referral WHERE case_id = ANY($1::uuid[])`, [[...cases.keys()]]);
    }
  });

  it('refuses a look-ahead outside 0–60 working days', async () => {
    const result = await (await as('mehmet@rivierstad.example')).gql(MY_DEADLINES, { within: -1 });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { withinWorkingDays: 'Kies een aantal werkdagen van 0 tot en met 60.' },
    });
  });

  it('notes each deadline that became due soon or overdue once, however often and on however many servers the job runs', async () => {
    await database.query(`DELETE FROM deadline_alert`);
    const now = clock.now();
    const [first, second] = await Promise.all([
      recordDeadlineAlerts(database.system, now),
      recordDeadlineAlerts(database.system, now),
    ]);
    const [{ count } = { count: 0 }] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM deadline_alert`,
    );
    expect(count).toBeGreaterThan(0);
    expect(first.created + second.created).toBe(count);
    expect(await recordDeadlineAlerts(database.system, now)).toEqual({
      created: 0,
      complete: true,
      resumeAfter: null,
    });

    // What the job noted is what each organisation's team lead sees on the work list.
    const forLotte = await deadlinesOf('lotte@rivierstad.example');
    const noted = await database.query<{ case_id: string; kind: string; due_on: string; state: string }>(
      `SELECT case_id, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, state FROM deadline_alert WHERE organization_id = $1`,
      [ORG.rivierstad],
    );
    const key = (item: { caseId: string; kind: string; dueOn: string; state: string }) =>
      `${item.caseId}|${item.kind}|${item.dueOn}|${item.state}`;
    expect(
      new Set(
        noted.map((row) => key({ caseId: row.case_id, kind: row.kind, dueOn: row.due_on, state: row.state })),
      ),
    ).toEqual(new Set(forLotte.map(key)));
  });
});
