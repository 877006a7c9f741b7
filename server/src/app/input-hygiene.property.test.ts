import { randomBytes } from 'node:crypto';
import { addCalendarDays } from '@vangnet/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { createCaseIn, DEMO_ORG } from '../features/lifecycle/lifecycle.fixtures.js';
import { TEST_NOW, testToday } from '../testing/test-clock.js';

/**
 * Input hygiene, tried with thousands of generated values: for every case-worker mutation, a valid
 * input gets one field at a time replaced by something that must be refused — the wrong type, control
 * characters and NUL, huge strings, huge, negative and broken numbers, impossible and implausible dates,
 * negative money. Each goes through the real HTTP app. The answer is always a refusal naming the field
 * (BAD_USER_INPUT from our schemas, or GraphQL's own refusal of a wrong type), never an internal error,
 * and the database is exactly as it was: no row more or less, no write in the audit trail.
 *
 * The seed is fixed so a failure in CI can be replayed; numRuns per mutation keeps the whole file
 * around a minute on a small machine.
 */

const SEED = 20_261_207;
const RUNS_PER_MUTATION = 200;

type FieldKind =
  | 'requiredText'
  | 'optionalText'
  | 'requiredDate'
  | 'optionalDate'
  | 'cents'
  | 'optionalCents'
  | 'wholeNumber'
  | 'optionalWholeNumber'
  | 'id'
  | 'optionalId'
  | 'choice'
  | 'optionalChoice'
  | 'boolean'
  | 'optionalBoolean'
  | 'list';

interface MutationCase {
  readonly name: string;
  readonly inputType: string;
  /** A valid input: without the injected value the mutation could succeed. */
  readonly input: () => Record<string, unknown>;
  /** Every field (dot path) and its kind. */
  readonly fields: Readonly<Record<string, FieldKind>>;
}

const controlCharacter = fc
  .integer({ min: 0, max: 0x9f })
  .filter(
    (code) =>
      code <= 0x08 || code === 0x0b || code === 0x0c || (code >= 0x0e && code <= 0x1f) || code >= 0x7f,
  )
  .map((code) => String.fromCharCode(code));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const withForbiddenCharacter = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.oneof(controlCharacter, loneSurrogate, fc.constant('\u0000')),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, bad, after]) => `a${before}${bad}${after}`.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, 'x'));
/** Longer than any text field takes (the longest, a consent's wording, is 20 000 characters). */
const hugeString = fc.integer({ min: 20_001, max: 40_000 }).map((length) => 'x'.repeat(length));
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.constant([1, 2]),
);
const blank = fc.constantFrom('', ' ', '   \n\t ');

const today = testToday();
const impossibleDate = fc.constantFrom(
  '2026-02-30',
  '2025-13-01',
  '2026-00-10',
  '2026-04-31',
  '31-01-2026',
  'gisteren',
  '2026/01/01',
  '20260101',
);
const implausibleDate = fc.oneof(
  fc.integer({ min: 1, max: 1989 }).map((year) => `${String(year).padStart(4, '0')}-06-15`),
  fc.integer({ min: 2100, max: 9999 }).map((year) => `${year}-06-15`),
  fc.integer({ min: 3700, max: 40_000 }).map((days) => addCalendarDays(today, days)),
);
const negativeNumber = fc.integer({ min: -2_147_483_648, max: -1 });
const brokenNumber = fc.oneof(
  fc
    .double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
    .filter((value) => !Number.isInteger(value)),
  fc.constantFrom(2 ** 31, 2 ** 53, 1e20, -1e20),
);
const tooMuchMoney = fc.integer({ min: 100_000_001, max: 2_147_483_647 });
const malformedId = fc.oneof(
  fc.constantFrom('not-an-id', '123', '00000000-0000-0000-0000-00000000000g', '{}', 'DROP TABLE case_file'),
  fc.uuid().map((id) => `${id}x`),
  fc.uuid().map((id) => id.slice(1)),
);
const notAChoice = fc.oneof(fc.constantFrom('NOT_A_VALUE', 'closed', ''), fc.integer(), fc.boolean());
const notABoolean = fc.oneof(fc.constantFrom('true', 'yes', 'ja'), fc.integer(), fc.constant({}));

/** Values a field of this kind must refuse. `null` only where the field is required. */
function invalidFor(kind: FieldKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'requiredText':
      return fc.oneof(withForbiddenCharacter, hugeString, notAString, blank, fc.constant(null));
    case 'optionalText':
      return fc.oneof(withForbiddenCharacter, hugeString, notAString);
    case 'requiredDate':
      return fc.oneof(impossibleDate, implausibleDate, withForbiddenCharacter, notAString, fc.constant(null));
    case 'optionalDate':
      return fc.oneof(impossibleDate, implausibleDate, withForbiddenCharacter, notAString);
    case 'cents':
      return fc.oneof(negativeNumber, brokenNumber, tooMuchMoney, fc.constantFrom('100', null));
    case 'optionalCents':
      return fc.oneof(negativeNumber, brokenNumber, tooMuchMoney, fc.constant('100'));
    case 'wholeNumber':
      return fc.oneof(negativeNumber, brokenNumber, fc.constantFrom('1', null));
    case 'optionalWholeNumber':
      return fc.oneof(negativeNumber, brokenNumber, fc.constant('1'));
    case 'id':
      return fc.oneof(malformedId, withForbiddenCharacter, fc.constantFrom('', null, {}, true));
    case 'optionalId':
      return fc.oneof(malformedId, withForbiddenCharacter, fc.constantFrom({}, true));
    case 'choice':
      return fc.oneof(notAChoice, fc.constant(null));
    case 'optionalChoice':
      return notAChoice;
    case 'boolean':
      return fc.oneof(notABoolean, fc.constant(null));
    case 'optionalBoolean':
      return notABoolean;
    case 'list':
      return fc.oneof(
        fc.constant([]),
        fc.constant(['NOT_A_VALUE']),
        fc.constant(null),
        fc.constant('NOT_A_VALUE'),
        fc.constant(['CONTACT', 'CONTACT']),
      );
  }
}

function withValueAt(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...input, [head]: value };
  return { ...input, [head]: withValueAt(input[head] as Record<string, unknown>, rest.join('.'), value) };
}

/** Rows of the tables a case-worker mutation writes to, and the audit trail's write events. */
const COUNTED_TABLES = [
  'case_file',
  'tenant',
  'arrears',
  'arrears_change',
  'collection_step',
  'collection_pause',
  'pre_signal_step',
  'signal',
  'referral',
  'case_participant',
  'case_assignee',
  'case_transition',
  'contact_attempt',
  'case_note',
  'consent',
  'payment_arrangement',
  'instalment',
  'arrangement_milestone',
];

describe('input hygiene: generated invalid values are refused per field and change nothing', () => {
  let database: TestDatabase;
  let app: TestApp;
  let anna: TestClient;
  let mehmet: TestClient;
  let mutations: MutationCase[];

  async function counts(): Promise<Record<string, number>> {
    const [row] = await database.query<Record<string, number>>(
      `SELECT ${COUNTED_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')},
              (SELECT count(*)::int FROM audit_event WHERE action IN ('CREATE', 'UPDATE', 'DELETE')) AS audit_writes,
              (SELECT coalesce(sum(version), 0)::int FROM case_file) AS case_versions`,
    );
    return row!;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    anna = app.client();
    mehmet = app.client();
    await anna.login('anna@delinde.example');
    await mehmet.login('mehmet@rivierstad.example');

    const preSignal = await createCaseIn(database.dataSource, { status: 'PRE_SIGNAL' });
    const signalled = await createCaseIn(database.dataSource, { status: 'SIGNALLED' });
    const [referral] = await database.query<{ id: string }>(
      `INSERT INTO referral (case_id, from_org_id, to_org_id, to_role, status, message, respond_by, created_by_id)
       SELECT $1, $2, $3, 'MUNICIPALITY', 'PENDING', 'Graag contact.', current_date + 5, sent_by_id FROM signal WHERE case_id = $1
       RETURNING id`,
      [signalled.id, DEMO_ORG.delinde, DEMO_ORG.rivierstad],
    );
    const someId = '00000000-0000-4000-8000-000000000001';
    const text = 'Huurder gebeld; belt volgende week terug.';

    mutations = [
      {
        name: 'createCase',
        inputType: 'CreateCaseInput',
        input: () => ({
          tenant: {
            initials: 'J.',
            surname: 'Dijk',
            birthDate: '1980-04-12',
            street: 'Lindelaan',
            houseNumber: 12,
            postcode: '9999 AB',
            city: 'Rivierstad',
            phone: '06 12345678',
            email: 'j.dijk@mail.example',
          },
          tenancy: { contractNumber: 'HC-PROPERTY-1', monthlyRentCents: 72_500 },
          arrears: { amountCents: 145_000, aroseOn: addCalendarDays(today, -60), monthsInArrears: 2 },
        }),
        fields: {
          'tenant.initials': 'requiredText',
          'tenant.surname': 'requiredText',
          'tenant.prefix': 'optionalText',
          'tenant.birthDate': 'optionalDate',
          'tenant.street': 'requiredText',
          'tenant.houseNumber': 'wholeNumber',
          'tenant.city': 'requiredText',
          'tenancy.contractNumber': 'requiredText',
          'tenancy.monthlyRentCents': 'cents',
          'arrears.amountCents': 'cents',
          'arrears.aroseOn': 'requiredDate',
          'arrears.monthsInArrears': 'wholeNumber',
        },
      },
      {
        name: 'recordArrears',
        inputType: 'RecordArrearsInput',
        input: () => ({
          caseId: preSignal.id,
          expectedVersion: 0,
          amountCents: 10_000,
          aroseOn: addCalendarDays(today, -30),
          monthsInArrears: 1,
        }),
        fields: {
          caseId: 'id',
          expectedVersion: 'wholeNumber',
          amountCents: 'cents',
          aroseOn: 'requiredDate',
          monthsInArrears: 'wholeNumber',
        },
      },
      {
        name: 'recordCollectionStep',
        inputType: 'RecordCollectionStepInput',
        input: () => ({ caseId: preSignal.id, kind: 'REMINDER', stepDate: today, note: text }),
        fields: { caseId: 'id', kind: 'choice', stepDate: 'requiredDate', note: 'optionalText' },
      },
      {
        name: 'setCollectionPause',
        inputType: 'SetCollectionPauseInput',
        input: () => ({
          caseId: preSignal.id,
          startsOn: today,
          endsOn: addCalendarDays(today, 30),
          reason: text,
        }),
        fields: { caseId: 'id', startsOn: 'requiredDate', endsOn: 'requiredDate', reason: 'requiredText' },
      },
      {
        name: 'recordPreSignalStep',
        inputType: 'RecordPreSignalStepInput',
        input: () => ({
          caseId: preSignal.id,
          kind: 'PERSONAL_CONTACT_ATTEMPT',
          performedOn: today,
          note: text,
        }),
        fields: { caseId: 'id', kind: 'choice', performedOn: 'requiredDate', note: 'optionalText' },
      },
      {
        name: 'sendSignal',
        inputType: 'SendSignalInput',
        input: () => ({ caseId: preSignal.id, crisis: false }),
        fields: { caseId: 'id', crisis: 'optionalBoolean', warmHandover: 'optionalBoolean' },
      },
      {
        name: 'referCase',
        inputType: 'ReferCaseInput',
        input: () => ({
          caseId: signalled.id,
          toOrgId: DEMO_ORG.kredietbank,
          toRole: 'DEBT_COUNSELLING',
          message: text,
        }),
        fields: {
          caseId: 'id',
          toOrgId: 'id',
          toRole: 'choice',
          message: 'requiredText',
          respondBy: 'optionalDate',
        },
      },
      {
        name: 'respondToReferral',
        inputType: 'RespondToReferralInput',
        input: () => ({ referralId: referral!.id, accept: false, declineReason: text }),
        fields: { referralId: 'id', accept: 'boolean', declineReason: 'requiredText' },
      },
      {
        name: 'withdrawReferral',
        inputType: 'WithdrawReferralInput',
        input: () => ({ referralId: referral!.id }),
        fields: { referralId: 'id' },
      },
      {
        name: 'transitionCase',
        inputType: 'TransitionCaseInput',
        input: () => ({
          caseId: signalled.id,
          expectedVersion: 1,
          to: 'CLOSED',
          exitReason: 'NO_CONTACT',
          note: text,
        }),
        fields: {
          caseId: 'id',
          expectedVersion: 'wholeNumber',
          to: 'choice',
          exitReason: 'optionalChoice',
          solutionKind: 'optionalChoice',
          note: 'optionalText',
        },
      },
      {
        name: 'recordFirstConversation',
        inputType: 'RecordFirstConversationInput',
        input: () => ({ caseId: signalled.id, heldOn: today }),
        fields: { caseId: 'id', heldOn: 'requiredDate' },
      },
      {
        name: 'recordContactAttempt',
        inputType: 'RecordContactAttemptInput',
        input: () => ({
          caseId: signalled.id,
          channel: 'PHONE',
          attemptedOn: today,
          dayPart: 'MORNING',
          reached: false,
          note: text,
        }),
        fields: {
          caseId: 'id',
          channel: 'choice',
          attemptedOn: 'requiredDate',
          dayPart: 'choice',
          reached: 'boolean',
          note: 'optionalText',
        },
      },
      {
        name: 'recordSignalEndResult',
        inputType: 'RecordSignalEndResultInput',
        input: () => ({ caseId: signalled.id, endResult: 'NO_CONTACT' }),
        fields: { caseId: 'id', endResult: 'choice' },
      },
      {
        name: 'addCaseNote',
        inputType: 'AddCaseNoteInput',
        input: () => ({ caseId: signalled.id, body: text, visibility: 'OWN_ORG' }),
        fields: { caseId: 'id', body: 'requiredText', visibility: 'choice' },
      },
      {
        name: 'assignCase',
        inputType: 'AssignCaseInput',
        input: () => ({ caseId: signalled.id, assigneeId: null }),
        fields: { caseId: 'id', assigneeId: 'optionalId' },
      },
      {
        name: 'recordConsent',
        inputType: 'RecordConsentInput',
        input: () => ({
          caseId: signalled.id,
          recipientOrgId: DEMO_ORG.rivierstad,
          purpose: 'EVICTION_PREVENTION',
          categories: ['CONTACT'],
          channel: 'DIGITAL',
          wordingVersion: 'v1.0',
          wordingText: 'Ik geef toestemming om mijn gegevens te delen met de gemeente.',
        }),
        fields: {
          caseId: 'id',
          recipientOrgId: 'id',
          purpose: 'choice',
          categories: 'list',
          channel: 'choice',
          wordingVersion: 'requiredText',
          wordingText: 'requiredText',
        },
      },
      {
        name: 'withdrawConsent',
        inputType: 'WithdrawConsentInput',
        input: () => ({ consentId: someId, channel: 'WRITTEN' }),
        fields: { consentId: 'id', channel: 'choice' },
      },
      {
        name: 'createArrangement',
        inputType: 'CreateArrangementInput',
        input: () => ({
          caseId: signalled.id,
          totalCents: 60_000,
          instalmentCount: 6,
          startDate: today,
          dueDay: 1,
        }),
        fields: {
          caseId: 'id',
          totalCents: 'cents',
          instalmentCount: 'wholeNumber',
          startDate: 'requiredDate',
          dueDay: 'wholeNumber',
          missedTolerance: 'optionalWholeNumber',
        },
      },
      {
        name: 'recordPayment',
        inputType: 'RecordPaymentInput',
        input: () => ({ instalmentId: someId, paidOn: today }),
        fields: { instalmentId: 'id', paidOn: 'requiredDate', paidCents: 'optionalCents' },
      },
      {
        name: 'addActionItem',
        inputType: 'AddActionItemInput',
        input: () => ({
          caseId: signalled.id,
          title: 'Bellen',
          ownerOrgId: DEMO_ORG.rivierstad,
          dueDate: today,
        }),
        fields: {
          title: 'requiredText',
          description: 'optionalText',
          ownerOrgId: 'id',
          assigneeId: 'optionalId',
          dueDate: 'optionalDate',
        },
      },
      {
        name: 'updateActionItem',
        inputType: 'UpdateActionItemInput',
        input: () => ({ id: someId, expectedVersion: 1, patch: { title: 'Bellen' } }),
        fields: {
          expectedVersion: 'wholeNumber',
          'patch.title': 'requiredText',
          'patch.description': 'optionalText',
          'patch.ownerOrgId': 'id',
          'patch.assigneeId': 'optionalId',
          'patch.dueDate': 'optionalDate',
          'patch.status': 'choice',
        },
      },
      {
        name: 'addActionItemComment',
        inputType: 'AddActionItemCommentInput',
        input: () => ({ actionItemId: someId, body: text }),
        fields: { body: 'requiredText' },
      },
      {
        name: 'updateActionPlan',
        inputType: 'UpdateActionPlanInput',
        input: () => ({ caseId: signalled.id, expectedVersion: 0, patch: { helpRequest: text } }),
        fields: {
          expectedVersion: 'wholeNumber',
          'patch.helpRequest': 'optionalText',
          'patch.tenantSignedOffOn': 'optionalDate',
          'patch.tenantSignOffChannel': 'optionalChoice',
        },
      },
      {
        name: 'addActionPlanGoal',
        inputType: 'AddActionPlanGoalInput',
        input: () => ({
          caseId: signalled.id,
          what: 'Rust in de geldzaken',
          measure: 'Geen nieuwe schulden',
        }),
        fields: { what: 'requiredText', measure: 'requiredText', targetDate: 'optionalDate' },
      },
      {
        name: 'updateActionPlanGoal',
        inputType: 'UpdateActionPlanGoalInput',
        input: () => ({ id: someId, expectedVersion: 1, patch: { what: 'Rust' } }),
        fields: {
          expectedVersion: 'wholeNumber',
          'patch.what': 'requiredText',
          'patch.measure': 'requiredText',
          'patch.targetDate': 'optionalDate',
        },
      },
      {
        name: 'addActionPlanCondition',
        inputType: 'AddActionPlanConditionInput',
        input: () => ({ caseId: signalled.id, text: 'Huurder betaalt de huur op tijd.' }),
        fields: { text: 'requiredText' },
      },
      {
        name: 'decideReward',
        inputType: 'DecideRewardInput',
        input: () => ({ milestoneId: someId, confirm: true }),
        fields: { milestoneId: 'id', confirm: 'boolean' },
      },
    ];
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('covers every mutation of the schema, except the few named here with the reason', async () => {
    const notHere: Record<string, string> = {
      login: 'sign-in is throttled per address; its shape check is in auth.test.ts',
      logout: 'takes no input',
      logoutEverywhere: 'takes no input',
      changePassword: 'throttled like a sign-in; its rules are in auth.test.ts',
      importArrears: 'a CSV file, checked line by line in arrears-import tests',
      exportTenantData: 'takes only an id argument, no input object',
      switchMembership: 'takes only an id argument, no input object',
    };
    const introspection = await anna.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { mutationType { fields { name } } } }',
    );
    const all = introspection.data!.__schema.mutationType.fields.map((field) => field.name).sort();
    const covered = mutations.map((mutation) => mutation.name);
    expect(all.filter((name) => !covered.includes(name) && !(name in notHere))).toEqual([]);
  });

  it('refuses every generated value for every field of every case-worker mutation, and writes nothing', async () => {
    const before = await counts();
    let sent = 0;
    for (const mutation of mutations) {
      const client = [
        'recordContactAttempt',
        'recordSignalEndResult',
        'respondToReferral',
        'recordFirstConversation',
      ].includes(mutation.name)
        ? mehmet
        : anna;
      const query = `mutation ($input: ${mutation.inputType}!) { ${mutation.name}(input: $input) { __typename } }`;
      const injection = fc
        .constantFrom(...Object.entries(mutation.fields))
        .chain(([field, kind]) => invalidFor(kind).map((value) => ({ field, value })));
      await fc.assert(
        fc.asyncProperty(injection, async ({ field, value }) => {
          sent += 1;
          const response = await client.gql(query, { input: withValueAt(mutation.input(), field, value) });
          const error = response.errors?.[0];
          const what = `${mutation.name}.${field} = ${JSON.stringify(value)?.slice(0, 80)}`;
          expect(response.data?.[mutation.name as never], what).toBeFalsy();
          expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], what).toContain(error?.extensions?.code);
          const fieldErrors = error?.extensions?.fieldErrors as Record<string, string> | undefined;
          if (fieldErrors) {
            // Our schemas: the field itself is named, with a message in words. An update's patch names its
            // fields as the form does (`title`); the request-wide character check names the path (`patch.title`).
            const named = Object.keys(fieldErrors).find((key) => key === field || `patch.${key}` === field);
            expect(named, what).toBeTruthy();
            expect(fieldErrors[named!], what).toMatch(/\w{3}/);
          } else {
            // GraphQL's own coercion refuses a wrong type and names where in the input it sits.
            expect(error?.message, what).toContain(field.split('.').at(-1));
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_MUTATION, endOnFailure: true },
      );
    }
    expect(sent).toBe(mutations.length * RUNS_PER_MUTATION);
    expect(await counts()).toEqual(before);
  }, 180_000);
});
