import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../../testing/factories.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { addCalendarDays, formatDutchDate, monthsSince } from '@vangnet/shared';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

const HEADER =
  'contractnummer;voorletters;tussenvoegsel;achternaam;straat;huisnummer;toevoeging;postcode;woonplaats;bedrag;ontstaan_op';
const IMPORT = `mutation ($input: ImportArrearsInput!) {
  importArrears(input: $input) {
    importId rowsTotal created updated unchanged errors
    rows { line contractNumber outcome caseReference message }
  }
}`;

interface ImportResult {
  importArrears: {
    importId: string;
    rowsTotal: number;
    created: number;
    updated: number;
    unchanged: number;
    errors: number;
    rows: {
      line: number;
      contractNumber: string | null;
      outcome: string;
      caseReference: string | null;
      message: string | null;
    }[];
  };
}

const today = testToday();
const aroseOn = formatDutchDate(addCalendarDays(today, -75));
const expectedMonths = monthsSince(addCalendarDays(today, -75), today);

function row(
  contract: string,
  amount: string,
  overrides: { postcode?: string; surname?: string; date?: string } = {},
): string {
  return `${contract};"J.";van;${overrides.surname ?? 'Dijk'};Lindelaan;12;B;${overrides.postcode ?? '9999 AB'};Rivierstad;${amount};${overrides.date ?? aroseOn}`;
}

interface Totals {
  tenants: number;
  tenancies: number;
  cases: number;
  arrears: number;
  arrears_changes: number;
  imports: number;
  audit_writes: number;
}

describe('the arrears import', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();

  async function as(email: string, password?: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      expect((await client.login(email, password)).errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  async function importAs(email: string, lines: string[], fileName = 'achterstanden.csv') {
    return (await as(email)).gql<ImportResult>(IMPORT, {
      input: { fileName, csv: `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n` },
    });
  }

  async function totals(): Promise<Totals> {
    const [counts] = await database.query<Totals>(
      `SELECT (SELECT count(*)::int FROM tenant) AS tenants, (SELECT count(*)::int FROM tenancy) AS tenancies,
              (SELECT count(*)::int FROM case_file) AS cases, (SELECT count(*)::int FROM arrears) AS arrears,
              (SELECT count(*)::int FROM arrears_change) AS arrears_changes, (SELECT count(*)::int FROM arrears_import) AS imports,
              (SELECT count(*)::int FROM audit_event WHERE action IN ('CREATE', 'UPDATE')) AS audit_writes`,
    );
    return counts!;
  }

  /** A demo dossier of De Linde that anna works on, with its contract and arrears. */
  async function annasOpenContract(
    offset = 0,
  ): Promise<{ contract: string; reference: string; caseId: string; amount: number }> {
    const rows = await database.query<{
      contract: string;
      reference: string;
      case_id: string;
      amount: number;
    }>(
      `SELECT tn.contract_number AS contract, c.reference, c.id AS case_id, a.amount_cents AS amount
         FROM case_file c JOIN tenancy tn ON tn.id = c.tenancy_id JOIN arrears a ON a.case_id = c.id
         JOIN case_assignee ca ON ca.case_id = c.id JOIN app_user u ON u.id = ca.user_id AND u.email = 'anna@delinde.example'
        WHERE c.status NOT IN ('CLOSED', 'PRE_SIGNAL') ORDER BY c.reference`,
    );
    const found = rows[offset]!;
    return {
      contract: found.contract,
      reference: found.reference,
      caseId: found.case_id,
      amount: found.amount,
    };
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

  it('opens dossiers for unknown contracts in the queue, updates known ones, and records the import once', async () => {
    const known = await annasOpenContract();
    const before = await totals();
    const result = await importAs('anna@delinde.example', [
      row('DL-IMP-1', '1.234,56'),
      row(known.contract, '€ 2.000,00'),
      row('DL-IMP-2', '350,00', { surname: 'Yıldız' }),
    ]);
    expect(result.errors).toBeUndefined();
    const imported = result.data!.importArrears;
    expect(imported).toMatchObject({ rowsTotal: 3, created: 2, updated: 1, unchanged: 0, errors: 0 });
    expect(imported.rows.map((entry) => [entry.line, entry.contractNumber, entry.outcome])).toEqual([
      [2, 'DL-IMP-1', 'CREATED'],
      [3, known.contract, 'UPDATED'],
      [4, 'DL-IMP-2', 'CREATED'],
    ]);
    expect(imported.rows[1]!.caseReference).toBe(known.reference);
    expect(imported.rows[1]!.message).toMatch(/^Achterstand bijgewerkt: € [\d.,]+ → € 2\.000,00\.$/);

    const created = await database.query<{
      status: string;
      participants: string;
      assignees: number;
      amount_cents: number;
      history: number;
      surname: string;
      postcode: string;
      months: number;
    }>(
      `SELECT c.status, (SELECT string_agg(p.role::text, ',') FROM case_participant p WHERE p.case_id = c.id) AS participants,
              (SELECT count(*)::int FROM case_assignee ca WHERE ca.case_id = c.id) AS assignees,
              a.amount_cents, (SELECT count(*)::int FROM arrears_change h WHERE h.case_id = c.id) AS history,
              t.surname, t.postcode, a.months_in_arrears AS months
         FROM case_file c JOIN arrears a ON a.case_id = c.id JOIN tenant t ON t.id = c.tenant_id
        WHERE c.reference = ANY($1::text[]) ORDER BY a.amount_cents DESC`,
      [[imported.rows[0]!.caseReference, imported.rows[2]!.caseReference]],
    );
    expect(created).toEqual([
      {
        status: 'PRE_SIGNAL',
        participants: 'REFERRER',
        assignees: 0,
        amount_cents: 123_456,
        history: 1,
        surname: 'Dijk',
        postcode: '9999AB',
        months: expectedMonths,
      },
      {
        status: 'PRE_SIGNAL',
        participants: 'REFERRER',
        assignees: 0,
        amount_cents: 35_000,
        history: 1,
        surname: 'Yıldız',
        postcode: '9999AB',
        months: expectedMonths,
      },
    ]);
    const after = await totals();
    expect(after).toEqual({
      tenants: before.tenants + 2,
      tenancies: before.tenancies + 2,
      cases: before.cases + 2,
      arrears: before.arrears + 2,
      arrears_changes: before.arrears_changes + 3,
      imports: before.imports + 1,
      audit_writes: before.audit_writes + 1,
    });
    const [audit] = await database.query<{
      entity_id: string;
      categories: string;
      details: Record<string, unknown>;
    }>(
      `SELECT entity_id, categories::text, details FROM audit_event WHERE entity_type = 'arrears-import' AND action = 'CREATE'`,
    );
    expect(audit).toMatchObject({
      entity_id: imported.importId,
      categories: '{CONTACT,HOUSEHOLD,ARREARS}',
      details: { rowsTotal: 3, created: 2, updated: 1, unchanged: 0, errors: 0 },
    });
    expect((audit!.details.cases as string[]).length).toBe(3);
    expect(audit!.details.cases).toContain(known.caseId);

    // The new dossiers are in De Linde's queue: tom (team lead) and anna see them; Woonbron Oost does not.
    const cases = await (
      await as('anna@delinde.example')
    ).gql<{ cases: { totalCount: number } }>(
      `query ($reference: String) { cases(filter: { reference: $reference, assignedToMe: false }) { totalCount } }`,
      { reference: imported.rows[0]!.caseReference },
    );
    expect(cases.data!.cases.totalCount).toBe(1);
  });

  it('imports the good rows of a file with mistakes and gives each wrong row its reason', async () => {
    const before = await totals();
    const result = await importAs('anna@delinde.example', [
      row('DL-MIX-1', '100,00'),
      row('DL-MIX-2', '100,00', { postcode: '99 AB' }),
      row('DL-MIX-3', '12.50'),
      row('DL-MIX-4', '10,00'),
      row('DL-MIX-4', '20,00'),
      row('DL-MIX-5', '0,00'),
      row('DL-MIX-6', '80,00', { date: formatDutchDate(addCalendarDays(today, 1)) }),
    ]);
    expect(result.errors).toBeUndefined();
    const imported = result.data!.importArrears;
    expect(imported).toMatchObject({ rowsTotal: 7, created: 1, updated: 0, unchanged: 1, errors: 5 });
    expect(imported.rows.map((entry) => [entry.line, entry.outcome, entry.message])).toEqual([
      [2, 'CREATED', 'Nieuw dossier geopend met een achterstand van € 100,00.'],
      [3, 'ERROR', 'postcode: Vul een geldige postcode in, zoals 1234 AB.'],
      [4, 'ERROR', 'bedrag: Geen geldig bedrag; schrijf het als 1234,56 (met een komma).'],
      [5, 'ERROR', 'Dit huurcontract staat meer dan eens in het bestand (regels 5, 6).'],
      [6, 'ERROR', 'Dit huurcontract staat meer dan eens in het bestand (regels 5, 6).'],
      [7, 'UNCHANGED', 'Geen achterstand; er is geen dossier geopend.'],
      [8, 'ERROR', 'ontstaan_op: Deze datum ligt in de toekomst.'],
    ]);
    const after = await totals();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.arrears_changes).toBe(before.arrears_changes + 1);
  });

  it('changes nothing when the same file comes in again, and records one history entry for a changed amount', async () => {
    const known = await annasOpenContract(1);
    const file = [row('DL-AGAIN-1', '500,00'), row('DL-AGAIN-2', '600,00'), row(known.contract, '700,00')];
    const first = await importAs('anna@delinde.example', file);
    expect(first.data!.importArrears).toMatchObject({ created: 2, updated: 1 });

    const before = await totals();
    const again = await importAs('anna@delinde.example', file);
    expect(again.data!.importArrears).toMatchObject({
      rowsTotal: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      errors: 0,
    });
    expect(again.data!.importArrears.rows.map((entry) => entry.caseReference)).toEqual(
      first.data!.importArrears.rows.map((entry) => entry.caseReference),
    );
    const afterAgain = await totals();
    expect(afterAgain).toEqual({
      ...before,
      imports: before.imports + 1,
      audit_writes: before.audit_writes + 1,
    });

    const changed = await importAs('anna@delinde.example', [file[0]!, row('DL-AGAIN-2', '650,00'), file[2]!]);
    expect(changed.data!.importArrears).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(changed.data!.importArrears.rows[1]).toMatchObject({
      outcome: 'UPDATED',
      message: 'Achterstand bijgewerkt: € 600,00 → € 650,00.',
    });
    const after = await totals();
    expect(after.arrears_changes).toBe(afterAgain.arrears_changes + 1);
    const [current] = await database.query<{ amount_cents: number; version: number }>(
      `SELECT a.amount_cents, a.version FROM arrears a JOIN case_file c ON c.id = a.case_id WHERE c.reference = $1`,
      [changed.data!.importArrears.rows[1]!.caseReference],
    );
    expect(current).toEqual({ amount_cents: 65_000, version: 2 });
  });

  it("does not touch a dossier the importer may not update, nor another corporation's contracts", async () => {
    // A dossier tom opened is assigned to tom: anna (need-to-know) may not update it.
    const tom = await as('tom@delinde.example');
    const opened = await tom.gql<{ createCase: { reference: string } }>(
      `mutation ($input: CreateCaseInput!) { createCase(input: $input) { reference } }`,
      {
        input: {
          tenant: {
            initials: 'P.',
            surname: 'Vos',
            street: 'Kerkplein',
            houseNumber: 1,
            postcode: '9902BB',
            city: 'Rivierstad',
          },
          tenancy: { contractNumber: 'DL-TOM-1', monthlyRentCents: 65_000 },
          arrears: { amountCents: 50_000, aroseOn: addCalendarDays(today, -30), monthsInArrears: 1 },
        },
      },
    );
    expect(opened.errors).toBeUndefined();
    const annas = await importAs('anna@delinde.example', [row('DL-TOM-1', '900,00')]);
    expect(annas.data!.importArrears.rows[0]).toEqual({
      line: 2,
      contractNumber: 'DL-TOM-1',
      outcome: 'ERROR',
      caseReference: null,
      message: 'Voor dit huurcontract loopt al een dossier dat jij niet mag bijwerken. Vraag je teamleider.',
    });
    const [amount] = await database.query<{ amount_cents: number }>(
      `SELECT a.amount_cents FROM arrears a JOIN case_file c ON c.id = a.case_id WHERE c.reference = $1`,
      [opened.data!.createCase.reference],
    );
    expect(amount!.amount_cents).toBe(50_000);

    // Contract numbers belong to a corporation: the same number at Woonbron Oost is another tenancy.
    const known = await annasOpenContract();
    const brams = await importAs('bram@woonbronoost.example', [row(known.contract, '1,00')]);
    expect(brams.data!.importArrears.rows[0]!.outcome).toBe('CREATED');
    const [deLinde] = await database.query<{ amount_cents: number }>(
      `SELECT amount_cents FROM arrears WHERE case_id = $1`,
      [known.caseId],
    );
    expect(deLinde!.amount_cents).not.toBe(100);
  });

  it('refuses a file it cannot read as a whole, and anyone who is not a corporation, writing nothing', async () => {
    const before = await totals();
    const wrongSeparator = await (
      await as('anna@delinde.example')
    ).gql(IMPORT, {
      input: { fileName: 'export.csv', csv: `${HEADER.replaceAll(';', ',')}\nDL-1,J.,,Dijk` },
    });
    expect(wrongSeparator.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongSeparator.errors?.[0]?.message).toMatch(/Gebruik een puntkomma/);
    const municipality = await importAs('mehmet@rivierstad.example', [row('X-1', '1,00')]);
    expect(municipality.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await totals()).toEqual(before);
  });

  it('imports 10,000 rows in a few set-based statements', { timeout: 120_000 }, async () => {
    const corporation = await createOrganization(
      database.dataSource,
      'HOUSING_CORPORATION',
      'Woningstichting Groot',
    );
    const user = await createUser(database.dataSource, {
      email: 'import@groot.example',
      memberships: [{ organization: corporation, role: 'CASE_WORKER' }],
    });
    await as(user.email, user.password);
    const lines = Array.from(
      { length: 10_000 },
      (_, index) =>
        `G${index};A.;;Smit;Laan;${1 + (index % 300)};;9999AA;Stad;${100 + (index % 900)},${String(index % 100).padStart(2, '0')};${aroseOn}`,
    );
    let started = performance.now();
    const first = await importAs(user.email, lines, 'groot.csv');
    console.info(`imported 10,000 new rows in ${Math.round(performance.now() - started)} ms`);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importArrears).toMatchObject({
      rowsTotal: 10_000,
      created: 10_000,
      updated: 0,
      unchanged: 0,
      errors: 0,
    });

    lines[17] = lines[17]!.replace(/;[\d,]+;([^;]+)$/, ';9999,99;$1');
    started = performance.now();
    const again = await importAs(user.email, lines, 'groot.csv');
    console.info(`re-imported 10,000 rows (one changed) in ${Math.round(performance.now() - started)} ms`);
    expect(again.data!.importArrears).toMatchObject({
      rowsTotal: 10_000,
      created: 0,
      updated: 1,
      unchanged: 9_999,
      errors: 0,
    });

    const [stored] = await database.query<{ cases: number; history: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM case_file WHERE origin_org_id = $1) AS cases,
              (SELECT count(*)::int FROM arrears_change WHERE origin_org_id = $1) AS history,
              (SELECT count(*)::int FROM audit_event WHERE actor_org_id = $1 AND action = 'CREATE') AS events`,
      [corporation.id],
    );
    expect(stored).toEqual({ cases: 10_000, history: 10_001, events: 2 });
  });
});
