import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { TEST_NOW } from '../../testing/test-clock.js';

interface CasesPage {
  cases: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        reference: string;
        status: string | null;
        coarseStatus: string;
        origin: { name: string };
        participants: { role: string; organization: { name: string } }[];
        assignees: { displayName: string }[];
      };
    }[];
  };
}

const CASES = `query ($first: Int, $after: String, $filter: CaseFilter) {
  cases(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id reference status coarseStatus origin { name } participants { role organization { name } } assignees { displayName } } }
  }
}`;

describe('reading cases', () => {
  let database: TestDatabase;
  let app: TestApp;
  const clients = new Map<string, TestClient>();

  async function as(email: string): Promise<TestClient> {
    let client = clients.get(email);
    if (!client) {
      client = app.client();
      const login = await client.login(email);
      expect(login.errors).toBeUndefined();
      clients.set(email, client);
    }
    return client;
  }

  async function allCases(
    email: string,
    filter?: Record<string, unknown>,
  ): Promise<CasesPage['cases']['edges'][number]['node'][]> {
    const result = await (await as(email)).gql<CasesPage>(CASES, { first: 100, filter });
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge) => edge.node);
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

  it('shows bram of Woonbron Oost nothing of Woonstichting De Linde', async () => {
    const cases = await allCases('bram@woonbronoost.example');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((node) => node.origin.name === 'Woonbron Oost')).toBe(true);
    const deLinde = await allCases('tom@delinde.example');
    for (const node of deLinde) {
      const result = await (
        await as('bram@woonbronoost.example')
      ).gql(`query ($id: ID!) { case(id: $id) { reference } }`, { id: node.id });
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('answers a case I may not see exactly like a case that does not exist', async () => {
    const hidden = (await allCases('tom@delinde.example'))[0]!;
    const bram = await as('bram@woonbronoost.example');
    const notMine = await bram.gql(`query ($id: ID!) { case(id: $id) { reference } }`, { id: hidden.id });
    const nonexistent = await bram.gql(`query ($id: ID!) { case(id: $id) { reference } }`, {
      id: randomUUID(),
    });
    const garbage = await bram.gql(`query ($id: ID!) { case(id: $id) { reference } }`, { id: 'not-a-uuid' });
    expect(notMine).toEqual(nonexistent);
    expect(garbage).toEqual(nonexistent);
  });

  it('gives a case worker their own cases plus the org queue, and the team lead every case of the org', async () => {
    const anna = await allCases('anna@delinde.example');
    const tom = await allCases('tom@delinde.example');
    const [expected] = await database.query<{ total: number; for_anna: number }>(`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM case_assignee a JOIN app_user u ON u.id = a.user_id WHERE a.case_id = c.id AND a.organization_id = p.organization_id AND u.email = 'anna@delinde.example')
                               OR NOT EXISTS (SELECT 1 FROM case_assignee a WHERE a.case_id = c.id AND a.organization_id = p.organization_id))::int AS for_anna
        FROM case_file c JOIN case_participant p ON p.case_id = c.id JOIN organization o ON o.id = p.organization_id
       WHERE o.name = 'Woonstichting De Linde'`);
    expect(tom).toHaveLength(expected!.total);
    expect(anna).toHaveLength(expected!.for_anna);
    const mine = await allCases('anna@delinde.example', { assignedToMe: true });
    expect(
      mine.every((node) => node.assignees.some((assignee) => assignee.displayName === 'Anna de Vries')),
    ).toBe(true);
    const queue = await allCases('anna@delinde.example', { assignedToMe: false });
    expect(queue.every((node) => node.assignees.length === 0)).toBe(true);
    expect(mine.length + queue.length).toBe(anna.length);
  });

  it('shows a corporation only the coarse status, and the municipality the full lifecycle state', async () => {
    const anna = await allCases('anna@delinde.example');
    expect(anna.every((node) => node.status === null)).toBe(true);
    expect(new Set(anna.map((node) => node.coarseStatus))).toEqual(
      new Set(['PRE_SIGNAL', 'SIGNAL_SENT', 'HELP_ACCEPTED', 'IN_PROGRESS', 'CLOSED']),
    );
    expect(
      anna
        .flatMap((node) => node.participants)
        .some((participant) => participant.role === 'DEBT_COUNSELLING'),
    ).toBe(false);
    const lotte = await allCases('lotte@rivierstad.example');
    expect(lotte.every((node) => node.status !== null)).toBe(true);
  });

  it('shows a privacy officer and a platform admin no case content', async () => {
    expect(await allCases('privacy@rivierstad.example')).toEqual([]);
    expect(await allCases('admin@vangnet.example')).toEqual([]);
  });

  it('shows Kredietbank only the cases it participates in', async () => {
    const sanne = await allCases('sanne@kredietbank.example');
    expect(sanne.length).toBeGreaterThan(0);
    expect(
      sanne.every((node) =>
        node.participants.some((participant) => participant.organization.name === 'Kredietbank Rivierstad'),
      ),
    ).toBe(true);
  });

  it('walks every page and gets exactly the unpaged list, in order', async () => {
    const lotte = await as('lotte@rivierstad.example');
    const unpaged = await allCases('lotte@rivierstad.example');
    const walked: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let guard = 0; guard < 100; guard += 1) {
      const result: { data?: CasesPage | null } = await lotte.gql<CasesPage>(CASES, { first: 7, after });
      const page = result.data!.cases;
      totalCount = page.totalCount;
      walked.push(...page.edges.map((edge) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(unpaged.map((node) => node.id));
    expect(totalCount).toBe(unpaged.length);
  });

  it('refuses a page size out of range and a forged cursor with BAD_USER_INPUT', async () => {
    const lotte = await as('lotte@rivierstad.example');
    expect((await lotte.gql(CASES, { first: 1000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await lotte.gql(CASES, { first: 5, after: 'bm9wZQ' })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('finds a case by the start of its reference', async () => {
    const [first] = await allCases('lotte@rivierstad.example');
    const found = await allCases('lotte@rivierstad.example', { reference: first!.reference.toLowerCase() });
    expect(found.map((node) => node.id)).toEqual([first!.id]);
    expect(await allCases('lotte@rivierstad.example', { reference: '%' })).toEqual([]);
  });
});
