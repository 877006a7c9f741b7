import { planInstalments } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  ArrangementWorld,
  BRAM,
  CASE_ARRANGEMENT,
  MEHMET,
  SANNE,
  ok,
  type ArrangementView,
} from './arrangement.fixtures.js';
import { testToday } from '../../testing/test-clock.js';

/**
 * Rewarding good behaviour (docs/product.md §4), told by the people of one region: anna of the corporation agrees a payment
 * arrangement with the tenant and records three payments on time; the milestone appears with its reward
 * proposal — for anna, and for the Kredietbank the tenant allowed to see the arrangement, but not for
 * the municipality, which has no consent for it. The steps share their state and run in order.
 */
describe('three on-time payments in a row, and every partner allowed to see the arrangement sees it', () => {
  let world: ArrangementWorld;
  let caseId: string;
  let consentId: string;
  let arrangement: ArrangementView;
  const today = testToday();

  beforeAll(async () => {
    world = await ArrangementWorld.start();
    caseId = await world.newCase();
  });
  afterAll(async () => {
    await world.stop();
  });

  it('1. anna agrees €1.000 in 6 monthly instalments; the last one absorbs the rounding', async () => {
    ({ createArrangement: arrangement } = ok(
      await world.create({ caseId, totalCents: 100_000, instalmentCount: 6, startDate: today, dueDay: 28 }),
    ));
    expect(arrangement).toMatchObject({
      caseId,
      status: 'ACTIVE',
      totalCents: 100_000,
      instalmentCount: 6,
      instalmentCents: 16_666,
      missedTolerance: 2,
      streak: 0,
      missedCount: 0,
      paidCents: 0,
      remainingCents: 100_000,
      milestones: [],
    });
    expect(arrangement.instalments.map((instalment) => instalment.amountCents)).toEqual([
      16_666, 16_666, 16_666, 16_666, 16_666, 16_670,
    ]);
    expect(arrangement.instalments.map((instalment) => instalment.dueOn)).toEqual(
      planInstalments({ totalCents: 100_000, count: 6, startDate: today, dueDay: 28 }).map((i) => i.dueOn),
    );
    expect(arrangement.instalments.every((instalment) => instalment.status === 'DUE')).toBe(true);

    const seen = await world.caseAs(ANNA, caseId);
    expect(seen.arrangement?.id).toBe(arrangement.id);
    expect(seen.access.find((entry) => entry.category === 'ARRANGEMENT')).toMatchObject({
      allowed: true,
      basis: 'ORIGIN',
    });
  });

  it('2. nobody else sees it yet: the arrangement is the corporation’s own data', async () => {
    for (const email of [MEHMET, SANNE] as const) {
      const seen = await world.caseAs(email, caseId);
      expect(seen.arrangement, email).toBeNull();
      expect(
        seen.access.find((entry) => entry.category === 'ARRANGEMENT'),
        email,
      ).toMatchObject({
        allowed: false,
        reason: 'NO_CONSENT',
      });
    }
  });

  it('3. the tenant lets the Kredietbank see the arrangement; sanne now sees it, mehmet still does not', async () => {
    consentId = await world.consentForKredietbank(caseId);
    const sanne = await world.caseAs(SANNE, caseId);
    expect(sanne.arrangement).toMatchObject({ id: arrangement.id, streak: 0, remainingCents: 100_000 });
    expect(sanne.access.find((entry) => entry.category === 'ARRANGEMENT')).toMatchObject({
      allowed: true,
      basis: 'CONSENT',
      consentId,
    });
    expect((await world.caseAs(MEHMET, caseId)).arrangement).toBeNull();
  });

  it('4. two payments on time: a streak of 2, no milestone yet', async () => {
    const [first, second] = arrangement.instalments;
    ok(await world.pay(first!.id, today));
    const { recordPayment } = ok(await world.pay(second!.id, today));
    expect(recordPayment).toMatchObject({
      status: 'ACTIVE',
      streak: 2,
      paidCents: 33_332,
      remainingCents: 66_668,
      milestones: [],
    });
    expect(recordPayment.instalments.slice(0, 2)).toMatchObject([
      { sequence: 1, status: 'PAID_ON_TIME', paidOn: today, paidCents: 16_666 },
      { sequence: 2, status: 'PAID_ON_TIME', paidOn: today, paidCents: 16_666 },
    ]);
  });

  it('5. the third on-time payment reaches the milestone, with a proposal to waive the collection costs', async () => {
    const { recordPayment } = ok(await world.pay(arrangement.instalments[2]!.id, today));
    expect(recordPayment).toMatchObject({
      status: 'ACTIVE',
      streak: 3,
      paidCents: 49_998,
      remainingCents: 50_002,
    });
    expect(recordPayment.milestones).toEqual([
      {
        id: expect.any(String) as unknown,
        kind: 'ON_TIME_STREAK',
        reachedAtSequence: 3,
        reachedOn: today,
        rewardDescription: 'Incassokosten kwijtschelden',
        rewardCents: 4000,
        rewardStatus: 'PROPOSED',
        decidedAt: null,
        version: 1,
      },
    ]);
    arrangement = recordPayment;
  });

  it('6. anna and sanne both see the streak and the milestone; mehmet and bram see nothing of it', async () => {
    for (const email of [ANNA, SANNE] as const) {
      const seen = await world.caseAs(email, caseId);
      expect(seen.arrangement, email).toMatchObject({ streak: 3, milestones: arrangement.milestones });
    }
    expect((await world.caseAs(MEHMET, caseId)).arrangement).toBeNull();
    const bram = await (await world.as(BRAM)).gql(CASE_ARRANGEMENT, { id: caseId });
    expect(bram.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('7. every write is in the audit trail, every read of the arrangement with its basis, and every change was announced', async () => {
    const writes = await world.database.query<{
      action: string;
      entity_type: string;
      categories: string;
      basis: string;
    }>(
      `SELECT action, entity_type, categories::text AS categories, basis FROM audit_event
        WHERE case_id = $1 AND entity_type IN ('payment-arrangement', 'instalment', 'arrangement-milestone') ORDER BY seq`,
      [caseId],
    );
    expect(writes.map((row) => `${row.action} ${row.entity_type}`)).toEqual([
      'CREATE payment-arrangement',
      'UPDATE instalment',
      'UPDATE instalment',
      'UPDATE instalment',
      'CREATE arrangement-milestone',
    ]);
    expect(writes.every((row) => row.categories === '{ARRANGEMENT}' && row.basis === 'ORIGIN')).toBe(true);

    const reads = await world.database.query<{ org: string; basis: string }>(
      `SELECT o.name AS org, a.basis FROM audit_event a JOIN organization o ON o.id = a.actor_org_id
        WHERE a.case_id = $1 AND a.action = 'READ' AND 'ARRANGEMENT' = ANY(a.categories)`,
      [caseId],
    );
    expect(new Set(reads.map((row) => `${row.org}: ${row.basis}`))).toEqual(
      new Set([
        `${world.region.corporation.organization.name}: ORIGIN`,
        `${world.region.debtCounselling.organization.name}: ${consentId}`,
      ]),
    );

    // Every arrangement write was announced, in order, naming the arrangement (so only those who may read
    // it hear of it); recording the consent was announced as well (with
    // the facet 'consent'), since a consent changes what partners see of the tenant's cases.
    const ofCase = world.events.filter((event) => event.caseId === caseId);
    const namingTheArrangement = [
      { category: 'ARRANGEMENT', table: 'payment_arrangement', ids: [arrangement.id] },
    ];
    expect(ofCase.filter((event) => event.changed.includes('consent'))).toHaveLength(1);
    expect(
      ofCase.filter((event) => event.changed.includes('ARRANGEMENT') && !event.changed.includes('consent')),
    ).toEqual([
      { caseId, version: 1, changed: ['ARRANGEMENT'], rows: namingTheArrangement },
      { caseId, version: 2, changed: ['ARRANGEMENT'], rows: namingTheArrangement },
      { caseId, version: 3, changed: ['ARRANGEMENT'], rows: namingTheArrangement },
      { caseId, version: 4, changed: ['ARRANGEMENT'], rows: namingTheArrangement },
    ]);
  });
});
