import { addCalendarDays } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessCaseEventBus, type CaseChange } from '../../core/realtime/case-events.js';
import { ANNA, ArrangementWorld, ok, refusal, type ArrangementView } from './arrangement.fixtures.js';
import { arrangementsFeature } from './arrangements.feature.js';
import { detectMissedInstalments, missedInstalmentsJob } from './missed-instalments.js';
import { testToday } from '../../testing/test-clock.js';

/** Late morning in Amsterdam on that day. */
const on = (date: string) => new Date(`${date}T10:00:00Z`);
const today = testToday();

/**
 * Instalments nobody paid: missed from the sixth day after the due date, and the arrangement broken
 * once as many are missed as its tolerance allows. The steps share one database and run in order.
 */
describe('missed instalments and broken arrangements', () => {
  let world: ArrangementWorld;

  beforeAll(async () => {
    world = await ArrangementWorld.start();
  });
  afterAll(async () => {
    await world.stop();
  });

  const run = (date: string, caseEvents?: InProcessCaseEventBus) =>
    detectMissedInstalments(world.database.system, on(date), { caseEvents });
  const view = async (caseId: string) => (await world.caseAs(ANNA, caseId)).arrangement!;

  // Every server runs the jobs of every feature (app/composition.test.ts).
  it('runs every hour on every server', () => {
    expect(arrangementsFeature.jobs).toContain(missedInstalmentsJob);
    expect(missedInstalmentsJob).toMatchObject({ name: 'missed-instalments', intervalMs: 3_600_000 });
  });

  describe('with the default tolerance of 2', () => {
    let caseId: string;
    let plan: ArrangementView;

    beforeAll(async () => {
      caseId = await world.newCase();
      ({ createArrangement: plan } = ok(
        await world.create({ caseId, totalCents: 40_000, instalmentCount: 4, startDate: today, dueDay: 1 }),
      ));
      expect(plan.missedTolerance).toBe(2);
    });

    it('an unpaid instalment is still due for five days after its due date', async () => {
      expect(await run(addCalendarDays(plan.instalments[0]!.dueOn, 5))).toEqual({
        missed: 0,
        broken: 0,
        complete: true,
      });
      expect((await view(caseId)).instalments[0]!.status).toBe('DUE');
    });

    it('on the sixth day it is missed; the arrangement still runs; running again changes nothing', async () => {
      const events = new InProcessCaseEventBus();
      const heard: CaseChange[] = [];
      events.subscribe((change) => heard.push(change));
      const sixthDay = addCalendarDays(plan.instalments[0]!.dueOn, 6);
      expect(await run(sixthDay, events)).toEqual({ missed: 1, broken: 0, complete: true });
      expect(heard).toEqual([{ caseId, version: 2, changed: ['ARRANGEMENT'] }]);
      expect(await run(sixthDay)).toEqual({ missed: 0, broken: 0, complete: true });

      const seen = await view(caseId);
      expect(seen).toMatchObject({ status: 'ACTIVE', missedCount: 1, streak: 0, version: 2 });
      expect(seen.instalments.map((instalment) => instalment.status)).toEqual([
        'MISSED',
        'DUE',
        'DUE',
        'DUE',
      ]);
    });

    it('the second missed instalment breaks the arrangement; the rest stays as it is, and running again changes nothing', async () => {
      const later = addCalendarDays(plan.instalments[1]!.dueOn, 6);
      expect(await run(later)).toEqual({ missed: 1, broken: 1, complete: true });
      expect(await run(later)).toEqual({ missed: 0, broken: 0, complete: true });
      expect(await run(addCalendarDays(plan.instalments[3]!.dueOn, 30))).toEqual({
        missed: 0,
        broken: 0,
        complete: true,
      });

      const seen = await view(caseId);
      expect(seen).toMatchObject({ status: 'BROKEN', missedCount: 2, version: 3 });
      expect(seen.instalments.map((instalment) => instalment.status)).toEqual([
        'MISSED',
        'MISSED',
        'DUE',
        'DUE',
      ]);

      const audit = await world.database.query<{
        entity_type: string;
        actor_user_id: string | null;
        details: Record<string, unknown>;
      }>(
        `SELECT entity_type, actor_user_id, details FROM audit_event
          WHERE case_id = $1 AND action = 'UPDATE' AND request_id LIKE 'system-missed-instalments-%' ORDER BY seq`,
        [caseId],
      );
      expect(audit).toEqual([
        {
          entity_type: 'instalment',
          actor_user_id: null,
          details: { arrangementId: plan.id, sequence: 1, status: 'MISSED' },
        },
        {
          entity_type: 'instalment',
          actor_user_id: null,
          details: { arrangementId: plan.id, sequence: 2, status: 'MISSED' },
        },
        {
          entity_type: 'payment-arrangement',
          actor_user_id: null,
          details: { status: 'BROKEN', missed: 2, tolerance: 2 },
        },
      ]);
    });

    it('a broken arrangement takes no more payments, and a new one may be agreed', async () => {
      const refused = refusal(await world.pay(plan.instalments[2]!.id, today));
      expect(refused).toMatchObject({
        message:
          'Deze betalingsregeling is verbroken; er worden geen betalingen meer op geboekt. Verwerk de betaling in de huurachterstand.',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      ok(
        await world.create({
          caseId,
          totalCents: 40_000,
          instalmentCount: 8,
          startDate: addCalendarDays(today, 200),
          dueDay: 1,
        }),
      );
    });
  });

  describe('a missed instalment that is paid after all', () => {
    let caseId: string;
    let plan: ArrangementView;

    beforeAll(async () => {
      caseId = await world.newCase();
      // Agreed some weeks ago: the first instalment fell due at least ten days ago.
      ({ createArrangement: plan } = ok(
        await world.create({
          caseId,
          totalCents: 30_000,
          instalmentCount: 3,
          startDate: addCalendarDays(today, -40),
          dueDay: 1,
        }),
      ));
    });

    it('is paid late, and no longer counts towards breaking the arrangement', async () => {
      const first = plan.instalments[0]!;
      const sixthDay = addCalendarDays(first.dueOn, 6);
      expect(await run(sixthDay)).toEqual({ missed: 1, broken: 0, complete: true });

      const paid = ok(await world.pay(first.id, sixthDay)).recordPayment;
      expect(paid.instalments[0]).toMatchObject({ status: 'PAID_LATE', paidOn: sixthDay });
      expect(paid).toMatchObject({ status: 'ACTIVE', missedCount: 0, streak: 0 });

      expect(await run(addCalendarDays(plan.instalments[1]!.dueOn, 6))).toEqual({
        missed: 1,
        broken: 0,
        complete: true,
      });
      expect(await view(caseId)).toMatchObject({ status: 'ACTIVE', missedCount: 1 });
    });
  });
});
