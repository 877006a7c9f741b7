import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { startHttpApp } from '../app/bootstrap.js';
import { createServices, type Services } from '../app/services.js';
import type { Clock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import type { RunningApp } from '../core/http/app.js';
import type { CaseEventBus } from '../core/realtime/case-events.js';
import type { PasswordVerifier } from '../features/auth/password.js';
import { testClock } from './test-clock.js';

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string } & Record<string, unknown> }[];
}

export interface TestApp {
  readonly url: string;
  readonly services: Services;
  readonly bsnKey: Buffer;
  /** The app's clock: `testClock()` (VANGNET_TEST_NOW or the real time) unless the test gave its own. */
  readonly clock: Clock;
  /** A browser-like client with its own cookie jar. */
  client(): TestClient;
  stop(): Promise<void>;
}

export class TestClient {
  private cookie: string | null = null;

  constructor(private readonly baseUrl: string) {}

  get sessionCookie(): string | null {
    return this.cookie;
  }

  async gql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      if (!pair) continue;
      const expired = /expires=Thu, 01 Jan 1970/i.test(setCookie);
      this.cookie = expired ? null : pair;
    }
    return (await response.json()) as GraphQLResponse<T>;
  }

  async login(
    email: string,
    password = 'vangnet-demo',
  ): Promise<GraphQLResponse<{ login: { user: { id: string } } }>> {
    return this.gql(
      `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`,
      { email, password },
    );
  }
}

/** The real HTTP app (Express + Apollo + services) on a free port, against a test database. */
export async function startTestApp(
  dataSource: DataSource,
  options: {
    overrides?: Record<string, string>;
    bsnKey?: Buffer;
    caseEvents?: CaseEventBus;
    passwords?: PasswordVerifier;
    clock?: Clock;
  } = {},
): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: 'postgres://unused/unused',
    ...options.overrides,
  });
  const bsnKey = options.bsnKey ?? randomBytes(32);
  const clock = options.clock ?? testClock();
  const services = createServices(dataSource, {
    session: config.session,
    bsnKey,
    signIn: config.signIn,
    ...(options.passwords ? { passwords: options.passwords } : {}),
    clock,
    ...(options.caseEvents ? { caseEvents: options.caseEvents } : {}),
  });
  const app: RunningApp = await startHttpApp({
    config,
    dataSource,
    services,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  return {
    url: app.url,
    services,
    bsnKey,
    clock,
    client: () => new TestClient(app.url),
    async stop() {
      await app.stop();
    },
  };
}
