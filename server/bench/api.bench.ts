import { randomBytes } from 'node:crypto';
import { addCalendarDays, formatDutchDate } from '@vangnet/shared';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { seedDemoWorld } from '../src/features/demo/seed-demo.js';
import { TEST_NOW, testToday } from '../src/testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../src/testing/test-app.js';

/**
 * Speed of the paths people wait for, measured against the real app and a real PostgreSQL (never by
 * timed unit tests). Run with `pnpm bench`; compare runs on the same machine.
 */
let database: TestDatabase;
let app: TestApp;
let lotte: TestClient;
let sanne: TestClient;
let anna: TestClient;
let sanneCaseId: string;
let importRound = 0;

const CASES_PAGE = `{ cases(first: 25) { totalCount edges { node { id reference status coarseStatus assignees { displayName } } } } }`;
const CASE_PAGE = `query ($id: ID!) { case(id: $id) {
  reference status access { category allowed reason }
  contact { surname } arrears { amountCents history { amountCents } collectionSteps { kind } }
  household { adults } incomeExpenses { monthlyIncomeCents } debts { totalCents } referrals { status }
} }`;
const IMPORT = `mutation ($input: ImportArrearsInput!) { importArrears(input: $input) { created updated unchanged errors } }`;

function arrearsCsv(rows: number, round: number): string {
  const aroseOn = formatDutchDate(addCalendarDays(testToday(), -60));
  const lines = [
    'contractnummer;voorletters;tussenvoegsel;achternaam;straat;huisnummer;toevoeging;postcode;woonplaats;bedrag;ontstaan_op',
  ];
  for (let index = 0; index < rows; index += 1) {
    lines.push(
      `BENCH-${index};J.;;Jansen;Lindelaan;${1 + (index % 200)};;9999AB;Rivierstad;${100 + round},${String(index % 100).padStart(2, '0')};${aroseOn}`,
    );
  }
  return lines.join('\n');
}

async function client(email: string): Promise<TestClient> {
  const next = app.client();
  const login = await next.login(email);
  if (login.errors) throw new Error(`login failed for ${email}`);
  return next;
}

beforeAll(async () => {
  const bsnKey = randomBytes(32);
  database = await createTestDatabase();
  await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
  app = await startTestApp(database.dataSource, { bsnKey });
  [lotte, sanne, anna] = await Promise.all([
    client('lotte@rivierstad.example'),
    client('sanne@kredietbank.example'),
    client('anna@delinde.example'),
  ]);
  const result = await sanne.gql<{ cases: { edges: { node: { id: string } }[] } }>(
    `{ cases(first: 1) { edges { node { id } } } }`,
  );
  sanneCaseId = result.data!.cases.edges[0]!.node.id;
});

afterAll(async () => {
  await app.stop();
  await database.drop();
});

describe('reading', () => {
  bench('cases list, first page (team lead, access predicate in SQL)', async () => {
    await lotte.gql(CASES_PAGE);
  });

  bench('one case with every section and its access descriptors', async () => {
    await sanne.gql(CASE_PAGE, { id: sanneCaseId });
  });
});

describe('writing', () => {
  bench(
    'arrears import of 10,000 rows (creates, then updates every row)',
    async () => {
      importRound += 1;
      const result = await anna.gql<{ importArrears: { errors: number } }>(IMPORT, {
        input: { fileName: `bench-${importRound}.csv`, csv: arrearsCsv(10_000, importRound) },
      });
      if (result.errors || result.data?.importArrears.errors) throw new Error('import failed');
    },
    { iterations: 3, warmupIterations: 0 },
  );
});
