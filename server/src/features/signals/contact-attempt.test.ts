import { randomBytes } from 'node:crypto';
import { addCalendarDays, type FieldIssue } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, DEMO_ORG, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW, TEST_NOW_SQL, testToday } from '../../testing/test-clock.js';

const RECORD = `mutation ($input: RecordContactAttemptInput!) {
  recordContactAttempt(input: $input) { id channel attemptedOn dayPart reached note followsSignal recordedBy { displayName } }
}`;
const ATTEMPTS = `query ($id: ID!) { case(id: $id) { contactAttempts { channel attemptedOn reached note recordedBy { displayName } } } }`;

const MEHMET = 'mehmet@rivierstad.example';

interface Attempts {
  case: {
    contactAttempts: {
      channel: string;
      attemptedOn: string;
      reached: boolean;
      note: string | null;
      recordedBy: { displayName: string } | null;
    }[];
  };
}

describe('contact attempts of the municipality', () => {
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

  const attempt = (caseId: string, extra: Record<string, unknown> = {}) => ({
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

  it('records an attempt that follows up the signal, with its audit row', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const result = await (
      await as(MEHMET)
    ).gql<{ recordContactAttempt: Record<string, unknown> }>(RECORD, {
      input: attempt(created.id, { channel: 'HOME_VISIT', dayPart: 'EVENING', reached: true }),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordContactAttempt).toMatchObject({
      channel: 'HOME_VISIT',
      attemptedOn: testToday(),
      dayPart: 'EVENING',
      reached: true,
      note: 'Voicemail ingesproken.',
      followsSignal: true,
      recordedBy: { displayName: 'Mehmet Yilmaz' },
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
      origin_org_id: DEMO_ORG.rivierstad,
      recorded_by_id: demoUserId(MEHMET),
    });
    const audit = await database.query<{
      action: string;
      entity_type: string;
      categories: string;
      basis: string;
    }>(
      `SELECT action, entity_type, categories::text, basis FROM audit_event WHERE case_id = $1 AND action <> 'READ'`,
      [created.id],
    );
    expect(audit).toEqual([
      {
        action: 'CREATE',
        entity_type: 'contact-attempt',
        categories: '{CONTACT}',
        basis: 'WGS_ART_3_SIGNAL',
      },
    ]);
  });

  it('records an attempt on a case referred before any signal as the municipality’s own data', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'REFERRED',
      signal: false,
      with: ['rivierstad'],
    });
    const result = await (
      await as(MEHMET)
    ).gql<{ recordContactAttempt: { followsSignal: boolean } }>(RECORD, {
      input: attempt(created.id),
    });
    expect(result.data!.recordContactAttempt.followsSignal).toBe(false);
    const [audit] = await database.query<{ basis: string }>(
      `SELECT basis FROM audit_event WHERE case_id = $1 AND action = 'CREATE'`,
      [created.id],
    );
    expect(audit!.basis).toBe('ORIGIN');
  });

  it('lets only the municipality record, only sensible dates, and never on a closed case', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'SIGNALLED',
      with: ['rivierstad', 'kredietbank'],
    });
    for (const email of ['anna@delinde.example', 'sanne@kredietbank.example']) {
      const refused = await (await as(email)).gql(RECORD, { input: attempt(created.id) });
      expect(refused.errors![0]!.extensions, email).toEqual({ code: 'FORBIDDEN' });
    }
    const outsider = await (
      await as('bram@woonbronoost.example')
    ).gql(RECORD, { input: attempt(created.id) });
    expect(outsider.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });

    const mehmet = await as(MEHMET);
    // The fixture's signal went out ten days ago.
    const signalDate = addCalendarDays(testToday(), -10);
    const cases: [Record<string, unknown>, FieldIssue, string][] = [
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
        { attemptedOn: addCalendarDays(testToday(), -30) },
        { field: 'attemptedOn', code: 'DATE_BEFORE_OTHER', params: { min: signalDate, other: 'signalDate' } },
        `Deze datum ligt vóór ${signalDate}.`,
      ],
    ];
    for (const [extra, issue, message] of cases) {
      const wrong = await mehmet.gql(RECORD, { input: attempt(created.id, extra) });
      expect(wrong.errors![0]!.extensions, JSON.stringify(extra)).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: { attemptedOn: message },
        fieldIssues: [issue],
      });
    }
    const closed = await createCaseIn(database.dataSource, { status: 'CLOSED' });
    const onClosed = await mehmet.gql(RECORD, { input: attempt(closed.id) });
    expect(onClosed.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { caseId: expect.any(String) as unknown },
    });
    expect(await count(created.id)).toBe(0);
    expect(await count(closed.id)).toBe(0);
    const writes = await database.query(
      `SELECT 1 FROM audit_event WHERE case_id = ANY($1::uuid[]) AND action = 'CREATE'`,
      [[created.id, closed.id]],
    );
    expect(writes).toEqual([]);
  });

  it('shows the attempts to whoever the CONTACT rule lets read them, and audits the read', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'IN_CONTACT',
      with: ['rivierstad', 'kredietbank'],
    });
    const mehmet = await as(MEHMET);
    for (const [channel, reached] of [
      ['LETTER', false],
      ['PHONE', true],
    ] as const) {
      expect(
        (await mehmet.gql(RECORD, { input: attempt(created.id, { channel, reached }) })).errors,
      ).toBeUndefined();
    }
    const own = await mehmet.gql<Attempts>(ATTEMPTS, { id: created.id });
    expect(
      own.data!.case.contactAttempts.map((row) => [row.channel, row.reached, row.recordedBy?.displayName]),
    ).toEqual([
      ['LETTER', false, 'Mehmet Yilmaz'],
      ['PHONE', true, 'Mehmet Yilmaz'],
    ]);
    // The corporation and debt counselling have no consent for CONTACT: the attempts are not theirs to see.
    for (const email of ['anna@delinde.example', 'sanne@kredietbank.example']) {
      const none = await (await as(email)).gql<Attempts>(ATTEMPTS, { id: created.id });
      expect(none.data!.case.contactAttempts, email).toEqual([]);
    }
    const [consent] = await database.query<{ id: string }>(
      `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until, channel,
                            wording_version, wording_text, recorded_by_id, recorded_by_org_id)
       VALUES ($1, $2, $3, 'DEBT_ASSISTANCE', '{CONTACT}', ${TEST_NOW_SQL} - interval '1 day', ${TEST_NOW_SQL} + interval '30 days', 'WRITTEN',
               'test-1', 'Ik geef toestemming om mijn contactgegevens te delen.', $4, $5) RETURNING id`,
      [created.tenantId, created.id, DEMO_ORG.kredietbank, demoUserId(MEHMET), DEMO_ORG.rivierstad],
    );
    const consented = await (
      await as('sanne@kredietbank.example')
    ).gql<Attempts>(ATTEMPTS, { id: created.id });
    expect(consented.data!.case.contactAttempts.map((row) => [row.channel, row.recordedBy])).toEqual([
      ['LETTER', null],
      ['PHONE', null],
    ]);
    const reads = await database.query<{ actor_user_id: string; basis: string }>(
      `SELECT actor_user_id, basis FROM audit_event WHERE case_id = $1 AND action = 'READ' AND entity_type = 'contact-attempt' ORDER BY seq`,
      [created.id],
    );
    expect(reads).toEqual([
      { actor_user_id: demoUserId(MEHMET), basis: 'ORIGIN' },
      { actor_user_id: demoUserId('sanne@kredietbank.example'), basis: consent!.id },
    ]);
  });
});
