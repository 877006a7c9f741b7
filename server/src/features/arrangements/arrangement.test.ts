import { addCalendarDays, compareCalendarDates, planInstalments } from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNA,
  ArrangementWorld,
  BRAM,
  MEHMET,
  SANNE,
  ok,
  refusal,
  type ArrangementView,
} from './arrangement.fixtures.js';
import { testToday } from '../../testing/test-clock.js';

const today = testToday();
const earlier = (a: string, b: string) => (compareCalendarDates(a, b) <= 0 ? a : b);

describe('payment arrangements: agreeing one, paying, rewards', () => {
  let world: ArrangementWorld;

  beforeAll(async () => {
    world = await ArrangementWorld.start();
  });
  afterAll(async () => {
    await world.stop();
  });

  describe('agreeing an arrangement', () => {
    it('generates the instalments in the same write: €1.000 in 3 is €333,33, €333,33 and €333,34, monthly on the due day', async () => {
      const caseId = await world.newCase();
      const startDate = addCalendarDays(today, 3);
      const { createArrangement } = ok(
        await world.create({
          caseId,
          totalCents: 100_000,
          instalmentCount: 3,
          startDate,
          dueDay: 15,
          missedTolerance: 3,
        }),
      );
      expect(createArrangement).toMatchObject({
        status: 'ACTIVE',
        instalmentCents: 33_333,
        startDate,
        dueDay: 15,
        missedTolerance: 3,
        version: 1,
      });
      const dueDates = planInstalments({ totalCents: 100_000, count: 3, startDate, dueDay: 15 }).map(
        (i) => i.dueOn,
      );
      expect(
        createArrangement.instalments.map(({ sequence, dueOn, amountCents, status, paidOn }) => ({
          sequence,
          dueOn,
          amountCents,
          status,
          paidOn,
        })),
      ).toEqual([
        { sequence: 1, dueOn: dueDates[0], amountCents: 33_333, status: 'DUE', paidOn: null },
        { sequence: 2, dueOn: dueDates[1], amountCents: 33_333, status: 'DUE', paidOn: null },
        { sequence: 3, dueOn: dueDates[2], amountCents: 33_334, status: 'DUE', paidOn: null },
      ]);
      expect(
        dueDates.every((date) => date.endsWith('-15') && compareCalendarDates(date, startDate) >= 0),
      ).toBe(true);
      const [stored] = await world.database.query<{ count: number; sum: number }>(
        `SELECT count(*)::int AS count, sum(amount_cents)::int AS sum FROM instalment WHERE arrangement_id = $1`,
        [createArrangement.id],
      );
      expect(stored).toEqual({ count: 3, sum: 100_000 });
    });

    it('refuses a second active arrangement on the same case', async () => {
      const caseId = await world.newCase();
      ok(await world.create({ caseId, totalCents: 50_000, instalmentCount: 5, startDate: today, dueDay: 1 }));
      const second = refusal(
        await world.create({ caseId, totalCents: 20_000, instalmentCount: 2, startDate: today, dueDay: 1 }),
      );
      expect(second.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: {
          caseId: 'Er loopt al een betalingsregeling voor dit dossier. Er kan er maar één tegelijk lopen.',
        },
      });
      const [count] = await world.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM payment_arrangement WHERE case_id = $1`,
        [caseId],
      );
      expect(count?.n).toBe(1);
    });

    it('names every problem with the input, in Dutch, and writes nothing', async () => {
      const caseId = await world.newCase();
      const tooSmall = refusal(
        await world.create({ caseId, totalCents: 5, instalmentCount: 7, startDate: today, dueDay: 1 }),
      );
      expect(tooSmall.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fieldErrors: { instalmentCount: 'Vul hoogstens 5 in.' },
        fieldIssues: [{ field: 'instalmentCount', code: 'TOO_LARGE', params: { max: 5 } }],
      });
      const wrong = refusal(
        await world.create({
          caseId,
          totalCents: 0,
          instalmentCount: 121,
          startDate: addCalendarDays(today, -200),
          dueDay: 31,
          missedTolerance: 0,
        }),
      );
      const earliestStart = addCalendarDays(today, -92);
      expect(wrong.extensions?.fieldErrors).toEqual({
        totalCents: 'Vul een bedrag in dat groter is dan nul.',
        instalmentCount: 'Vul hoogstens 120 in.',
        dueDay: 'Vul hoogstens 28 in.',
        startDate: `Deze datum ligt te vroeg. Kies een datum vanaf ${earliestStart}.`,
        missedTolerance: 'Vul 1 of meer in.',
      });
      expect(wrong.extensions?.fieldIssues).toEqual([
        { field: 'totalCents', code: 'AMOUNT_ZERO', params: { min: 1 } },
        { field: 'instalmentCount', code: 'TOO_LARGE', params: { max: 120 } },
        { field: 'startDate', code: 'DATE_TOO_EARLY', params: { min: earliestStart } },
        { field: 'dueDay', code: 'TOO_LARGE', params: { max: 28 } },
        { field: 'missedTolerance', code: 'TOO_SMALL', params: { min: 1 } },
      ]);
      const [count] = await world.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM payment_arrangement WHERE case_id = $1`,
        [caseId],
      );
      expect(count?.n).toBe(0);
    });

    it('only the referring corporation agrees one: the municipality and the Kredietbank FORBIDDEN, another corporation NOT_FOUND', async () => {
      const caseId = await world.newCase();
      const input = { caseId, totalCents: 50_000, instalmentCount: 5, startDate: today, dueDay: 1 };
      for (const email of [MEHMET, SANNE] as const) {
        expect(refusal(await world.create(input, email)).extensions?.code, email).toBe('FORBIDDEN');
      }
      const bram = refusal(await world.create(input, BRAM));
      const unknown = refusal(
        await world.create({ ...input, caseId: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(bram).toMatchObject({ message: 'Dossier niet gevonden.', extensions: { code: 'NOT_FOUND' } });
      expect(unknown).toMatchObject({ message: bram.message, extensions: { code: 'NOT_FOUND' } });

      const denied = await world.database.query<{ details: { attempted: string } }>(
        `SELECT details FROM audit_event WHERE action = 'ACCESS_DENIED' AND entity_id = $1 ORDER BY seq`,
        [caseId],
      );
      expect(denied.map((row) => row.details.attempted)).toEqual([
        'createArrangement',
        'createArrangement',
        'createArrangement',
      ]);
      const [count] = await world.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM payment_arrangement WHERE case_id = $1`,
        [caseId],
      );
      expect(count?.n).toBe(0);
    });
  });

  describe('recording payments', () => {
    it('a late payment breaks the streak; the count starts again at the next on-time payment', async () => {
      const caseId = await world.newCase();
      // Agreed almost three months ago: the first instalments fell due in the past.
      const { createArrangement: plan } = ok(
        await world.create({
          caseId,
          totalCents: 60_000,
          instalmentCount: 6,
          startDate: addCalendarDays(today, -85),
          dueDay: 1,
        }),
      );
      const [first, second, third, fourth, fifth] = plan.instalments;
      ok(await world.pay(first!.id, first!.dueOn));
      const late = ok(await world.pay(second!.id, addCalendarDays(second!.dueOn, 3))).recordPayment;
      expect(late.instalments[1]).toMatchObject({
        status: 'PAID_LATE',
        paidOn: addCalendarDays(second!.dueOn, 3),
      });
      expect(late.streak).toBe(0);

      const onTime = ok(await world.pay(third!.id, earlier(today, third!.dueOn))).recordPayment;
      expect(onTime.streak).toBe(1);
      ok(await world.pay(fourth!.id, today));
      const three = ok(await world.pay(fifth!.id, today)).recordPayment;
      expect(three.streak).toBe(3);
      // Three on time in a row (3, 4, 5), not counting the first: the milestone comes at the fifth.
      expect(three.milestones.map((m) => [m.kind, m.reachedAtSequence])).toEqual([['ON_TIME_STREAK', 5]]);
    });

    it('refuses paying twice, a date in the future or before the arrangement started, and less than the instalment', async () => {
      const caseId = await world.newCase();
      const { createArrangement: plan } = ok(
        await world.create({ caseId, totalCents: 30_000, instalmentCount: 3, startDate: today, dueDay: 28 }),
      );
      const [first, second] = plan.instalments;
      ok(await world.pay(first!.id, today));
      const twice = refusal(await world.pay(first!.id, today));
      expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(twice.message).toMatch(/^Deze termijn is al betaald, op \d{2}-\d{2}-\d{4}\.$/);

      const future = refusal(await world.pay(second!.id, addCalendarDays(today, 1)));
      expect(future.extensions?.fieldErrors).toEqual({ paidOn: 'Deze datum ligt in de toekomst.' });
      expect(future.extensions?.fieldIssues).toEqual([
        { field: 'paidOn', code: 'DATE_IN_FUTURE', params: {} },
      ]);
      const beforeStart = refusal(await world.pay(second!.id, addCalendarDays(today, -1)));
      expect(beforeStart.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: { paidOn: `Deze datum ligt vóór ${today}.` },
        fieldIssues: [
          {
            field: 'paidOn',
            code: 'DATE_BEFORE_OTHER',
            params: { min: today, other: 'arrangement.startDate' },
          },
        ],
      });
      const short = refusal(await world.pay(second!.id, today, { paidCents: 9_999 }));
      expect(short.extensions?.fieldErrors).toMatchObject({
        paidCents: expect.stringMatching(
          /^Een termijn is betaald als het hele bedrag binnen is: €\s100,00\.$/,
        ) as unknown,
      });

      const [stored] = await world.database.query<{ status: string; version: number }>(
        `SELECT status, version FROM instalment WHERE id = $1`,
        [first!.id],
      );
      expect(stored).toEqual({ status: 'PAID_ON_TIME', version: 2 });
    });

    it('only the corporation records payments: a partner who sees the arrangement gets FORBIDDEN, one who does not NOT_FOUND', async () => {
      const caseId = await world.newCase();
      await world.consentForKredietbank(caseId);
      const { createArrangement: plan } = ok(
        await world.create({ caseId, totalCents: 30_000, instalmentCount: 3, startDate: today, dueDay: 28 }),
      );
      const instalmentId = plan.instalments[0]!.id;
      expect(refusal(await world.pay(instalmentId, today, {}, SANNE)).extensions?.code).toBe('FORBIDDEN');
      const mehmet = refusal(await world.pay(instalmentId, today, {}, MEHMET));
      const bram = refusal(await world.pay(instalmentId, today, {}, BRAM));
      const unknown = refusal(await world.pay('00000000-0000-4000-8000-000000000000', today));
      for (const error of [mehmet, bram, unknown])
        expect(error).toMatchObject({ message: 'Termijn niet gevonden.', extensions: { code: 'NOT_FOUND' } });
      const [stored] = await world.database.query<{ status: string }>(
        `SELECT status FROM instalment WHERE id = $1`,
        [instalmentId],
      );
      expect(stored?.status).toBe('DUE');
    });

    it('paying the last instalment completes the arrangement: a completion milestone, and a new arrangement may follow', async () => {
      const caseId = await world.newCase();
      const { createArrangement: plan } = ok(
        await world.create({ caseId, totalCents: 100_000, instalmentCount: 3, startDate: today, dueDay: 28 }),
      );
      ok(await world.pay(plan.instalments[0]!.id, today));
      ok(await world.pay(plan.instalments[2]!.id, today, { paidCents: 40_000 }));
      const done = ok(await world.pay(plan.instalments[1]!.id, today)).recordPayment;
      expect(done).toMatchObject({
        status: 'COMPLETED',
        streak: 3,
        paidCents: 106_666,
        remainingCents: 0,
      });
      expect(
        done.milestones.map(({ kind, reachedAtSequence, rewardDescription, rewardCents, rewardStatus }) => ({
          kind,
          reachedAtSequence,
          rewardDescription,
          rewardCents,
          rewardStatus,
        })),
      ).toEqual([
        {
          kind: 'ON_TIME_STREAK',
          reachedAtSequence: 3,
          rewardDescription: 'Incassokosten kwijtschelden',
          rewardCents: 4000,
          rewardStatus: 'PROPOSED',
        },
        {
          kind: 'COMPLETED',
          reachedAtSequence: 3,
          rewardDescription: 'Afsluitend gesprek en compliment',
          rewardCents: null,
          rewardStatus: 'PROPOSED',
        },
      ]);
      const statusChange = await world.database.query<{ details: { status: string } }>(
        `SELECT details FROM audit_event WHERE entity_type = 'payment-arrangement' AND entity_id = $1 AND action = 'UPDATE'`,
        [plan.id],
      );
      expect(statusChange.map((row) => row.details.status)).toEqual(['COMPLETED']);

      ok(
        await world.create({ caseId, totalCents: 10_000, instalmentCount: 1, startDate: today, dueDay: 28 }),
      );
      const seen = await world.caseAs(ANNA, caseId);
      expect(seen.arrangement).toMatchObject({ status: 'ACTIVE', totalCents: 10_000 });
    });
  });

  describe('deciding on a reward', () => {
    let caseId: string;
    let done: ArrangementView;

    beforeAll(async () => {
      caseId = await world.newCase();
      await world.consentForKredietbank(caseId);
      const { createArrangement: plan } = ok(
        await world.create({ caseId, totalCents: 45_000, instalmentCount: 3, startDate: today, dueDay: 28 }),
      );
      for (const instalment of plan.instalments) ok(await world.pay(instalment.id, today));
      done = (await world.caseAs(ANNA, caseId)).arrangement!;
      expect(done.milestones.map((milestone) => milestone.kind)).toEqual(['ON_TIME_STREAK', 'COMPLETED']);
    });

    it('partners who only see the arrangement may not decide (FORBIDDEN); others get NOT_FOUND, like a milestone that does not exist', async () => {
      const streak = done.milestones[0]!;
      expect(refusal(await world.decide(streak.id, true, SANNE)).extensions?.code).toBe('FORBIDDEN');
      for (const error of [
        refusal(await world.decide(streak.id, true, MEHMET)),
        refusal(await world.decide(streak.id, true, BRAM)),
        refusal(await world.decide('00000000-0000-4000-8000-000000000000', true)),
      ])
        expect(error).toMatchObject({
          message: 'Mijlpaal niet gevonden.',
          extensions: { code: 'NOT_FOUND' },
        });
      expect((await world.caseAs(ANNA, caseId)).arrangement!.milestones[0]!.rewardStatus).toBe('PROPOSED');
    });

    it('the corporation confirms the waiver and declines the other, once each; the Kredietbank sees the outcome', async () => {
      const [streak, completed] = done.milestones;
      const confirmed = ok(await world.decide(streak!.id, true)).decideReward;
      expect(confirmed.milestones[0]).toMatchObject({ rewardStatus: 'CONFIRMED', version: 2 });
      expect(confirmed.milestones[0]!.decidedAt).not.toBeNull();
      const declined = ok(await world.decide(completed!.id, false)).decideReward;
      expect(declined.milestones.map((milestone) => milestone.rewardStatus)).toEqual([
        'CONFIRMED',
        'DECLINED',
      ]);

      const again = refusal(await world.decide(streak!.id, false));
      expect(again).toMatchObject({
        message: 'Deze beloning is al toegekend.',
        extensions: {
          code: 'BAD_USER_INPUT',
          fieldErrors: { milestoneId: 'Deze beloning is al toegekend.' },
        },
      });

      const sanne = await world.caseAs(SANNE, caseId);
      expect(sanne.arrangement?.milestones.map((milestone) => milestone.rewardStatus)).toEqual([
        'CONFIRMED',
        'DECLINED',
      ]);
      const decisions = await world.database.query<{ details: { rewardStatus: string }; actor: string }>(
        `SELECT a.details, u.email AS actor FROM audit_event a JOIN app_user u ON u.id = a.actor_user_id
          WHERE a.case_id = $1 AND a.entity_type = 'arrangement-milestone' AND a.action = 'UPDATE' ORDER BY a.seq`,
        [caseId],
      );
      expect(decisions).toEqual([
        { details: { arrangementId: done.id, rewardStatus: 'CONFIRMED' }, actor: world.member(ANNA).email },
        { details: { arrangementId: done.id, rewardStatus: 'DECLINED' }, actor: world.member(ANNA).email },
      ]);
    });
  });
});
