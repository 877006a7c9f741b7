import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { addCalendarDays } from '@vangnet/shared';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

const today = testToday();

const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id reference } }`;
const STEP = `mutation ($input: RecordPreSignalStepInput!) {
  recordPreSignalStep(input: $input) { id caseId kind performedOn offeredContactTransfer note performedBy { displayName } }
}`;
const SEND = `mutation ($input: SendSignalInput!) {
  sendSignal(input: $input) {
    id caseId signalDate arrearsAmountCents arrearsAroseOn crisis warmHandover partnerType
    recipient { name kind } sentBy { displayName }
  }
}`;
const CASE = `query ($id: ID!) {
  case(id: $id) { id status coarseStatus crisis participants { role organization { name } } contact { surname } arrears { amountCents } }
}`;

const ALL_MISSING =
  'Nog niet vastgelegd: een schriftelijke herinnering met het aanbod om gegevens door te geven; een poging tot persoonlijk contact; een verwijzing naar schuldhulp.';

describe('the pre-signal gate and the early signal', () => {
  let database: TestDatabase;
  let app: TestApp;
  let contract = 0;
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

  async function openCase(tenant: Record<string, unknown> = {}): Promise<string> {
    contract += 1;
    const result = await (
      await as('anna@delinde.example')
    ).gql<{ createCase: { id: string } }>(CREATE_CASE, {
      input: {
        tenant: {
          initials: 'S.',
          surname: 'Boateng',
          street: 'Havenstraat',
          houseNumber: 8,
          postcode: '9903CC',
          city: 'Rivierstad',
          phone: '06 11223344',
          ...tenant,
        },
        tenancy: { contractNumber: `DL-SIG-${contract}`, monthlyRentCents: 68_000 },
        arrears: { amountCents: 204_000, aroseOn: addCalendarDays(today, -90), monthsInArrears: 3 },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createCase.id;
  }

  async function step(caseId: string, kind: string, extra: Record<string, unknown> = {}) {
    return (await as('anna@delinde.example')).gql<{ recordPreSignalStep: Record<string, unknown> }>(STEP, {
      input: { caseId, kind, performedOn: addCalendarDays(today, -7), ...extra },
    });
  }

  async function passGate(caseId: string): Promise<void> {
    for (const [kind, extra] of [
      ['WRITTEN_REMINDER', { offeredContactTransfer: true }],
      ['PERSONAL_CONTACT_ATTEMPT', { note: 'Huisbezoek; betalingsregeling besproken.' }],
      ['DEBT_HELP_POINTER', {}],
    ] as const) {
      expect((await step(caseId, kind, extra)).errors).toBeUndefined();
    }
  }

  async function sideEffects(caseId: string): Promise<Record<string, unknown>> {
    const [row] = await database.query<Record<string, unknown>>(
      `SELECT c.status, c.version,
              (SELECT count(*)::int FROM signal s WHERE s.case_id = c.id) AS signals,
              (SELECT count(*)::int FROM case_participant p WHERE p.case_id = c.id) AS participants,
              (SELECT count(*)::int FROM case_transition t WHERE t.case_id = c.id) AS transitions,
              (SELECT count(*)::int FROM audit_event e WHERE e.case_id = c.id AND e.action IN ('CREATE', 'UPDATE')) AS audit_writes
         FROM case_file c WHERE c.id = $1`,
      [caseId],
    );
    return row!;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey: randomBytes(32), today: TEST_NOW });
    app = await startTestApp(database.dataSource);
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('names every step that is still missing, and a reminder without the offer does not count', async () => {
    const caseId = await openCase();
    const anna = await as('anna@delinde.example');
    const before = await sideEffects(caseId);
    const none = await anna.gql(SEND, { input: { caseId } });
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.message).toBe(ALL_MISSING);
    expect(Object.keys(none.errors?.[0]?.extensions?.fieldErrors as object)).toEqual([
      'WRITTEN_REMINDER',
      'PERSONAL_CONTACT_ATTEMPT',
      'DEBT_HELP_POINTER',
    ]);

    const undecided = await step(caseId, 'WRITTEN_REMINDER');
    expect(undecided.errors?.[0]?.extensions?.fieldIssues).toEqual([
      { field: 'offeredContactTransfer', code: 'ANSWER_REQUIRED', params: {} },
    ]);
    const withoutOffer = await step(caseId, 'WRITTEN_REMINDER', { offeredContactTransfer: false });
    expect(withoutOffer.data!.recordPreSignalStep).toMatchObject({
      kind: 'WRITTEN_REMINDER',
      offeredContactTransfer: false,
      performedOn: addCalendarDays(today, -7),
      performedBy: { displayName: 'Anna de Vries' },
    });
    expect((await step(caseId, 'PERSONAL_CONTACT_ATTEMPT')).errors).toBeUndefined();
    const stillMissing = await anna.gql(SEND, { input: { caseId } });
    expect(stillMissing.errors?.[0]?.message).toBe(
      'Nog niet vastgelegd: een schriftelijke herinnering met het aanbod om gegevens door te geven (de vastgelegde herinnering bood dat niet aan); een verwijzing naar schuldhulp.',
    );
    expect(
      (await step(caseId, 'DEBT_HELP_POINTER', { performedOn: addCalendarDays(today, 1) })).errors?.[0]
        ?.extensions?.fieldErrors,
    ).toEqual({ performedOn: 'Deze datum ligt in de toekomst.' });

    const after = await sideEffects(caseId);
    expect(after).toEqual({ ...before, audit_writes: (before.audit_writes as number) + 2 });
  });

  it('refuses outright when the tenant objected, and records nothing as sent', async () => {
    const caseId = await openCase();
    await passGate(caseId);
    expect(
      (await step(caseId, 'TENANT_OBJECTION', { note: 'Wil niet dat de gemeente gebeld wordt.' })).errors,
    ).toBeUndefined();
    const before = await sideEffects(caseId);
    const refused = await (await as('anna@delinde.example')).gql(SEND, { input: { caseId, crisis: true } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe(
      'De huurder heeft bezwaar gemaakt tegen het doorgeven van gegevens; een signaal is niet toegestaan.',
    );
    expect(await sideEffects(caseId)).toEqual(before);
  });

  it('sends the signal: the municipality joins and sees the case, the corporation sees SIGNAL_SENT', async () => {
    const caseId = await openCase();
    await passGate(caseId);
    const before = await sideEffects(caseId);
    const anna = await as('anna@delinde.example');
    const sent = await anna.gql<{ sendSignal: Record<string, unknown> }>(SEND, {
      input: { caseId, crisis: true, warmHandover: true },
    });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendSignal).toMatchObject({
      caseId,
      signalDate: today,
      arrearsAmountCents: 204_000,
      arrearsAroseOn: addCalendarDays(today, -90),
      crisis: true,
      warmHandover: true,
      partnerType: 'HUUR',
      recipient: { name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' },
      sentBy: { displayName: 'Anna de Vries' },
    });
    expect(await sideEffects(caseId)).toEqual({
      status: 'SIGNALLED',
      version: (before.version as number) + 1,
      signals: 1,
      participants: 2,
      transitions: 1,
      // The signal itself (CREATE) and the status change (UPDATE).
      audit_writes: (before.audit_writes as number) + 2,
    });
    const [transition] = await database.query<Record<string, unknown>>(
      `SELECT t.from_status, t.to_status, t.via, u.email FROM case_transition t JOIN app_user u ON u.id = t.by_user_id WHERE t.case_id = $1`,
      [caseId],
    );
    expect(transition).toEqual({
      from_status: 'PRE_SIGNAL',
      to_status: 'SIGNALLED',
      via: 'sendSignal',
      email: 'anna@delinde.example',
    });
    const [audit] = await database.query<Record<string, unknown>>(
      `SELECT action, categories::text, basis FROM audit_event WHERE case_id = $1 AND entity_type = 'signal'`,
      [caseId],
    );
    expect(audit).toEqual({ action: 'CREATE', categories: '{CONTACT,ARREARS}', basis: 'WGS_ART_3_SIGNAL' });

    const seenByAnna = await anna.gql<{ case: Record<string, unknown> }>(CASE, { id: caseId });
    expect(seenByAnna.data!.case).toMatchObject({ status: null, coarseStatus: 'SIGNAL_SENT', crisis: true });

    // The municipality's queue: mehmet finds it in `cases` and reads contact and arrears by legal task.
    const mehmet = await as('mehmet@rivierstad.example');
    const listed = await mehmet.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      `{ cases(first: 100, filter: { assignedToMe: false, statuses: [SIGNALLED] }) { edges { node { id } } } }`,
    );
    expect(listed.data!.cases.edges.map((edge) => edge.node.id)).toContain(caseId);
    const seenByMehmet = await mehmet.gql<{ case: Record<string, unknown> }>(CASE, { id: caseId });
    expect(seenByMehmet.data!.case).toMatchObject({
      status: 'SIGNALLED',
      participants: [
        { role: 'REFERRER', organization: { name: 'Woonstichting De Linde' } },
        { role: 'MUNICIPALITY', organization: { name: 'Gemeente Rivierstad' } },
      ],
      contact: { surname: 'Boateng' },
      arrears: { amountCents: 204_000 },
    });

    // Once sent, it is sent: no second signal, no pre-signal steps any more.
    const twice = await anna.gql(SEND, { input: { caseId } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'SIGNAL_SENT',
    });
    expect((await step(caseId, 'DEBT_HELP_POINTER')).errors?.[0]?.message).toBe(
      'Het signaal is al verstuurd; stappen vóór het signaal kunnen niet meer worden vastgelegd.',
    );
    // The municipality sees the case but does not send signals for the corporation.
    const byMunicipality = await mehmet.gql(SEND, { input: { caseId } });
    expect(byMunicipality.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a tenant outside every municipality the corporation has an agreement with, writing nothing', async () => {
    const caseId = await openCase({ municipalityCode: '0363' });
    await passGate(caseId);
    const before = await sideEffects(caseId);
    const refused = await (await as('anna@delinde.example')).gql(SEND, { input: { caseId } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/geen gemeente voor de woonplaats van de huurder/);
    expect(await sideEffects(caseId)).toEqual(before);
  });

  it('answers a dossier others may not touch exactly like one that does not exist', async () => {
    const caseId = await openCase();
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const email of ['mehmet@rivierstad.example', 'bram@woonbronoost.example']) {
      const client = await as(email);
      const refused = await client.gql(SEND, { input: { caseId } });
      const missing = await client.gql(SEND, { input: { caseId: unknown } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(refused.errors?.[0]).toEqual(missing.errors?.[0]);
      const stepRefused = await client.gql(STEP, {
        input: { caseId, kind: 'DEBT_HELP_POINTER', performedOn: today },
      });
      expect(stepRefused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const [steps] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pre_signal_step WHERE case_id = $1`,
      [caseId],
    );
    expect(steps!.count).toBe(0);
  });

  it('shows the recorded gate steps to the corporation with who did them, and to the municipality without names', async () => {
    const caseId = await openCase();
    const STEPS = `query ($id: ID!) { case(id: $id) { preSignalSteps { kind performedOn offeredContactTransfer note performedBy { displayName } } } }`;
    type Steps = { case: { preSignalSteps: Record<string, unknown>[] } };
    const anna = await as('anna@delinde.example');
    expect((await anna.gql<Steps>(STEPS, { id: caseId })).data!.case.preSignalSteps).toEqual([]);
    await passGate(caseId);
    const seen = await anna.gql<Steps>(STEPS, { id: caseId });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.case.preSignalSteps).toEqual([
      {
        kind: 'WRITTEN_REMINDER',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: true,
        note: null,
        performedBy: { displayName: 'Anna de Vries' },
      },
      {
        kind: 'PERSONAL_CONTACT_ATTEMPT',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: null,
        note: 'Huisbezoek; betalingsregeling besproken.',
        performedBy: { displayName: 'Anna de Vries' },
      },
      {
        kind: 'DEBT_HELP_POINTER',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: null,
        note: null,
        performedBy: { displayName: 'Anna de Vries' },
      },
    ]);
    // Before the signal the municipality is not on the case at all.
    const mehmet = await as('mehmet@rivierstad.example');
    expect((await mehmet.gql(STEPS, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // After it, the steps are part of the arrears it receives by law, without the corporation's staff names.
    expect((await anna.gql(SEND, { input: { caseId } })).errors).toBeUndefined();
    const received = await mehmet.gql<Steps>(STEPS, { id: caseId });
    expect(received.errors).toBeUndefined();
    expect(received.data!.case.preSignalSteps.map((entry) => [entry.kind, entry.performedBy])).toEqual([
      ['WRITTEN_REMINDER', null],
      ['PERSONAL_CONTACT_ATTEMPT', null],
      ['DEBT_HELP_POINTER', null],
    ]);
    // Another corporation never sees them.
    const bram = await as('bram@woonbronoost.example');
    expect((await bram.gql(STEPS, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
