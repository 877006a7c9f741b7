import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestApp, type TestApp, type TestClient } from '../../testing/test-app.js';
import { seedDemoWorld } from '../demo/seed-demo.js';
import { createCaseIn, demoUserId } from '../lifecycle/lifecycle.fixtures.js';
import { TEST_NOW } from '../../testing/test-clock.js';

const RECORD = `mutation ($input: RecordSignalEndResultInput!) { recordSignalEndResult(input: $input) { endResult endResultAt } }`;
const SIGNAL = `query ($id: ID!) { case(id: $id) { signal { signalDate crisis warmHandover endResult endResultAt } } }`;

const ANNA = 'anna@delinde.example';
const MEHMET = 'mehmet@rivierstad.example';
const SANNE = 'sanne@kredietbank.example';

interface SignalView {
  case: {
    signal: {
      signalDate: string;
      crisis: boolean;
      warmHandover: boolean;
      endResult: string | null;
      endResultAt: string | null;
    } | null;
  };
}

describe('the end result of a signal', () => {
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

  const signalAs = async (email: string, id: string) => {
    const result = await (await as(email)).gql<SignalView>(SIGNAL, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.case.signal;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const bsnKey = randomBytes(32);
    await seedDemoWorld(database.system, { bsnKey, today: TEST_NOW });
    app = await startTestApp(database.dataSource, { bsnKey });
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('shows the corporation "not picked up: other reason" only as "not picked up"', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'SIGNALLED',
      with: ['rivierstad', 'kredietbank'],
    });
    expect(await signalAs(ANNA, created.id)).toMatchObject({
      crisis: false,
      warmHandover: false,
      endResult: null,
    });

    const recorded = await (
      await as(MEHMET)
    ).gql<{ recordSignalEndResult: { endResult: string } }>(RECORD, {
      input: { caseId: created.id, endResult: 'NOT_PICKED_UP_OTHER_REASON' },
    });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordSignalEndResult.endResult).toBe('NOT_PICKED_UP_OTHER_REASON');

    expect((await signalAs(MEHMET, created.id))!.endResult).toBe('NOT_PICKED_UP_OTHER_REASON');
    const forCorporation = await signalAs(ANNA, created.id);
    expect(forCorporation!.endResult).toBe('NOT_PICKED_UP');
    expect(forCorporation!.endResultAt).not.toBeNull();
    expect((await signalAs('tom@delinde.example', created.id))!.endResult).toBe('NOT_PICKED_UP');
    // Debt counselling is no party to the signal.
    expect(await signalAs(SANNE, created.id)).toBeNull();

    const [stored] = await database.query<{ end_result: string; end_result_by_id: string }>(
      `SELECT end_result, end_result_by_id FROM signal WHERE id = $1`,
      [created.signalId],
    );
    expect(stored).toEqual({
      end_result: 'NOT_PICKED_UP_OTHER_REASON',
      end_result_by_id: demoUserId(MEHMET),
    });
    const audit = await database.query<{
      action: string;
      entity_type: string;
      entity_id: string;
      basis: string;
      details: unknown;
    }>(
      `SELECT action, entity_type, entity_id, basis, details FROM audit_event WHERE case_id = $1 AND action = 'UPDATE'`,
      [created.id],
    );
    expect(audit).toEqual([
      {
        action: 'UPDATE',
        entity_type: 'signal',
        entity_id: created.signalId,
        basis: 'WGS_ART_3_SIGNAL',
        details: { endResult: 'NOT_PICKED_UP_OTHER_REASON', previous: null },
      },
    ]);
  });

  it('shows the corporation every other end result as it is, also after a correction', async () => {
    const created = await createCaseIn(database.dataSource, { status: 'IN_CONTACT' });
    const mehmet = await as(MEHMET);
    for (const endResult of ['NOT_PICKED_UP_REPEAT', 'NO_HELP_WANTED']) {
      expect((await mehmet.gql(RECORD, { input: { caseId: created.id, endResult } })).errors).toBeUndefined();
      expect((await signalAs(ANNA, created.id))!.endResult).toBe(endResult);
    }
    const [last] = await database.query<{ details: unknown }>(
      `SELECT details FROM audit_event WHERE case_id = $1 AND action = 'UPDATE' ORDER BY seq DESC LIMIT 1`,
      [created.id],
    );
    expect(last!.details).toEqual({ endResult: 'NO_HELP_WANTED', previous: 'NOT_PICKED_UP_REPEAT' });
  });

  it('is recorded only by the municipality that received the signal, and changes nothing otherwise', async () => {
    const created = await createCaseIn(database.dataSource, {
      status: 'SIGNALLED',
      with: ['rivierstad', 'kredietbank'],
    });
    for (const email of [ANNA, SANNE]) {
      const refused = await (
        await as(email)
      ).gql(RECORD, { input: { caseId: created.id, endResult: 'NO_CONTACT' } });
      expect(refused.errors![0]!.extensions, email).toEqual({ code: 'FORBIDDEN' });
    }
    const outsider = await (
      await as('bram@woonbronoost.example')
    ).gql(RECORD, {
      input: { caseId: created.id, endResult: 'NO_CONTACT' },
    });
    expect(outsider.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
    const withoutSignal = await createCaseIn(database.dataSource, {
      status: 'REFERRED',
      signal: false,
      with: ['rivierstad'],
    });
    const none = await (
      await as(MEHMET)
    ).gql(RECORD, { input: { caseId: withoutSignal.id, endResult: 'NO_CONTACT' } });
    expect(none.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { caseId: expect.any(String) as unknown },
    });
    expect(await signalAs(MEHMET, withoutSignal.id)).toBeNull();
    const [stored] = await database.query<{ end_result: string | null }>(
      `SELECT end_result FROM signal WHERE id = $1`,
      [created.signalId],
    );
    expect(stored!.end_result).toBeNull();
    expect(
      await database.query(
        `SELECT 1 FROM audit_event WHERE case_id = ANY($1::uuid[]) AND action = 'UPDATE'`,
        [[created.id, withoutSignal.id]],
      ),
    ).toEqual([]);
  });
});
