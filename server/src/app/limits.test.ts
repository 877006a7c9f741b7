import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { startTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { TEST_NOW } from '../testing/test-clock.js';

const LOTTE = 'lotte@rivierstad.example'; // team lead of the municipality: sees several demo cases

/** Every section of a case, as a page showing the whole case would ask. */
const EVERY_SECTION = `id reference coarseStatus notes { id body } actionPlan { id } arrangement { id }
  contactAttempts { id } participants { role } referrals { id } assignees { displayName }`;

const REFUSED_BEFORE_RUNNING = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'];

describe('the limits on one GraphQL request', () => {
  let database: TestDatabase;
  /** The default limits, as in production. */
  let app: TestApp;
  /** The token limit raised, so that the validation rules behind it are seen at work. */
  let wideParser: TestApp;
  /** The token and alias limits raised, so that the cost limits behind them are seen at work. */
  let wideAliases: TestApp;
  let caseId: string;

  async function loggedIn(on: TestApp): Promise<TestClient> {
    const client = on.client();
    expect((await client.login(LOTTE)).errors).toBeUndefined();
    return client;
  }

  async function auditRows(): Promise<number> {
    const [row] = await database.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit_event`,
    );
    return row!.count;
  }

  beforeAll(async () => {
    const bsnKey = randomBytes(32);
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
    wideParser = await startTestApp(database.dataSource, {
      bsnKey,
      overrides: { VANGNET_GRAPHQL_MAX_TOKENS: '1000000' },
    });
    wideAliases = await startTestApp(database.dataSource, {
      bsnKey,
      overrides: { VANGNET_GRAPHQL_MAX_TOKENS: '1000000', VANGNET_GRAPHQL_MAX_ALIASES: '1000' },
    });
    const cases = await (
      await loggedIn(app)
    ).gql<{ cases: { edges: { node: { id: string } }[] } }>(`{ cases(first: 1) { edges { node { id } } } }`);
    caseId = cases.data!.cases.edges[0]!.node.id;
  });

  afterAll(async () => {
    await app?.stop();
    await wideParser?.stop();
    await wideAliases?.stop();
    await database?.drop();
  });

  it('reads a whole case in one request, and the same case under a few aliases', async () => {
    const lotte = await loggedIn(app);
    const aliases = Array.from(
      { length: 5 },
      (_, index) => `c${index}: case(id: "${caseId}") { ${EVERY_SECTION} }`,
    );
    const answer = await lotte.gql<Record<string, { id: string }>>(`{ ${aliases.join(' ')} }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.c4?.id).toBe(caseId);
  });

  it('refuses 1,000 aliases of a case with every section before anything runs', async () => {
    const document = `{ ${Array.from(
      { length: 1_000 },
      (_, index) => `c${index}: case(id: "${caseId}") { ${EVERY_SECTION} }`,
    ).join(' ')} }`;
    for (const server of [app, wideParser]) {
      const lotte = await loggedIn(server);
      const before = await auditRows();
      const answer = await lotte.gql(document);
      expect(answer.data).toBeUndefined();
      expect(REFUSED_BEFORE_RUNNING).toContain(answer.errors?.[0]?.extensions?.code);
      // Nothing ran: no case was read, so no read was written to the audit trail.
      expect(await auditRows()).toBe(before);
    }
    // By default the parser already stops at the token limit; with that raised, the alias limit refuses.
    const parsed = await (await loggedIn(app)).gql(document);
    expect(parsed.errors?.[0]?.message).toMatch(/Document contains more tha[nt] 2000 tokens/);
    const validated = await (await loggedIn(wideParser)).gql(document);
    expect(validated.errors?.map((error) => error.message)).toContainEqual(
      expect.stringMatching(/Aliases limit of 15 exceeded, found 1000/),
    );
  });

  it('refuses 100 aliases of a page of 100 cases by what the answer could hold', async () => {
    const lotte = await loggedIn(wideAliases);
    const page = (count: number, first: number) =>
      `{ ${Array.from(
        { length: count },
        (_, index) => `p${index}: cases(first: ${first}) { edges { node { id reference } } }`,
      ).join(' ')} }`;
    const before = await auditRows();
    const refused = await lotte.gql(page(100, 100));
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.map((error) => error.message)).toContainEqual(
      expect.stringMatching(/te veel tegelijk op \(20100 objecten, hoogstens 2000\)/),
    );
    expect(await auditRows()).toBe(before);

    // The page size counts, also when it comes in a variable (then as the largest page).
    const byVariable = await lotte.gql(
      `query ($first: Int) { ${Array.from({ length: 10 }, (_, index) => `p${index}: cases(first: $first) { edges { node { id } } }`).join(' ')} }`,
      { first: 1 },
    );
    expect(byVariable.errors?.map((error) => error.message)).toContainEqual(
      expect.stringMatching(/te veel tegelijk op \(2010 objecten/),
    );
    // Small pages under a few aliases are fine.
    const small = await lotte.gql(page(5, 10));
    expect(small.errors).toBeUndefined();
  });

  it('refuses a 1 MB document without a session at the token limit', async () => {
    const repeated = 'me { user { id } } '.repeat(Math.floor(1_000_000 / 19));
    const document = `{ ${repeated}}`;
    expect(document.length).toBeGreaterThan(990_000);
    const answer = await app.client().gql(document);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]).toMatchObject({
      // (graphql's own wording, typo included)
      message: expect.stringMatching(
        /Document contains more tha[nt] 2000 tokens\. Parsing aborted\./,
      ) as string,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});

describe('field suggestions', () => {
  let database: TestDatabase;
  let development: TestApp;
  let production: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    development = await startTestApp(database.dataSource);
    production = await startTestApp(database.dataSource, {
      overrides: { NODE_ENV: 'production', VANGNET_BSN_KEY: randomBytes(32).toString('base64') },
    });
  });

  afterAll(async () => {
    await development?.stop();
    await production?.stop();
    await database?.drop();
  });

  it('are left out in production, so a misspelt field does not reveal the names of others', async () => {
    const misspelt = `{ me { usr { id } } }`;
    const helped = await development.client().gql(misspelt);
    expect(helped.errors?.[0]?.message).toMatch(/Did you mean "user"\?/);

    const answer = await production.client().gql(misspelt);
    expect(answer.errors).toEqual([
      {
        message: 'Cannot query field "usr" on type "Me".',
        locations: [{ line: 1, column: 8 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });
});
