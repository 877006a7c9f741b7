import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { addCalendarDays } from '@vangnet/shared';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { TEST_NOW, TEST_NOW_SQL, testToday } from '../../testing/test-clock.js';

const CREATE_CASE = `mutation ($input: CreateCaseInput!) {
  createCase(input: $input) {
    id reference status coarseStatus crisis myParticipantRole
    assignees { displayName }
    participants { role organization { name } }
    contact { initials prefix surname postcode email }
    arrears { amountCents aroseOn monthsInArrears history { amountCents } }
  }
}`;

interface CreatedCase {
  createCase: {
    id: string;
    reference: string;
    status: string | null;
    coarseStatus: string;
    crisis: boolean;
    myParticipantRole: string;
    assignees: { displayName: string }[];
    participants: { role: string; organization: { name: string } }[];
    contact: {
      initials: string;
      prefix: string | null;
      surname: string;
      postcode: string;
      email: string | null;
    };
    arrears: {
      amountCents: number;
      aroseOn: string;
      monthsInArrears: number;
      history: { amountCents: number }[];
    };
  };
}

const today = testToday();

function newCase(contractNumber: string, tenant: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tenant: {
      initials: 'J.',
      prefix: 'van',
      surname: 'Dijk',
      birthDate: '1980-04-12',
      street: 'Lindelaan',
      houseNumber: 12,
      houseNumberAddition: 'B',
      postcode: '9999 ab',
      city: 'Rivierstad',
      phone: '06 12345678',
      email: 'J.vanDijk@Mail.example',
      preferredChannel: 'PHONE',
      ...tenant,
    },
    tenancy: { contractNumber, monthlyRentCents: 72_500 },
    arrears: { amountCents: 145_000, aroseOn: addCalendarDays(today, -60), monthsInArrears: 2 },
    crisis: false,
  };
}

describe('a corporation opens a dossier (createCase)', () => {
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

  async function counts(): Promise<Record<string, number>> {
    const [row] = await database.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM tenant) AS tenants, (SELECT count(*)::int FROM household) AS households,
              (SELECT count(*)::int FROM tenancy) AS tenancies, (SELECT count(*)::int FROM case_file) AS cases,
              (SELECT count(*)::int FROM case_participant) AS participants, (SELECT count(*)::int FROM case_assignee) AS assignees,
              (SELECT count(*)::int FROM arrears) AS arrears, (SELECT count(*)::int FROM arrears_change) AS arrears_changes,
              (SELECT count(*)::int FROM audit_event WHERE action IN ('CREATE', 'UPDATE', 'DELETE')) AS audit_writes`,
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

  it('opens a PRE_SIGNAL dossier with its tenant, tenancy and arrears, assigned to anna, and audits it', async () => {
    const anna = await as('anna@delinde.example');
    const result = await anna.gql<CreatedCase>(CREATE_CASE, { input: newCase('DL-900001') });
    expect(result.errors).toBeUndefined();
    const created = result.data!.createCase;
    expect(created.reference).toMatch(new RegExp(`^VN-${today.slice(0, 4)}-\\d{6}$`));
    // The demo world holds VN-…-000001 … 000050; new references continue after them.
    expect(Number(created.reference.slice(-6))).toBeGreaterThan(50);
    expect(created).toMatchObject({
      status: null,
      coarseStatus: 'PRE_SIGNAL',
      crisis: false,
      myParticipantRole: 'REFERRER',
      assignees: [{ displayName: 'Anna de Vries' }],
      participants: [{ role: 'REFERRER', organization: { name: 'Woonstichting De Linde' } }],
      contact: {
        initials: 'J.',
        prefix: 'van',
        surname: 'Dijk',
        postcode: '9999AB',
        email: 'j.vandijk@mail.example',
      },
      arrears: { amountCents: 145_000, monthsInArrears: 2, history: [{ amountCents: 145_000 }] },
    });

    const [stored] = await database.query<{
      status: string;
      tenant_origin: string;
      municipality_code: string;
      tenancy_corp: string;
      arrears_origin: string;
      adults: number;
    }>(
      `SELECT c.status, t.origin_org_id AS tenant_origin, t.municipality_code, tn.corporation_id AS tenancy_corp,
              a.origin_org_id AS arrears_origin, h.adults
         FROM case_file c JOIN tenant t ON t.id = c.tenant_id JOIN tenancy tn ON tn.id = c.tenancy_id
         JOIN arrears a ON a.case_id = c.id JOIN household h ON h.tenant_id = t.id
        WHERE c.id = $1`,
      [created.id],
    );
    const [deLinde] = await database.query<{ id: string }>(
      `SELECT id FROM organization WHERE name = 'Woonstichting De Linde'`,
    );
    expect(stored).toEqual({
      status: 'PRE_SIGNAL',
      tenant_origin: deLinde!.id,
      municipality_code: '9999',
      tenancy_corp: deLinde!.id,
      arrears_origin: deLinde!.id,
      adults: 1,
    });
    const audit = await database.query<{ action: string; categories: string; basis: string }>(
      `SELECT action, categories::text, basis FROM audit_event WHERE entity_type = 'case' AND entity_id = $1 ORDER BY seq`,
      [created.id],
    );
    // The write, and the read of the sections the mutation returned.
    expect(audit).toEqual([
      { action: 'CREATE', categories: '{CONTACT,HOUSEHOLD,ARREARS}', basis: 'ORIGIN' },
      { action: 'READ', categories: '{ARREARS,CONTACT}', basis: 'ORIGIN' },
    ]);
  });

  it('refuses a second open dossier for the same contract, naming the one that runs, and leaves nothing behind', async () => {
    const tom = await as('tom@delinde.example');
    const first = await tom.gql<CreatedCase>(CREATE_CASE, { input: newCase('DL-900002') });
    expect(first.errors).toBeUndefined();
    const before = await counts();
    const second = await tom.gql(CREATE_CASE, { input: newCase('DL-900002', { surname: 'Anders' }) });
    expect(second.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(second.errors?.[0]?.message).toBe(
      `Er loopt al een dossier voor dit huurcontract: ${first.data!.createCase.reference}.`,
    );
    expect(await counts()).toEqual(before);
  });

  it('opens a new dossier on the same tenancy once the earlier one is closed', async () => {
    const tom = await as('tom@delinde.example');
    const first = await tom.gql<CreatedCase>(CREATE_CASE, { input: newCase('DL-900003') });
    await database.query(
      `UPDATE case_file SET status = 'CLOSED', closed_at = ${TEST_NOW_SQL} WHERE id = $1`,
      [first.data!.createCase.id],
    );
    const again = await tom.gql<CreatedCase>(CREATE_CASE, {
      input: newCase('DL-900003', { phone: '06 87654321' }),
    });
    expect(again.errors).toBeUndefined();
    const rows = await database.query<{ tenant_id: string; tenancy_id: string; phone: string }>(
      `SELECT c.tenant_id, c.tenancy_id, t.phone FROM case_file c JOIN tenant t ON t.id = c.tenant_id WHERE c.id = ANY($1::uuid[])`,
      [[first.data!.createCase.id, again.data!.createCase.id]],
    );
    expect(new Set(rows.map((row) => row.tenancy_id)).size).toBe(1);
    expect(new Set(rows.map((row) => row.tenant_id)).size).toBe(1);
    expect(rows[0]!.phone).toBe('06 87654321');
  });

  it('names every wrong field, as words in Dutch and as codes for the client, and writes nothing', async () => {
    const anna = await as('anna@delinde.example');
    const before = await counts();
    const input = newCase('DL-900004', { postcode: '123 AB', surname: '  ', email: 'geen-adres' });
    (input.arrears as Record<string, unknown>).aroseOn = addCalendarDays(today, 3);
    (input.arrears as Record<string, unknown>).amountCents = -5;
    const result = await anna.gql(CREATE_CASE, { input });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual({
      'tenant.postcode': 'Vul een geldige postcode in, zoals 1234 AB.',
      'tenant.surname': 'Vul dit in.',
      'tenant.email': 'Vul een geldig e-mailadres in.',
      'arrears.amountCents': 'Het bedrag kan niet negatief zijn.',
      'arrears.aroseOn': 'Deze datum ligt in de toekomst.',
    });
    expect(result.errors?.[0]?.extensions?.fieldIssues).toEqual(
      expect.arrayContaining([
        { field: 'tenant.surname', code: 'REQUIRED', params: {} },
        { field: 'arrears.amountCents', code: 'AMOUNT_TOO_SMALL', params: { min: 0 } },
        { field: 'arrears.aroseOn', code: 'DATE_IN_FUTURE', params: {} },
      ]),
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses implausible values: a birth date in the future, arrears from before 1990, an absurd rent', async () => {
    const anna = await as('anna@delinde.example');
    const before = await counts();
    const input = newCase('DL-900006', { birthDate: addCalendarDays(today, 1) });
    (input.arrears as Record<string, unknown>).aroseOn = '1989-12-31';
    (input.tenancy as Record<string, unknown>).monthlyRentCents = 2_000_000_000;
    const result = await anna.gql(CREATE_CASE, { input });
    expect(result.errors?.[0]?.extensions?.fieldIssues).toEqual([
      { field: 'tenant.birthDate', code: 'DATE_IN_FUTURE', params: {} },
      { field: 'tenancy.monthlyRentCents', code: 'AMOUNT_TOO_LARGE', params: { max: 1_000_000 } },
      { field: 'arrears.aroseOn', code: 'DATE_TOO_EARLY', params: { min: '1990-01-01' } },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NUL byte in any text as bad input, never as an internal error', async () => {
    const anna = await as('anna@delinde.example');
    const before = await counts();
    const result = await anna.gql(CREATE_CASE, { input: newCase('DL-900007', { surname: 'Jan\u0000sen' }) });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldIssues: [{ field: 'tenant.surname', code: 'CONTROL_CHARACTERS', params: {} }],
    });
    expect(await counts()).toEqual(before);
  });

  it('never accepts a BSN from a corporation', async () => {
    const anna = await as('anna@delinde.example');
    const before = await counts();
    const result = await anna.gql(CREATE_CASE, { input: newCase('DL-900005', { bsn: '111222333' }) });
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(await counts()).toEqual(before);
  });

  it('lets only a housing corporation open a dossier', async () => {
    const mehmet = await as('mehmet@rivierstad.example');
    const before = await counts();
    const result = await mehmet.gql(CREATE_CASE, { input: newCase('GR-1') });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await counts();
    expect(after).toEqual(before);
    const [denied] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
        WHERE u.email = 'mehmet@rivierstad.example' AND e.action = 'ACCESS_DENIED' AND e.details ->> 'attempted' = 'createCase'`,
    );
    expect(denied!.count).toBe(1);
  });
});
