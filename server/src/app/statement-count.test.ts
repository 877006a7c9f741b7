import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { TEST_NOW } from '../testing/test-clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { STATEMENTS_HEADER } from '../core/http/app.js';

/**
 * The benchmark's statements-per-request figure (docs/performance.md) comes from the server itself:
 * with VANGNET_COUNT_STATEMENTS each GraphQL answer says how many SQL statements the request sent,
 * counted per request even when requests overlap; without it the header never appears.
 */
describe('counting the SQL statements of a request', () => {
  let database: TestDatabase;
  let counting: TestApp;
  let plain: TestApp;
  let cookie: string;

  const ME = '{ me { user { id displayName } } }';
  const CASES = '{ cases(first: 5) { totalCount edges { node { id reference assignees { id } } } } }';

  async function post(app: TestApp, query: string, withCookie = true): Promise<Response> {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withCookie ? { cookie } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: unknown };
    expect(body.errors).toBeUndefined();
    return response;
  }

  async function statements(query: string, withCookie = true): Promise<number> {
    const value = (await post(counting, query, withCookie)).headers.get(STATEMENTS_HEADER);
    expect(value).toMatch(/^\d+$/);
    return Number(value);
  }

  beforeAll(async () => {
    const bsnKey = randomBytes(32);
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    counting = await startTestApp(database.dataSource, {
      bsnKey,
      overrides: { VANGNET_COUNT_STATEMENTS: 'true' },
    });
    plain = await startTestApp(database.dataSource, { bsnKey });
    const client = counting.client();
    const login = await client.login('sanne@kredietbank.example');
    expect(login.errors).toBeUndefined();
    cookie = client.sessionCookie!;
  });
  afterAll(async () => {
    await counting?.stop();
    await plain?.stop();
    await database?.drop();
  });

  it('reports the statements of a signed-in request, the same for the same request', async () => {
    const first = await statements(ME);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await statements(ME)).toBe(first);
  });

  it('counts what a request does: a work list keeps to three statements whatever its page size', async () => {
    expect(await statements(ME)).toBeGreaterThanOrEqual(1);
    // The session, the list in one statement, the read audit of the tenants' names (docs/performance.md).
    const withNames = (first: number) =>
      `{ cases(first: ${first}) { totalCount totalCountCapped edges { node { id reference assignees { id } participants { role } contact { surname } } } } }`;
    // Whether the read audit has a row to write depends on whose names the page may show; the list
    // itself is one statement however many rows it has.
    expect(await statements(withNames(2))).toBeLessThanOrEqual(3);
    expect(await statements(withNames(50))).toBeLessThanOrEqual(3);
  });

  it('counts each request on its own when requests overlap', async () => {
    const me = await statements(ME);
    const cases = await statements(CASES);
    const together = await Promise.all(
      Array.from({ length: 6 }, (_, index) => statements(index % 2 === 0 ? ME : CASES)),
    );
    expect(together).toEqual([me, cases, me, cases, me, cases]);
  });

  it('sends no header unless VANGNET_COUNT_STATEMENTS asks for it', async () => {
    const response = await post(plain, ME);
    expect(response.headers.get(STATEMENTS_HEADER)).toBeNull();
  });
});
