import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createUser } from '../../testing/factories.js';
import { TcpLink } from '../../testing/tcp-link.js';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '../../testing/test-database.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';

const ME = `{ me { user { email } } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`;

async function post(url: string, query: string, variables: Record<string, unknown>, cookie?: string | null) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}

describe('a database that cannot be reached answers SERVICE_UNAVAILABLE', () => {
  let database: TestDatabase;
  let link: TcpLink;
  let dataSource: DataSource;
  let app: TestApp;
  let email: string;
  let password: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const organization = await createOrganization(database.dataSource);
    const user = await createUser(database.dataSource, {
      memberships: [{ organization, role: 'CASE_WORKER' }],
    });
    email = user.email;
    password = user.password;
    const target = new URL(database.url);
    link = await TcpLink.open({ host: target.hostname, port: Number(target.port) });
    // The app reaches its database only through the link, so cutting the link is the outage.
    dataSource = createTestDataSource(link.rewrite(database.url), {
      logger: pino({ level: 'silent' }),
      poolSize: 3,
    });
    await dataSource.initialize();
    app = await startTestApp(dataSource);
  });

  afterAll(async () => {
    await app?.stop();
    await link?.restore();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await link?.cut();
    await database?.drop();
  });

  it('answers 503 with Retry-After and a retryable SERVICE_UNAVAILABLE, then works again by itself', async () => {
    const client = app.client();
    expect((await client.login(email, password)).errors).toBeUndefined();
    const cookie = client.sessionCookie;
    expect((await post(app.url, ME, {}, cookie)).body).toEqual({ data: { me: { user: { email } } } });

    await link.cut();

    // Logged in: reading the session (while building the request's context) fails.
    const me = await post(app.url, ME, {}, cookie);
    // Anonymous: the resolver's own query fails.
    const login = await post(app.url, LOGIN, { email, password });
    for (const answer of [me, login]) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(answer.body.errors?.map(({ message, extensions }) => ({ message, extensions }))).toEqual([
        {
          message: 'Vangnet is even niet bereikbaar. Probeer het zo opnieuw.',
          extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, retryAfterSeconds: 5 },
        },
      ]);
    }
    expect(JSON.stringify(me.body) + JSON.stringify(login.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);

    await link.restore();
    const deadline = Date.now() + 10_000;
    let again = await post(app.url, ME, {}, cookie);
    while (again.status !== 200 && Date.now() < deadline) again = await post(app.url, ME, {}, cookie);
    expect(again.body).toEqual({ data: { me: { user: { email } } } });
  });

  it('still answers a genuine bug with a generic INTERNAL_SERVER_ERROR, not as an outage', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating'), { code: '57P01' }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('query failed'), {
          driverError: new Error('Connection terminated unexpectedly'),
        }),
      ),
    ).toBe(true);
  });
});
