import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { seedDemoWorld } from '../features/demo/seed-demo.js';
import { TcpLink } from '../testing/tcp-link.js';
import { startTestApp, type TestApp, type TestClient } from '../testing/test-app.js';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '../testing/test-database.js';
import { liveClient, LiveSubscription } from './live-client.fixtures.js';
import type { CaseChange } from '../core/realtime/case-events.js';
import { PostgresCaseEventBus } from '../core/realtime/postgres-case-event-bus.js';
import { TEST_NOW } from '../testing/test-clock.js';

const LOTTE = 'lotte@rivierstad.example'; // team lead of the municipality
const TOM = 'tom@delinde.example'; // team lead of the referring corporation
const BRAM = 'bram@woonbronoost.example'; // the other corporation: shares nothing with De Linde

interface CaseAccess {
  id: string;
  access: { category: string; allowed: boolean; consentId: string | null }[];
}

const CASES_WITH_ACCESS = `{ cases(first: 100) { edges { node { id access { category allowed consentId } } } } }`;

describe('live updates of a case (subscription caseChanged)', () => {
  let database: TestDatabase;
  let busA: PostgresCaseEventBus;
  let busB: PostgresCaseEventBus;
  let appA: TestApp;
  let appB: TestApp;
  /** Seen by Lotte (with the tenant's consent for the action plan) and by Tom (without it). */
  let caseId: string;
  const liveClients: Client[] = [];

  async function loggedIn(app: TestApp, email: string): Promise<TestClient> {
    const client = app.client();
    expect((await client.login(email)).errors).toBeUndefined();
    return client;
  }

  function live(app: TestApp, http: TestClient | null, headers?: Record<string, string>): Client {
    const client = liveClient(app.url, {
      cookie: http?.sessionCookie ?? null,
      ...(headers ? { headers } : {}),
    });
    liveClients.push(client);
    return client;
  }

  async function casesOf(client: TestClient): Promise<CaseAccess[]> {
    const result = await client.gql<{ cases: { edges: { node: CaseAccess }[] } }>(CASES_WITH_ACCESS);
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge) => edge.node);
  }

  const mayRead = (node: CaseAccess | undefined, category: string) =>
    node?.access.some((access) => access.category === category && access.allowed) ?? false;

  let bsnKey: Buffer;

  beforeAll(async () => {
    bsnKey = randomBytes(32);
    database = await createTestDatabase();
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    // Two server processes on one database, each with its own bus.
    busA = await PostgresCaseEventBus.start({
      connectionString: database.url,
      publisher: database.dataSource,
      logger,
    });
    busB = await PostgresCaseEventBus.start({
      connectionString: database.url,
      publisher: database.dataSource,
      logger,
    });
    appA = await startTestApp(database.dataSource, { bsnKey, caseEvents: busA });
    appB = await startTestApp(database.dataSource, { bsnKey, caseEvents: busB });

    const lotteCases = await casesOf(await loggedIn(appA, LOTTE));
    const tomCases = new Map((await casesOf(await loggedIn(appA, TOM))).map((node) => [node.id, node]));
    const shared = lotteCases.find(
      (node) =>
        mayRead(node, 'ACTION_PLAN') &&
        mayRead(node, 'CASE_NOTES') &&
        tomCases.has(node.id) &&
        !mayRead(tomCases.get(node.id), 'ACTION_PLAN') &&
        !mayRead(tomCases.get(node.id), 'CASE_NOTES'),
    );
    expect(
      shared,
      'a demo case both see, the action plan and shared notes only with consent for the municipality',
    ).toBeDefined();
    caseId = shared!.id;
  });

  afterAll(async () => {
    for (const client of liveClients) await client.dispose();
    await appA?.stop();
    await appB?.stop();
    await busA?.close();
    await busB?.close();
    await database?.drop();
  });

  it('tells a partner on one server at once what was changed through another server', async () => {
    const lotte = new LiveSubscription(live(appA, await loggedIn(appA, LOTTE)), caseId);
    await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);

    await appB.services.caseEvents.publish({ caseId, version: 42, changed: ['ACTION_PLAN'] });

    await lotte.until(() => lotte.changes.length > 0, 'the change made through app B');
    expect(lotte.changes).toEqual([{ caseId, version: 42, changed: ['ACTION_PLAN'], resync: false }]);
    expect(lotte.errors).toEqual([]);
    lotte.unsubscribe();
  });

  it('tells a partner without consent for the action plan nothing about it, and the rest only as far as it may see', async () => {
    const tom = new LiveSubscription(live(appA, await loggedIn(appA, TOM)), caseId);
    const lotte = new LiveSubscription(live(appB, await loggedIn(appB, LOTTE)), caseId);
    await tom.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    await lotte.untilListening((change) => appA.services.caseEvents.publish(change), caseId);

    await appB.services.caseEvents.publish({ caseId, version: 43, changed: ['ACTION_PLAN'] });
    await appB.services.caseEvents.publish({ caseId, version: 44, changed: ['ACTION_PLAN', 'status'] });

    await lotte.until(
      () => lotte.changes.some((event) => event.version === 44),
      'Lotte hearing of version 44',
    );
    await tom.until(() => tom.changes.length > 0, 'Tom hearing of the status');
    // The plan-only change says nothing to Tom: not even that something happened.
    expect(tom.changes).toEqual([{ caseId, version: 44, changed: ['status'], resync: false }]);
    expect(tom.events.flatMap((event) => event.changed)).not.toContain('ACTION_PLAN');
    expect(lotte.changes.flatMap((event) => event.changed)).toContain('ACTION_PLAN');
    tom.unsubscribe();
    lotte.unsubscribe();
  });

  it('announces a shared note written through one server to the partners on another, as far as each may read', async () => {
    const tom = new LiveSubscription(live(appA, await loggedIn(appA, TOM)), caseId);
    const lotte = new LiveSubscription(live(appA, await loggedIn(appA, LOTTE)), caseId);
    await tom.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);

    const written = await (
      await loggedIn(appB, LOTTE)
    ).gql(`mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`, {
      input: { caseId, body: 'Huurder belt morgen terug over de betalingsregeling.', visibility: 'SHARED' },
    });
    expect(written.errors).toBeUndefined();
    await lotte.until(() => lotte.changes.length > 0, 'Lotte hearing of the note');
    expect(lotte.changes).toEqual([
      { caseId, version: expect.any(Number) as number, changed: ['CASE_NOTES'], resync: false },
    ]);

    // Tom may not read shared notes: after a status change he has heard of that, and of nothing else.
    await appB.services.caseEvents.publish({ caseId, version: 50, changed: ['status'] });
    await tom.until(() => tom.changes.some((event) => event.version === 50), 'Tom hearing of the status');
    expect(tom.events.flatMap((event) => event.changed)).not.toContain('CASE_NOTES');
    tom.unsubscribe();
    lotte.unsubscribe();
  });

  it('says nothing of a shared note to an organisation that may not read it, even one with notes of its own in the case', async () => {
    // Tom's corporation writes a note for itself: it now holds CASE_NOTES data of its own in this case,
    // which lets it read its own notes, but still no one else's.
    const tomHttp = await loggedIn(appA, TOM);
    const own = await tomHttp.gql<{ addCaseNote: { id: string } }>(
      `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: 'Intern: huurder gebeld, geen gehoor.', visibility: 'OWN_ORG' } },
    );
    expect(own.errors).toBeUndefined();

    const tom = new LiveSubscription(live(appA, tomHttp), caseId);
    const lotte = new LiveSubscription(live(appA, await loggedIn(appA, LOTTE)), caseId);
    await tom.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    const travelled: CaseChange[] = [];
    const stopListening = busA.subscribe((change) => travelled.push(change));

    const written = await (
      await loggedIn(appB, LOTTE)
    ).gql<{ addCaseNote: { id: string } }>(
      `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: 'Schuldhulp start volgende week.', visibility: 'SHARED' } },
    );
    expect(written.errors).toBeUndefined();
    // Tom reads his own note and not Lotte's: he has no consent for the shared notes.
    const tomReads = await tomHttp.gql<{ case: { notes: { id: string }[] | null } }>(
      `query ($id: ID!) { case(id: $id) { notes { id } } }`,
      { id: caseId },
    );
    expect(tomReads.data?.case.notes?.map((note) => note.id)).toEqual([own.data!.addCaseNote.id]);
    await lotte.until(() => lotte.changes.length > 0, 'Lotte hearing of the note');
    expect(lotte.changes).toEqual([
      { caseId, version: expect.any(Number) as number, changed: ['CASE_NOTES'], resync: false },
    ]);

    // A status change after the note reaches Tom; the note before it never did.
    await appB.services.caseEvents.publish({ caseId, version: 51, changed: ['status'] });
    await tom.until(() => tom.changes.some((event) => event.version === 51), 'Tom hearing of the status');
    expect(tom.changes).toEqual([{ caseId, version: 51, changed: ['status'], resync: false }]);

    // What travelled between the servers named the note by its id alone.
    expect(travelled.filter((change) => change.changed.includes('CASE_NOTES'))).toEqual([
      {
        caseId,
        version: expect.any(Number) as number,
        changed: ['CASE_NOTES'],
        rows: [{ category: 'CASE_NOTES', table: 'case_note', ids: [written.data!.addCaseNote.id] }],
      },
    ]);
    stopListening();
    tom.unsubscribe();
    lotte.unsubscribe();
  });

  it('refuses to subscribe to a case one may not see exactly like a case that does not exist', async () => {
    const bram = live(appA, await loggedIn(appA, BRAM));
    const hidden = new LiveSubscription(bram, caseId);
    const missing = new LiveSubscription(bram, randomUUID());
    const malformed = new LiveSubscription(bram, 'not-a-case');
    for (const subscription of [hidden, missing, malformed])
      await subscription.until(() => subscription.completed, 'the refusal');

    const [hiddenError] = hidden.errors.flat();
    expect(hiddenError).toMatchObject({
      message: 'Dossier niet gevonden.',
      extensions: { code: 'NOT_FOUND' },
    });
    expect(missing.errors).toEqual(hidden.errors);
    expect(malformed.errors).toEqual(hidden.errors);
    expect(hidden.events).toEqual([]);
  });

  it('refuses a WebSocket without a valid session with 4401 Unauthorized', async () => {
    const anonymous = new LiveSubscription(live(appA, null), caseId);
    const forged = new LiveSubscription(
      live(appA, null, { cookie: `vangnet_session=${randomBytes(32).toString('base64url')}` }),
      caseId,
    );
    for (const subscription of [anonymous, forged]) {
      await subscription.until(() => subscription.completed, 'the refusal');
      expect(subscription.closeCode).toBe(4401);
      expect(subscription.events).toEqual([]);
    }
  });

  it('refuses a WebSocket handshake from a page of another origin, even with a valid session', async () => {
    const lotte = await loggedIn(appA, LOTTE);
    const handshake = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`${appA.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
          headers: { origin, cookie: lotte.sessionCookie! },
        });
        socket.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0);
          socket.terminate();
        });
        socket.on('open', () => {
          resolve(101);
          socket.close();
        });
        socket.on('error', reject);
      });
    expect(await handshake('https://evil.example')).toBe(403);
    expect(await handshake(appA.url)).toBe(101);
  });

  it('carries only subscriptions: questions and changes go through POST /graphql', async () => {
    const client = live(appA, await loggedIn(appA, LOTTE));
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `mutation { logout }` },
        { next: (result) => resolve(result.errors), error: resolve, complete: () => undefined },
      );
    });
    expect(errors).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('applies the request limits of POST /graphql to subscriptions as well', async () => {
    const client = live(appA, await loggedIn(appA, LOTTE));
    const refusal = (query: string) =>
      new Promise<unknown>((resolve) => {
        client.subscribe(
          { query },
          { next: (result) => resolve(result.errors), error: resolve, complete: () => undefined },
        );
      });
    const tooManyTokens = `subscription { caseChanged(caseId: "${caseId}") { caseId ${'version '.repeat(3_000)}} }`;
    expect(await refusal(tooManyTokens)).toMatchObject([
      {
        message: expect.stringMatching(/more tha[nt] 2000 tokens/) as string,
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      },
    ]);
    const tooManyAliases = `subscription { caseChanged(caseId: "${caseId}") { ${Array.from({ length: 20 }, (_, index) => `v${index}: version`).join(' ')} } }`;
    expect(await refusal(tooManyAliases)).toMatchObject([
      {
        message: expect.stringMatching(/Aliases limit of 15 exceeded, found 20/) as string,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });

  it('applies a withdrawn consent to the very next event', async () => {
    const http = await loggedIn(appB, LOTTE);
    const lotte = new LiveSubscription(live(appA, await loggedIn(appA, LOTTE)), caseId);
    await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);

    // Withdraw every consent that lets the municipality read the action plan.
    for (let round = 0; round < 5; round += 1) {
      const node = (await casesOf(http)).find((candidate) => candidate.id === caseId);
      const plan = node?.access.find((access) => access.category === 'ACTION_PLAN');
      if (!plan?.allowed) break;
      expect(plan.consentId).toBeTruthy();
      const withdrawn = await http.gql(
        `mutation ($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { id } }`,
        { input: { consentId: plan.consentId, channel: 'WRITTEN' } },
      );
      expect(withdrawn.errors).toBeUndefined();
    }

    await appB.services.caseEvents.publish({ caseId, version: 45, changed: ['ACTION_PLAN', 'status'] });
    await lotte.until(
      () => lotte.changes.some((change) => change.version === 45),
      'the change after the withdrawal',
    );
    expect(lotte.changes.filter((change) => change.version === 45)).toEqual([
      { caseId, version: 45, changed: ['status'], resync: false },
    ]);
    // The withdrawals themselves were announced too, so her open page re-reads and loses the plan, never
    // naming what Lotte may no longer read.
    expect(lotte.changes.some((change) => change.changed.includes('consent'))).toBe(true);
    expect(lotte.changes.flatMap((change) => change.changed)).not.toContain('ACTION_PLAN');
    lotte.unsubscribe();
  });

  it('closes the live connection with 4401 once the session is ended', async () => {
    const http = await loggedIn(appA, TOM);
    const tom = new LiveSubscription(live(appA, http), caseId);
    await tom.untilListening((change) => appB.services.caseEvents.publish(change), caseId);

    expect((await http.gql(`mutation { logout }`)).errors).toBeUndefined();
    await appB.services.caseEvents.publish({ caseId, version: 46, changed: ['status'] });

    await tom.until(() => tom.completed, 'the connection to close');
    expect(tom.closeCode).toBe(4401);
    expect(tom.changes).toEqual([]);
  });
  it('tells every subscriber to re-read once its server listens again after losing the database connection', async () => {
    const tom = new LiveSubscription(live(appA, await loggedIn(appA, TOM)), caseId);
    const lotte = new LiveSubscription(live(appA, await loggedIn(appA, LOTTE)), caseId);
    await tom.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
    const writer = await loggedIn(appB, LOTTE);

    // The outage, as the listeners see it: PostgreSQL ends their sessions (as at a restart).
    const [cut] = await database.query<{ cut: number }>(
      `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'vangnet-case-events'`,
    );
    expect(cut?.cut).toBe(2);
    // Written while (or just after) app A's listener is down: its NOTIFY may never reach app A.
    const written = await writer.gql(
      `mutation ($input: AddCaseNoteInput!) { addCaseNote(input: $input) { id } }`,
      { input: { caseId, body: 'Geschreven tijdens de storing.', visibility: 'SHARED' } },
    );
    expect(written.errors).toBeUndefined();

    await lotte.until(() => lotte.resyncs.length > 0, 'a resync for Lotte');
    await tom.until(() => tom.resyncs.length > 0, 'a resync for Tom');
    const [current] = await database.query<{ version: number }>(
      `SELECT version FROM case_file WHERE id = $1`,
      [caseId],
    );
    for (const subscription of [lotte, tom]) {
      expect(subscription.errors).toEqual([]);
      expect(subscription.completed).toBe(false);
      expect(subscription.resyncs[0]).toMatchObject({ caseId, resync: true });
      expect(subscription.resyncs[0]!.version).toBeLessThanOrEqual(current!.version);
    }
    // A resync names nothing one may not read: Tom never hears of the shared notes.
    expect(tom.events.flatMap((event) => event.changed)).not.toContain('CASE_NOTES');
    expect(busA.listening).toBe(true);

    // And the live connection carries ordinary changes again.
    await appB.services.caseEvents.publish({ caseId, version: 60, changed: ['status'] });
    await lotte.until(() => lotte.changes.some((change) => change.version === 60), 'the next change');
    tom.unsubscribe();
    lotte.unsubscribe();
  });
  it('keeps a subscription through a database outage of its server and then tells it to re-read', async () => {
    // App C reaches the database only through a link that the test can break; its bus is app A's.
    const target = new URL(database.url);
    const link = await TcpLink.open({ host: target.hostname, port: Number(target.port) });
    const linked = createTestDataSource(link.rewrite(database.url), { poolSize: 3 });
    await linked.initialize();
    const appC = await startTestApp(linked, { bsnKey, caseEvents: busA });
    try {
      const lotte = new LiveSubscription(live(appC, await loggedIn(appC, LOTTE)), caseId);
      await lotte.untilListening((change) => appB.services.caseEvents.publish(change), caseId);
      const heardBefore = lotte.events.length;

      link.hangUp();
      await appB.services.caseEvents.publish({ caseId, version: 70, changed: ['status'] });
      // App C tries to decide on the change (session, access rule) and cannot reach the database.
      const deadline = Date.now() + 10_000;
      while (link.hungUp === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(link.hungUp).toBeGreaterThan(0);
      expect(lotte.events).toHaveLength(heardBefore); // nothing unchecked is delivered

      await link.restore();
      await lotte.until(() => lotte.resyncs.length > 0, 'the resync once the database answers again');
      expect(lotte.resyncs).toEqual([
        { caseId, version: expect.any(Number) as number, changed: ['status'], resync: true },
      ]);
      expect(lotte.errors).toEqual([]);
      expect(lotte.completed).toBe(false);
      lotte.unsubscribe();
    } finally {
      await appC.stop();
      await link.restore();
      await linked.destroy();
      await link.cut();
    }
  });
});
