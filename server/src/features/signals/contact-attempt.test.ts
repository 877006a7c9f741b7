import { addCalendarDays, type FieldIssue } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import type { RecordContactAttemptInput } from '../../testing/gql/graphql.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { dataOf, startTestApp, type TestApp } from '../../testing/test-app.js';
import { testToday } from '../../testing/test-clock.js';

const RECORD = graphql(`
  mutation ContactAttemptRecord($input: RecordContactAttemptInput!) {
    recordContactAttempt(input: $input) {
      id
      channel
      attemptedOn
      dayPart
      reached
      note
      followsSignal
      recordedBy {
        displayName
      }
    }
  }
`);
const ATTEMPTS = graphql(`
  query ContactAttempts($id: ID!) {
    case(id: $id) {
      contactAttempts {
        channel
        attemptedOn
        reached
        note
        recordedBy {
          displayName
        }
      }
    }
  }
`);

describe('contact attempts of the municipality', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The municipality's debt counsellor, who follows up the signals. */
  let mehmet: Member;

  const as = (member: Member) => factory.as(member);

  const attempt = (
    caseId: string,
    extra: Partial<Omit<RecordContactAttemptInput, 'caseId'>> = {},
  ): RecordContactAttemptInput => ({
    caseId,
    channel: 'PHONE',
    attemptedOn: testToday(),
    dayPart: 'MORNING',
    reached: false,
    note: 'Voicemail ingesproken.',
    ...extra,
  });

  const count = async (caseId: string) =>
    (
      await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM contact_attempt WHERE case_id = $1`,
        [caseId],
      )
    )[0]!.n;

  /** The audit rows of the case that are not reads, in order (the set-up's included). */
  const writesOf = (caseId: string) =>
    database.query<{ action: string; entity_type: string; categories: string; basis: string }>(
      `SELECT action, entity_type, categories::text, basis FROM audit_event WHERE case_id = $1 AND action <> 'READ' ORDER BY seq`,
      [caseId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    mehmet = region.municipality.counsellor;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('records an attempt that follows up the signal, with its audit row', async () => {
    const created = await factory.signalledCase();
    const setUpWrites = (await writesOf(created.id)).length;
    const result = dataOf(
      await (
        await as(mehmet)
      ).gql(RECORD, {
        input: attempt(created.id, { channel: 'HOME_VISIT', dayPart: 'EVENING', reached: true }),
      }),
    );
    expect(result.recordContactAttempt).toMatchObject({
      channel: 'HOME_VISIT',
      attemptedOn: testToday(),
      dayPart: 'EVENING',
      reached: true,
      note: 'Voicemail ingesproken.',
      followsSignal: true,
      recordedBy: { displayName: 'Mehmet Schuldhulp' },
    });
    const [stored] = await database.query<{
      signal_id: string;
      origin_org_id: string;
      recorded_by_id: string;
    }>(`SELECT signal_id, origin_org_id, recorded_by_id FROM contact_attempt WHERE case_id = $1`, [
      created.id,
    ]);
    expect(stored).toEqual({
      signal_id: created.signalId,
      origin_org_id: region.municipality.organization.id,
      recorded_by_id: mehmet.id,
    });
    expect((await writesOf(created.id)).slice(setUpWrites)).toEqual([
      {
        action: 'CREATE',
        entity_type: 'contact-attempt',
        categories: '{CONTACT}',
        basis: 'WGS_ART_3_SIGNAL',
      },
    ]);
  });

  it('records an attempt on a case referred before any signal as the municipality’s own data', async () => {
    // The corporation referred its own dossier to the municipality straight away, without the signal.
    const created = await factory.openCase();
    await factory.refer(
      created.id,
      region.corporation.caseWorker,
      region.municipality.organization,
      'MUNICIPALITY',
    );
    const result = dataOf(await (await as(mehmet)).gql(RECORD, { input: attempt(created.id) }));
    expect(result.recordContactAttempt.followsSignal).toBe(false);
    const audit = await database.query<{ basis: string }>(
      `SELECT basis FROM audit_event WHERE case_id = $1 AND action = 'CREATE' AND entity_type = 'contact-attempt'`,
      [created.id],
    );
    expect(audit).toEqual([{ basis: 'ORIGIN' }]);
  });

  it('lets only the municipality record, only sensible dates, and never on a closed case', async () => {
    // Signalled and referred on to the debt-counselling organisation, which accepted.
    const created = await factory.caseAtDebtCounselling();
    for (const member of [region.corporation.caseWorker, region.debtCounselling.counsellor]) {
      const refused = await (await as(member)).gql(RECORD, { input: attempt(created.id) });
      expect(refused.errors![0]!.extensions, member.displayName).toEqual({ code: 'FORBIDDEN' });
    }
    const outsider = await (await as(region.stranger.caseWorker)).gql(RECORD, { input: attempt(created.id) });
    expect(outsider.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });

    const mehmetClient = await as(mehmet);
    // The factory's signal went out today: an attempt of yesterday cannot follow it up.
    const signalDate = testToday();
    const cases: [Partial<RecordContactAttemptInput>, FieldIssue, string][] = [
      [
        { attemptedOn: addCalendarDays(testToday(), 1) },
        { field: 'attemptedOn', code: 'DATE_IN_FUTURE', params: {} },
        'Deze datum ligt in de toekomst.',
      ],
      [
        { attemptedOn: '31-01-2026' },
        { field: 'attemptedOn', code: 'INVALID_DATE', params: {} },
        'Vul een geldige datum in (jjjj-mm-dd).',
      ],
      [
        { attemptedOn: '2026-02-30' },
        { field: 'attemptedOn', code: 'INVALID_DATE', params: {} },
        'Vul een geldige datum in (jjjj-mm-dd).',
      ],
      [
        { attemptedOn: addCalendarDays(testToday(), -1) },
        { field: 'attemptedOn', code: 'DATE_BEFORE_OTHER', params: { min: signalDate, other: 'signalDate' } },
        `Deze datum ligt vóór ${signalDate}.`,
      ],
    ];
    for (const [extra, issue, message] of cases) {
      const wrong = await mehmetClient.gql(RECORD, { input: attempt(created.id, extra) });
      expect(wrong.errors![0]!.extensions, JSON.stringify(extra)).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: { attemptedOn: message },
        fieldIssues: [issue],
      });
    }
    const closed = await factory.closedCase();
    const onClosed = await mehmetClient.gql(RECORD, { input: attempt(closed.id) });
    expect(onClosed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { caseId: expect.any(String) as unknown },
    });
    expect(await count(created.id)).toBe(0);
    expect(await count(closed.id)).toBe(0);
    const writes = await database.query(
      `SELECT 1 FROM audit_event WHERE case_id = ANY($1::uuid[]) AND entity_type = 'contact-attempt'`,
      [[created.id, closed.id]],
    );
    expect(writes).toEqual([]);
  });

  it('shows the attempts to whoever the CONTACT rule lets read them, and audits the read', async () => {
    // In contact: the debt-counselling organisation accepted the municipality's referral.
    const created = await factory.caseAtDebtCounselling();
    const sanne = region.debtCounselling.counsellor;
    const mehmetClient = await as(mehmet);
    for (const [channel, reached] of [
      ['LETTER', false],
      ['PHONE', true],
    ] as const) {
      dataOf(await mehmetClient.gql(RECORD, { input: attempt(created.id, { channel, reached }) }));
    }
    const own = dataOf(await mehmetClient.gql(ATTEMPTS, { id: created.id }));
    expect(
      own.case.contactAttempts.map((row) => [row.channel, row.reached, row.recordedBy?.displayName]),
    ).toEqual([
      ['LETTER', false, 'Mehmet Schuldhulp'],
      ['PHONE', true, 'Mehmet Schuldhulp'],
    ]);
    // The corporation and debt counselling have no consent for CONTACT: the attempts are not theirs to see.
    for (const member of [region.corporation.caseWorker, sanne]) {
      const none = dataOf(await (await as(member)).gql(ATTEMPTS, { id: created.id }));
      expect(none.case.contactAttempts, member.displayName).toEqual([]);
    }
    // The tenant lets the debt-counselling organisation read their contact details, recorded by the municipality.
    const consent = await factory.consent(
      created.id,
      { recipient: region.debtCounselling.organization, purpose: 'DEBT_ASSISTANCE', categories: ['CONTACT'] },
      mehmet,
    );
    const consented = dataOf(await (await as(sanne)).gql(ATTEMPTS, { id: created.id }));
    expect(consented.case.contactAttempts.map((row) => [row.channel, row.recordedBy])).toEqual([
      ['LETTER', null],
      ['PHONE', null],
    ]);
    const reads = await database.query<{ actor_user_id: string; basis: string }>(
      `SELECT actor_user_id, basis FROM audit_event WHERE case_id = $1 AND action = 'READ' AND entity_type = 'contact-attempt' ORDER BY seq`,
      [created.id],
    );
    expect(reads).toEqual([
      { actor_user_id: mehmet.id, basis: 'ORIGIN' },
      { actor_user_id: sanne.id, basis: consent.id },
    ]);
  });
});
