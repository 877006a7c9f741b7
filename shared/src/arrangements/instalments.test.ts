import { describe, expect, it } from 'vitest';
import {
  arrangementStreak,
  instalmentPlanProblems,
  isPastGrace,
  milestonesReached,
  paymentStatus,
  planInstalments,
  type InstalmentFacts,
  type InstalmentStatus,
} from './instalments.js';
import { DEFAULT_STREAK_REWARD_CENTS, proposeReward } from './rewards.js';

const amounts = (totalCents: number, count: number) =>
  planInstalments({ totalCents, count, startDate: '2026-03-01', dueDay: 1 }).map((i) => i.amountCents);

const row = (...statuses: InstalmentStatus[]): InstalmentFacts[] =>
  statuses.map((status, index) => ({
    sequence: index + 1,
    status,
    paidOn:
      status === 'PAID_ON_TIME' || status === 'PAID_LATE'
        ? `2026-${String(index + 1).padStart(2, '0')}-01`
        : null,
  }));

describe('splitting a payment arrangement into instalments', () => {
  it('€1.000 in 3: two of €333,33 and a last one of €333,34', () => {
    expect(amounts(100_000, 3)).toEqual([33_333, 33_333, 33_334]);
  });

  it('€1.000 in 7: six of €142,85 and a last one of €142,90', () => {
    expect(amounts(100_000, 7)).toEqual([14_285, 14_285, 14_285, 14_285, 14_285, 14_285, 14_290]);
  });

  it('€1.000 in 12: eleven of €83,33 and a last one of €83,37', () => {
    expect(amounts(100_000, 12)).toEqual([
      8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_333, 8_337,
    ]);
  });

  it('in one instalment: the whole amount', () => {
    expect(planInstalments({ totalCents: 100_000, count: 1, startDate: '2026-03-10', dueDay: 15 })).toEqual([
      { sequence: 1, dueOn: '2026-03-15', amountCents: 100_000 },
    ]);
  });

  it('always adds up to the total exactly, in whole cents', () => {
    for (const [total, count] of [
      [1, 1],
      [7, 7],
      [99_999, 120],
      [123_457, 11],
      [250_001, 24],
    ] as const) {
      const planned = amounts(total, count);
      expect(planned).toHaveLength(count);
      expect(planned.reduce((sum, amount) => sum + amount, 0)).toBe(total);
      expect(planned.every((amount) => Number.isInteger(amount) && amount >= 1)).toBe(true);
    }
  });

  it('refuses a total smaller than the number of instalments (a termijn is at least 1 cent)', () => {
    expect(() => amounts(5, 7)).toThrow(RangeError);
    expect(instalmentPlanProblems({ totalCents: 5, count: 7, startDate: '2026-03-01', dueDay: 1 })).toEqual({
      instalmentCount: 'Het bedrag is te klein voor zoveel termijnen: elke termijn is minstens 1 cent.',
    });
    expect(amounts(7, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('refuses fractions of a cent, nothing to pay, too many instalments, a due day not every month has, a non-date', () => {
    expect(
      instalmentPlanProblems({ totalCents: 100.5, count: 0, startDate: '2026-02-30', dueDay: 29 }),
    ).toEqual({
      totalCents: 'Vul een bedrag in hele centen in, groter dan nul.',
      instalmentCount: 'Kies een aantal termijnen van 1 tot en met 120.',
      dueDay: 'Kies een betaaldag van 1 tot en met 28.',
      startDate: 'Vul een geldige datum in (jjjj-mm-dd).',
    });
    expect(
      Object.keys(instalmentPlanProblems({ totalCents: 0, count: 121, startDate: 'x', dueDay: 0 })),
    ).toEqual(['totalCents', 'instalmentCount', 'dueDay', 'startDate']);
    expect(() =>
      planInstalments({ totalCents: 1000, count: 2, startDate: '2026-03-01', dueDay: 31 }),
    ).toThrow(RangeError);
  });
});

describe('due dates', () => {
  const dueDates = (startDate: string, dueDay: number, count: number) =>
    planInstalments({ totalCents: 10_000, count, startDate, dueDay }).map((i) => i.dueOn);

  it('start on the first due day on or after the start date, then monthly on the same day', () => {
    expect(dueDates('2026-03-15', 15, 3)).toEqual(['2026-03-15', '2026-04-15', '2026-05-15']);
    expect(dueDates('2026-03-16', 15, 3)).toEqual(['2026-04-15', '2026-05-15', '2026-06-15']);
    expect(dueDates('2026-03-02', 20, 2)).toEqual(['2026-03-20', '2026-04-20']);
  });

  it('run across the turn of the year', () => {
    expect(dueDates('2026-11-20', 15, 4)).toEqual(['2026-12-15', '2027-01-15', '2027-02-15', '2027-03-15']);
    expect(dueDates('2026-12-31', 1, 2)).toEqual(['2027-01-01', '2027-02-01']);
    expect(dueDates('2026-12-02', 1, 25).slice(-3)).toEqual(['2028-11-01', '2028-12-01', '2029-01-01']);
  });

  it('keep the day in February, in ordinary and leap years', () => {
    expect(dueDates('2027-01-31', 28, 3)).toEqual(['2027-02-28', '2027-03-28', '2027-04-28']);
    expect(dueDates('2028-01-29', 28, 2)).toEqual(['2028-02-28', '2028-03-28']);
    expect(dueDates('2028-02-28', 28, 1)).toEqual(['2028-02-28']);
  });
});

describe('on time, late and missed', () => {
  it('paid on or before the due date is on time, after it late', () => {
    expect(paymentStatus('2026-04-01', '2026-03-20')).toBe('PAID_ON_TIME');
    expect(paymentStatus('2026-04-01', '2026-04-01')).toBe('PAID_ON_TIME');
    expect(paymentStatus('2026-04-01', '2026-04-02')).toBe('PAID_LATE');
  });

  it('an unpaid instalment is missed from the sixth day after its due date', () => {
    expect(isPastGrace('2026-04-01', '2026-04-06')).toBe(false);
    expect(isPastGrace('2026-04-01', '2026-04-07')).toBe(true);
    expect(isPastGrace('2026-12-30', '2027-01-05')).toBe(true);
  });
});

describe('the streak', () => {
  it('counts the on-time payments in a row at the end, in sequence order', () => {
    expect(arrangementStreak(row('PAID_ON_TIME', 'PAID_ON_TIME', 'PAID_ON_TIME', 'DUE', 'DUE'))).toBe(3);
    expect(arrangementStreak(row('PAID_ON_TIME', 'PAID_ON_TIME', 'PAID_LATE', 'PAID_ON_TIME'))).toBe(1);
    expect(arrangementStreak(row('PAID_ON_TIME', 'MISSED'))).toBe(0);
    expect(arrangementStreak(row('DUE', 'DUE'))).toBe(0);
    expect(arrangementStreak([])).toBe(0);
  });

  it('follows the sequence, not the order the instalments come in', () => {
    const [first, second, third] = row('PAID_LATE', 'PAID_ON_TIME', 'PAID_ON_TIME');
    expect(arrangementStreak([third!, first!, second!])).toBe(2);
  });

  it('an instalment still unpaid before a paid one interrupts the streak until it is paid', () => {
    expect(arrangementStreak(row('PAID_ON_TIME', 'DUE', 'PAID_ON_TIME'))).toBe(1);
    expect(arrangementStreak(row('PAID_ON_TIME', 'PAID_ON_TIME', 'PAID_ON_TIME'))).toBe(3);
  });
});

describe('milestones', () => {
  it('every third on-time instalment in a row, and completion when everything is paid', () => {
    const all = row(...Array.from({ length: 7 }, () => 'PAID_ON_TIME' as const));
    expect(milestonesReached(all, { streakLength: 3 })).toEqual([
      { kind: 'ON_TIME_STREAK', reachedAtSequence: 3, reachedOn: '2026-03-01' },
      { kind: 'ON_TIME_STREAK', reachedAtSequence: 6, reachedOn: '2026-06-01' },
      { kind: 'COMPLETED', reachedAtSequence: 7, reachedOn: '2026-07-01' },
    ]);
  });

  it('a late payment starts the count again', () => {
    expect(
      milestonesReached(
        row(
          'PAID_ON_TIME',
          'PAID_ON_TIME',
          'PAID_LATE',
          'PAID_ON_TIME',
          'PAID_ON_TIME',
          'PAID_ON_TIME',
          'DUE',
        ),
      ),
    ).toEqual([{ kind: 'ON_TIME_STREAK', reachedAtSequence: 6, reachedOn: '2026-06-01' }]);
  });

  it('completion counts late payments too, but not a missed instalment', () => {
    expect(milestonesReached(row('PAID_LATE', 'PAID_ON_TIME'))).toEqual([
      { kind: 'COMPLETED', reachedAtSequence: 2, reachedOn: '2026-02-01' },
    ]);
    expect(milestonesReached(row('PAID_ON_TIME', 'MISSED', 'PAID_ON_TIME'))).toEqual([]);
  });

  it('nothing before anything is paid', () => {
    expect(milestonesReached(row('DUE', 'DUE', 'DUE'))).toEqual([]);
  });
});

describe('reward proposals', () => {
  it('a streak proposes waiving the collection costs: the case’s own amount, or the default', () => {
    expect(proposeReward('ON_TIME_STREAK')).toEqual({
      description: 'Incassokosten kwijtschelden',
      cents: DEFAULT_STREAK_REWARD_CENTS,
    });
    expect(DEFAULT_STREAK_REWARD_CENTS).toBe(4000);
    expect(proposeReward('ON_TIME_STREAK', { defaultStreakRewardCents: 2500 }).cents).toBe(2500);
    expect(
      proposeReward('ON_TIME_STREAK', { collectionCostsCents: 6_150, defaultStreakRewardCents: 2500 }).cents,
    ).toBe(6_150);
  });

  it('completion proposes a closing conversation and a compliment, without an amount', () => {
    expect(proposeReward('COMPLETED')).toEqual({
      description: 'Afsluitend gesprek en compliment',
      cents: null,
    });
  });
});
