import { randomBytes } from 'node:crypto';
import { parseCookie } from 'cookie';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadAuditBuffer } from '../../core/audit/read-audit.js';
import { AccessScope } from '../../core/authz/access-scope.js';
import { ScopedDatabase } from '../../core/db/gateway.js';
import { SESSION_COOKIE } from '../../core/http/session-cookie.js';
import { accessActorOf, type RequestContext } from '../../core/request-context.js';
import { RequestLoaders } from '../../core/request-loaders.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { addCalendarDays, formatDutchDate } from '@vangnet/shared';
import { startAutomaticCollectionPause } from './collection-pause.service.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

const today = testToday();

const CREATE_CASE = `mutation ($input: CreateCaseInput!) { createCase(input: $input) { id reference } }`;
const RECORD_ARREARS = `mutation ($input: RecordArrearsInput!) {
  recordArrears(input: $input) { caseId version amountCents aroseOn monthsInArrears history { amountCents aroseOn monthsInArrears } }
}`;
const RECORD_STEP = `mutation ($input: RecordCollectionStepInput!) { recordCollectionStep(input: $input) { id kind stepDate note } }`;
const SET_PAUSE = `mutation ($input: SetCollectionPauseInput!) { setCollectionPause(input: $input) { id startsOn endsOn reason automatic } }`;

interface ArrearsResult {
  recordArrears: {
    caseId: string;
    version: number;
    amountCents: number;
    aroseOn: string;
    monthsInArrears: number;
    history: { amountCents: number; aroseOn: string; monthsInArrears: number }[];
  };
}

describe("the corporation's arrears administration", () => {
  let database: TestDatabase;
  let app: TestApp;
  let contract = 0;
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

  /** The request context the app builds for this logged-in user (for calls below the GraphQL API). */
  async function contextOf(email: string): Promise<RequestContext> {
    const token = parseCookie((await as(email)).sessionCookie ?? '')[SESSION_COOKIE];
    const actor = await app.services.auth.authenticate(token);
    const context: RequestContext = {
      requestId: `arrears-test-${randomBytes(4).toString('hex')}`,
      logger: pino({ level: 'silent' }),
      actor,
      clock: app.clock,
      access: AccessScope.for(accessActorOf(actor), app.clock.now()),
      db: new ScopedDatabase(database.dataSource, () => context),
      readAudit: new ReadAuditBuffer(),
      loaders: new RequestLoaders(),
      sessionCookie: { set: () => undefined, clear: () => undefined },
      client: { ip: null, userAgent: null },
    };
    return context;
  }

  /** A fresh dossier of De Linde, opened by anna (so assigned to her). */
  async function openCase(amountCents = 90_000): Promise<{ id: string; reference: string }> {
    contract += 1;
    const result = await (
      await as('anna@delinde.example')
    ).gql<{ createCase: { id: string; reference: string } }>(CREATE_CASE, {
      input: {
        tenant: {
          initials: 'M.',
          surname: 'Bakker',
          street: 'Rivierkade',
          houseNumber: 3,
          postcode: '9901AA',
          city: 'Rivierstad',
        },
        tenancy: { contractNumber: `DL-ARR-${contract}`, monthlyRentCents: 70_000 },
        arrears: { amountCents, aroseOn: addCalendarDays(today, -40), monthsInArrears: 1 },
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createCase;
  }

  async function count(table: string, caseId: string): Promise<number> {
    const [row] = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${table} WHERE case_id = $1`,
      [caseId],
    );
    return row!.count;
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

  describe('recordArrears', () => {
    it('keeps every change in the history and bumps the version, with an audit row per change', async () => {
      const { id } = await openCase();
      const anna = await as('anna@delinde.example');
      const first = await anna.gql<ArrearsResult>(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 1,
          amountCents: 160_000,
          aroseOn: addCalendarDays(today, -40),
          monthsInArrears: 2,
        },
      });
      expect(first.errors).toBeUndefined();
      const second = await anna.gql<ArrearsResult>(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 2,
          amountCents: 80_000,
          aroseOn: addCalendarDays(today, -40),
          monthsInArrears: 1,
        },
      });
      expect(second.errors).toBeUndefined();
      expect(second.data!.recordArrears).toMatchObject({
        version: 3,
        amountCents: 80_000,
        monthsInArrears: 1,
        history: [{ amountCents: 90_000 }, { amountCents: 160_000 }, { amountCents: 80_000 }],
      });

      // Recording what is already there is no change: no version, no history, no audit.
      const same = await anna.gql<ArrearsResult>(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 3,
          amountCents: 80_000,
          aroseOn: addCalendarDays(today, -40),
          monthsInArrears: 1,
        },
      });
      expect(same.data!.recordArrears.version).toBe(3);
      expect(await count('arrears_change', id)).toBe(3);
      const audit = await database.query<{ action: string; categories: string; basis: string }>(
        `SELECT action, categories::text, basis FROM audit_event WHERE entity_type = 'arrears' AND case_id = $1 ORDER BY seq`,
        [id],
      );
      expect(audit).toEqual([
        { action: 'UPDATE', categories: '{ARREARS}', basis: 'ORIGIN' },
        { action: 'UPDATE', categories: '{ARREARS}', basis: 'ORIGIN' },
      ]);
    });

    it('refuses a stale version with CONFLICT and the current row, writing nothing', async () => {
      const { id } = await openCase();
      const anna = await as('anna@delinde.example');
      const tom = await as('tom@delinde.example');
      const annas = await anna.gql<ArrearsResult>(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 1,
          amountCents: 120_000,
          aroseOn: addCalendarDays(today, -40),
          monthsInArrears: 2,
        },
      });
      expect(annas.errors).toBeUndefined();
      // Tom read version 1 too, before anna saved.
      const toms = await tom.gql(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 1,
          amountCents: 95_000,
          aroseOn: addCalendarDays(today, -40),
          monthsInArrears: 1,
        },
      });
      const error = toms.errors?.[0];
      expect(error?.extensions?.code).toBe('CONFLICT');
      expect(error?.extensions?.currentVersion).toBe(2);
      expect(error?.extensions?.current).toMatchObject({
        version: 2,
        amountCents: 120_000,
        monthsInArrears: 2,
      });
      expect(await count('arrears_change', id)).toBe(2);
      const [row] = await database.query<{ amount_cents: number; version: number }>(
        `SELECT amount_cents, version FROM arrears WHERE case_id = $1`,
        [id],
      );
      expect(row).toEqual({ amount_cents: 120_000, version: 2 });
    });

    it('answers the municipality FORBIDDEN on a case it works on, and NOT_FOUND on one it cannot see', async () => {
      const mehmet = await as('mehmet@rivierstad.example');
      const visible = await mehmet.gql<{ cases: { edges: { node: { id: string } }[] } }>(
        `{ cases(first: 1) { edges { node { id } } } }`,
      );
      const signalled = visible.data!.cases.edges[0]!.node.id;
      const input = (caseId: string) => ({
        input: {
          caseId,
          expectedVersion: 1,
          amountCents: 1,
          aroseOn: addCalendarDays(today, -10),
          monthsInArrears: 1,
        },
      });
      const forbidden = await mehmet.gql(RECORD_ARREARS, input(signalled));
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const { id: preSignal } = await openCase();
      const notFound = await mehmet.gql(RECORD_ARREARS, input(preSignal));
      const unknown = await mehmet.gql(RECORD_ARREARS, input('00000000-0000-4000-8000-000000000000'));
      expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(notFound.errors?.[0]).toEqual(unknown.errors?.[0]);
      // Bram of the other corporation cannot tell anna's case from one that does not exist either.
      const bram = await as('bram@woonbronoost.example');
      expect((await bram.gql(RECORD_ARREARS, input(preSignal))).errors?.[0]).toEqual(unknown.errors?.[0]);

      expect(await count('arrears_change', preSignal)).toBe(1);
      const denied = await database.query<{ entity_id: string }>(
        `SELECT e.entity_id FROM audit_event e JOIN app_user u ON u.id = e.actor_user_id
          WHERE e.action = 'ACCESS_DENIED' AND e.details ->> 'attempted' = 'recordArrears' AND u.email = 'mehmet@rivierstad.example'`,
      );
      expect(denied.map((row) => row.entity_id).sort()).toEqual(
        [signalled, preSignal, '00000000-0000-4000-8000-000000000000'].sort(),
      );
    });

    it('names wrong fields in Dutch', async () => {
      const { id } = await openCase();
      const result = await (
        await as('anna@delinde.example')
      ).gql(RECORD_ARREARS, {
        input: {
          caseId: id,
          expectedVersion: 1,
          amountCents: -1,
          aroseOn: '2026-02-30',
          monthsInArrears: -2,
        },
      });
      expect(result.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'amountCents', code: 'AMOUNT_TOO_SMALL', params: { min: 0 } },
        { field: 'aroseOn', code: 'INVALID_DATE', params: {} },
        { field: 'monthsInArrears', code: 'TOO_SMALL', params: { min: 0 } },
      ]);
      expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual({
        amountCents: 'Het bedrag kan niet negatief zijn.',
        aroseOn: 'Vul een geldige datum in (jjjj-mm-dd).',
        monthsInArrears: 'Vul 0 of meer in.',
      });
    });
  });

  describe('the collection ladder and the pause', () => {
    it('blocks every step beyond DEMAND while a pause runs, naming its end date, but allows DEMAND', async () => {
      const { id } = await openCase();
      const anna = await as('anna@delinde.example');
      const step = (kind: string, stepDate = today) =>
        anna.gql<{ recordCollectionStep: { kind: string } }>(RECORD_STEP, {
          input: { caseId: id, kind, stepDate, note: 'Verstuurd per post.' },
        });
      expect((await step('FOURTEEN_DAY_LETTER', addCalendarDays(today, -5))).errors).toBeUndefined();

      const endsOn = addCalendarDays(today, 30);
      const pause = await anna.gql<{ setCollectionPause: { automatic: boolean; endsOn: string } }>(
        SET_PAUSE,
        {
          input: { caseId: id, startsOn: today, endsOn, reason: 'Huurder werkt mee aan een budgetplan.' },
        },
      );
      expect(pause.errors).toBeUndefined();
      expect(pause.data!.setCollectionPause).toMatchObject({ automatic: false, endsOn });

      expect((await step('DEMAND')).data?.recordCollectionStep.kind).toBe('DEMAND');
      const before = await count('collection_step', id);
      const message = `Er loopt een adempauze tot ${formatDutchDate(endsOn)}; tot dan geen incassostappen na de aanmaning.`;
      for (const kind of [
        'FOURTEEN_DAY_LETTER',
        'BAILIFF',
        'SUMMONS',
        'JUDGMENT',
        'EVICTION_SCHEDULED',
        'EVICTED',
      ]) {
        const refused = await step(kind);
        expect(refused.errors?.[0]?.extensions?.code, kind).toBe('BAD_USER_INPUT');
        expect(refused.errors?.[0]?.message).toBe(message);
      }
      expect(await count('collection_step', id)).toBe(before);
      const audit = await database.query<{ entity_type: string; count: number }>(
        `SELECT entity_type, count(*)::int AS count FROM audit_event
          WHERE case_id = $1 AND action = 'CREATE' AND entity_type IN ('collection-step', 'collection-pause')
          GROUP BY entity_type ORDER BY entity_type`,
        [id],
      );
      expect(audit).toEqual([
        { entity_type: 'collection-pause', count: 1 },
        { entity_type: 'collection-step', count: 2 },
      ]);
    });

    it('allows the bailiff again once the pause is over, and refuses a pause that makes no sense', async () => {
      const { id } = await openCase();
      await database.query(
        `INSERT INTO collection_pause (case_id, starts_on, ends_on, reason, origin_org_id)
         SELECT $1, $2::date, $3::date, 'Eerdere adempauze', origin_org_id FROM case_file WHERE id = $1`,
        [id, addCalendarDays(today, -60), addCalendarDays(today, -1)],
      );
      const anna = await as('anna@delinde.example');
      const bailiff = await anna.gql(RECORD_STEP, {
        input: { caseId: id, kind: 'BAILIFF', stepDate: today },
      });
      expect(bailiff.errors).toBeUndefined();

      const wrong = await anna.gql(SET_PAUSE, {
        input: {
          caseId: id,
          startsOn: addCalendarDays(today, 10),
          endsOn: addCalendarDays(today, 5),
          reason: ' ',
        },
      });
      // The reason is missing, so the dates are not compared yet: one issue per field, field rules first.
      expect(wrong.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'reason', code: 'REQUIRED', params: {} },
      ]);
      const backwards = await anna.gql(SET_PAUSE, {
        input: {
          caseId: id,
          startsOn: addCalendarDays(today, 10),
          endsOn: addCalendarDays(today, 5),
          reason: 'Afspraak met de schuldhulpverlener',
        },
      });
      expect(backwards.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'endsOn', code: 'DATE_BEFORE_OTHER', params: { min: addCalendarDays(today, 10) } },
      ]);
      const future = await anna.gql(RECORD_STEP, {
        input: { caseId: id, kind: 'BAILIFF', stepDate: addCalendarDays(today, 2) },
      });
      expect(future.errors?.[0]?.extensions?.fieldErrors).toEqual({
        stepDate: 'Deze datum ligt in de toekomst.',
      });
      expect(future.errors?.[0]?.extensions?.fieldIssues).toEqual([
        { field: 'stepDate', code: 'DATE_IN_FUTURE', params: {} },
      ]);
    });

    it('starts the automatic pause of an admission once (182 days), and never a second one while one runs', async () => {
      const { id } = await openCase();
      const [municipality] = await database.query<{ id: string }>(
        `SELECT id FROM organization WHERE name = 'Gemeente Rivierstad'`,
      );
      // The lifecycle calls it under its own lock of the case; here anna's lock (she works the case).
      const anna = await contextOf('anna@delinde.example');
      const start = (on: string | Date) =>
        anna.db.transaction(async (tx) => {
          const locked = await tx.lockFor({ action: 'manageArrears', subject: 'Case' }, id, {
            attempted: 'test',
          });
          return startAutomaticCollectionPause(tx, locked, municipality!.id, on);
        });
      const first = await start(today);
      expect(first.created).toBe(true);
      expect(first.pause).toMatchObject({
        startsOn: today,
        endsOn: addCalendarDays(today, 182),
        automatic: true,
      });
      const again = await start(new Date(TEST_NOW));
      expect(again).toEqual({ pause: first.pause, created: false });
      expect(await count('collection_pause', id)).toBe(1);

      const refused = await (
        await as('anna@delinde.example')
      ).gql(RECORD_STEP, { input: { caseId: id, kind: 'SUMMONS', stepDate: today } });
      expect(refused.errors?.[0]?.message).toBe(
        `Er loopt een adempauze tot ${formatDutchDate(addCalendarDays(today, 182))}; tot dan geen incassostappen na de aanmaning.`,
      );
    });
  });
});
