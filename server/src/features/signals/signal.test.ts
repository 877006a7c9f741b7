import { addCalendarDays } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import type { PreSignalStepKind, RecordPreSignalStepInput } from '../../testing/gql/graphql.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { dataOf, startTestApp, type TestApp } from '../../testing/test-app.js';
import { testToday } from '../../testing/test-clock.js';

const today = testToday();

const STEP = graphql(`
  mutation SignalRecordStep($input: RecordPreSignalStepInput!) {
    recordPreSignalStep(input: $input) {
      id
      caseId
      kind
      performedOn
      offeredContactTransfer
      note
      performedBy {
        displayName
      }
    }
  }
`);
const SEND = graphql(`
  mutation SignalSend($input: SendSignalInput!) {
    sendSignal(input: $input) {
      id
      caseId
      signalDate
      arrearsAmountCents
      arrearsAroseOn
      crisis
      warmHandover
      partnerType
      recipient {
        name
        kind
      }
      sentBy {
        displayName
      }
    }
  }
`);
const CASE = graphql(`
  query SignalCase($id: ID!) {
    case(id: $id) {
      id
      status
      coarseStatus
      crisis
      participants {
        role
        organization {
          name
        }
      }
      contact {
        surname
      }
      arrears {
        amountCents
      }
    }
  }
`);
const SIGNALLED_QUEUE = graphql(`
  query SignalSignalledQueue {
    cases(first: 100, filter: { assignedToMe: false, statuses: [SIGNALLED] }) {
      edges {
        node {
          id
        }
      }
    }
  }
`);
const STEPS = graphql(`
  query SignalPreSignalSteps($id: ID!) {
    case(id: $id) {
      preSignalSteps {
        kind
        performedOn
        offeredContactTransfer
        note
        performedBy {
          displayName
        }
      }
    }
  }
`);

const ALL_MISSING =
  'Nog niet vastgelegd: een schriftelijke herinnering met het aanbod om gegevens door te geven; een poging tot persoonlijk contact; een verwijzing naar schuldhulp.';

describe('the pre-signal gate and the early signal', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The corporation's case worker, who opens the dossiers and sends the signals. */
  let anna: Member;
  /** The municipality's debt counsellor, who receives them. */
  let mehmet: Member;

  const as = (member: Member) => factory.as(member);

  /** A dossier of the tenant S. Boateng, € 2.040 in arrears for 90 days. */
  async function openCase(options: { municipalityCode?: string } = {}): Promise<string> {
    const opened = await factory.openCase({
      surname: 'Boateng',
      arrearsCents: 204_000,
      aroseOn: addCalendarDays(today, -90),
      monthsInArrears: 3,
      ...options,
    });
    return opened.id;
  }

  async function step(
    caseId: string,
    kind: PreSignalStepKind,
    extra: Partial<Pick<RecordPreSignalStepInput, 'offeredContactTransfer' | 'note' | 'performedOn'>> = {},
  ) {
    return (await as(anna)).gql(STEP, {
      input: { caseId, kind, performedOn: addCalendarDays(today, -7), ...extra },
    });
  }

  async function passGate(caseId: string): Promise<void> {
    dataOf(await step(caseId, 'WRITTEN_REMINDER', { offeredContactTransfer: true }));
    dataOf(
      await step(caseId, 'PERSONAL_CONTACT_ATTEMPT', { note: 'Huisbezoek; betalingsregeling besproken.' }),
    );
    dataOf(await step(caseId, 'DEBT_HELP_POINTER'));
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
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    anna = region.corporation.caseWorker;
    mehmet = region.municipality.counsellor;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('names every step that is still missing, and a reminder without the offer does not count', async () => {
    const caseId = await openCase();
    const before = await sideEffects(caseId);
    const none = await (await as(anna)).gql(SEND, { input: { caseId } });
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
    expect(dataOf(withoutOffer).recordPreSignalStep).toMatchObject({
      caseId,
      kind: 'WRITTEN_REMINDER',
      offeredContactTransfer: false,
      performedOn: addCalendarDays(today, -7),
      performedBy: { displayName: 'Anna Incasso' },
    });
    expect((await step(caseId, 'PERSONAL_CONTACT_ATTEMPT')).errors).toBeUndefined();
    const stillMissing = await (await as(anna)).gql(SEND, { input: { caseId } });
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
    const refused = await (await as(anna)).gql(SEND, { input: { caseId, crisis: true } });
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
    const annaClient = await as(anna);
    const sent = dataOf(await annaClient.gql(SEND, { input: { caseId, crisis: true, warmHandover: true } }));
    expect(sent.sendSignal).toMatchObject({
      caseId,
      signalDate: today,
      arrearsAmountCents: 204_000,
      arrearsAroseOn: addCalendarDays(today, -90),
      crisis: true,
      warmHandover: true,
      partnerType: 'HUUR',
      // The region's municipality: the only one the corporation has an agreement with.
      recipient: { name: region.municipality.organization.name, kind: 'MUNICIPALITY' },
      sentBy: { displayName: 'Anna Incasso' },
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
      email: anna.email,
    });
    const [audit] = await database.query<Record<string, unknown>>(
      `SELECT action, categories::text, basis FROM audit_event WHERE case_id = $1 AND entity_type = 'signal'`,
      [caseId],
    );
    expect(audit).toEqual({ action: 'CREATE', categories: '{CONTACT,ARREARS}', basis: 'WGS_ART_3_SIGNAL' });

    const seenByAnna = dataOf(await annaClient.gql(CASE, { id: caseId }));
    expect(seenByAnna.case).toMatchObject({ status: null, coarseStatus: 'SIGNAL_SENT', crisis: true });

    // The municipality's queue: mehmet finds it in `cases` and reads contact and arrears by legal task.
    const mehmetClient = await as(mehmet);
    const listed = dataOf(await mehmetClient.gql(SIGNALLED_QUEUE));
    expect(listed.cases.edges.map((edge) => edge.node.id)).toContain(caseId);
    const seenByMehmet = dataOf(await mehmetClient.gql(CASE, { id: caseId }));
    expect(seenByMehmet.case).toMatchObject({
      status: 'SIGNALLED',
      participants: [
        { role: 'REFERRER', organization: { name: region.corporation.organization.name } },
        { role: 'MUNICIPALITY', organization: { name: region.municipality.organization.name } },
      ],
      contact: { surname: 'Boateng' },
      arrears: { amountCents: 204_000 },
    });

    // Once sent, it is sent: no second signal, no pre-signal steps any more.
    const twice = await annaClient.gql(SEND, { input: { caseId } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      currentStatus: 'SIGNAL_SENT',
    });
    expect((await step(caseId, 'DEBT_HELP_POINTER')).errors?.[0]?.message).toBe(
      'Het signaal is al verstuurd; stappen vóór het signaal kunnen niet meer worden vastgelegd.',
    );
    // The municipality sees the case but does not send signals for the corporation.
    const byMunicipality = await mehmetClient.gql(SEND, { input: { caseId } });
    expect(byMunicipality.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a tenant outside every municipality the corporation has an agreement with, writing nothing', async () => {
    const caseId = await openCase({ municipalityCode: '0363' });
    await passGate(caseId);
    const before = await sideEffects(caseId);
    const refused = await (await as(anna)).gql(SEND, { input: { caseId } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/geen gemeente voor de woonplaats van de huurder/);
    expect(await sideEffects(caseId)).toEqual(before);
  });

  it('answers a dossier others may not touch exactly like one that does not exist', async () => {
    const caseId = await openCase();
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const member of [mehmet, region.stranger.caseWorker]) {
      const client = await as(member);
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
    const annaClient = await as(anna);
    expect(dataOf(await annaClient.gql(STEPS, { id: caseId })).case.preSignalSteps).toEqual([]);
    await passGate(caseId);
    const seen = dataOf(await annaClient.gql(STEPS, { id: caseId }));
    expect(seen.case.preSignalSteps).toEqual([
      {
        kind: 'WRITTEN_REMINDER',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: true,
        note: null,
        performedBy: { displayName: 'Anna Incasso' },
      },
      {
        kind: 'PERSONAL_CONTACT_ATTEMPT',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: null,
        note: 'Huisbezoek; betalingsregeling besproken.',
        performedBy: { displayName: 'Anna Incasso' },
      },
      {
        kind: 'DEBT_HELP_POINTER',
        performedOn: addCalendarDays(today, -7),
        offeredContactTransfer: null,
        note: null,
        performedBy: { displayName: 'Anna Incasso' },
      },
    ]);
    // Before the signal the municipality is not on the case at all.
    const mehmetClient = await as(mehmet);
    expect((await mehmetClient.gql(STEPS, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // After it, the steps are part of the arrears it receives by law, without the corporation's staff names.
    dataOf(await annaClient.gql(SEND, { input: { caseId } }));
    const received = dataOf(await mehmetClient.gql(STEPS, { id: caseId }));
    expect(received.case.preSignalSteps.map((entry) => [entry.kind, entry.performedBy])).toEqual([
      ['WRITTEN_REMINDER', null],
      ['PERSONAL_CONTACT_ATTEMPT', null],
      ['DEBT_HELP_POINTER', null],
    ]);
    // Another corporation never sees them.
    const bram = await as(region.stranger.caseWorker);
    expect((await bram.gql(STEPS, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
