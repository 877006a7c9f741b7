import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseFactory } from '../../testing/case-factories.js';
import { createRegion, type Member, type Region } from '../../testing/factories.js';
import { graphql } from '../../testing/gql/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { dataOf, startTestApp, type TestApp } from '../../testing/test-app.js';

const RECORD = graphql(`
  mutation EndResultRecord($input: RecordSignalEndResultInput!) {
    recordSignalEndResult(input: $input) {
      endResult
      endResultAt
    }
  }
`);
const SIGNAL = graphql(`
  query EndResultSignal($id: ID!) {
    case(id: $id) {
      signal {
        signalDate
        crisis
        warmHandover
        endResult
        endResultAt
      }
    }
  }
`);

describe('the end result of a signal', () => {
  let database: TestDatabase;
  let app: TestApp;
  let region: Region;
  let factory: CaseFactory;
  /** The corporation's case worker who sent the signal, the municipality's counsellor who received it. */
  let anna: Member;
  let mehmet: Member;
  /** The debt-counselling organisation's counsellor, on the case through a referral only. */
  let sanne: Member;

  const as = (member: Member) => factory.as(member);

  const signalAs = async (member: Member, id: string) =>
    dataOf(await (await as(member)).gql(SIGNAL, { id })).case.signal;

  /** The audit rows of the case that are not reads, in order (the set-up's included). */
  const writesOf = (caseId: string) =>
    database.query<{
      action: string;
      entity_type: string;
      entity_id: string;
      basis: string;
      details: unknown;
    }>(
      `SELECT action, entity_type, entity_id, basis, details FROM audit_event
        WHERE case_id = $1 AND action <> 'READ' ORDER BY seq`,
      [caseId],
    );

  /** The signal the factory sent for a case. */
  const signalIdOf = async (caseId: string) =>
    (await database.query<{ id: string }>(`SELECT id FROM signal WHERE case_id = $1`, [caseId]))[0]!.id;

  beforeAll(async () => {
    database = await createTestDatabase();
    region = await createRegion(database.dataSource);
    app = await startTestApp(database.dataSource);
    factory = new CaseFactory(app, region);
    anna = region.corporation.caseWorker;
    mehmet = region.municipality.counsellor;
    sanne = region.debtCounselling.counsellor;
  });
  afterAll(async () => {
    await app.stop();
    await database.drop();
  });

  it('shows the corporation "not picked up: other reason" only as "not picked up"', async () => {
    // Signalled, and referred on to debt counselling, which accepted.
    const created = await factory.caseAtDebtCounselling();
    const signalId = await signalIdOf(created.id);
    const setUpWrites = (await writesOf(created.id)).length;
    expect(await signalAs(anna, created.id)).toMatchObject({
      crisis: false,
      warmHandover: false,
      endResult: null,
    });

    const recorded = dataOf(
      await (
        await as(mehmet)
      ).gql(RECORD, { input: { caseId: created.id, endResult: 'NOT_PICKED_UP_OTHER_REASON' } }),
    );
    expect(recorded.recordSignalEndResult.endResult).toBe('NOT_PICKED_UP_OTHER_REASON');

    expect((await signalAs(mehmet, created.id))!.endResult).toBe('NOT_PICKED_UP_OTHER_REASON');
    const forCorporation = await signalAs(anna, created.id);
    expect(forCorporation!.endResult).toBe('NOT_PICKED_UP');
    expect(forCorporation!.endResultAt).not.toBeNull();
    expect((await signalAs(region.corporation.teamLead, created.id))!.endResult).toBe('NOT_PICKED_UP');
    // Debt counselling is no party to the signal.
    expect(await signalAs(sanne, created.id)).toBeNull();

    const [stored] = await database.query<{ end_result: string; end_result_by_id: string }>(
      `SELECT end_result, end_result_by_id FROM signal WHERE id = $1`,
      [signalId],
    );
    expect(stored).toEqual({
      end_result: 'NOT_PICKED_UP_OTHER_REASON',
      end_result_by_id: mehmet.id,
    });
    expect((await writesOf(created.id)).slice(setUpWrites)).toEqual([
      {
        action: 'UPDATE',
        entity_type: 'signal',
        entity_id: signalId,
        basis: 'WGS_ART_3_SIGNAL',
        details: { endResult: 'NOT_PICKED_UP_OTHER_REASON', previous: null },
      },
    ]);
  });

  it('shows the corporation every other end result as it is, also after a correction', async () => {
    // The municipality took the signal up itself (IN_CONTACT).
    const created = await factory.signalledCase();
    await factory.transition(created.id, mehmet, 'IN_CONTACT');
    const setUpWrites = (await writesOf(created.id)).length;
    const mehmetClient = await as(mehmet);
    for (const endResult of ['NOT_PICKED_UP_REPEAT', 'NO_HELP_WANTED'] as const) {
      dataOf(await mehmetClient.gql(RECORD, { input: { caseId: created.id, endResult } }));
      expect((await signalAs(anna, created.id))!.endResult).toBe(endResult);
    }
    expect(
      (await writesOf(created.id)).slice(setUpWrites).map((row) => [row.entity_type, row.details]),
    ).toEqual([
      ['signal', { endResult: 'NOT_PICKED_UP_REPEAT', previous: null }],
      ['signal', { endResult: 'NO_HELP_WANTED', previous: 'NOT_PICKED_UP_REPEAT' }],
    ]);
  });

  it('is recorded only by the municipality that received the signal, and changes nothing otherwise', async () => {
    const created = await factory.caseAtDebtCounselling();
    const signalId = await signalIdOf(created.id);
    for (const member of [anna, sanne]) {
      const refused = await (
        await as(member)
      ).gql(RECORD, { input: { caseId: created.id, endResult: 'NO_CONTACT' } });
      expect(refused.errors![0]!.extensions, member.displayName).toEqual({ code: 'FORBIDDEN' });
    }
    const outsider = await (
      await as(region.stranger.caseWorker)
    ).gql(RECORD, {
      input: { caseId: created.id, endResult: 'NO_CONTACT' },
    });
    expect(outsider.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND' });
    // Referred by the corporation straight to the municipality, without a signal.
    const withoutSignal = await factory.openCase();
    await factory.refer(withoutSignal.id, anna, region.municipality.organization, 'MUNICIPALITY');
    const setUpWrites = {
      created: (await writesOf(created.id)).length,
      withoutSignal: (await writesOf(withoutSignal.id)).length,
    };
    const none = await (
      await as(mehmet)
    ).gql(RECORD, { input: { caseId: withoutSignal.id, endResult: 'NO_CONTACT' } });
    expect(none.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: { caseId: expect.any(String) as unknown },
    });
    expect(await signalAs(mehmet, withoutSignal.id)).toBeNull();
    const [stored] = await database.query<{ end_result: string | null }>(
      `SELECT end_result FROM signal WHERE id = $1`,
      [signalId],
    );
    expect(stored!.end_result).toBeNull();
    expect((await writesOf(created.id)).slice(setUpWrites.created)).toEqual([]);
    expect((await writesOf(withoutSignal.id)).slice(setUpWrites.withoutSignal)).toEqual([]);
  });
});
