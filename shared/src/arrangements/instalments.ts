import {
  addCalendarDays,
  compareCalendarDates,
  isCalendarDate,
  type CalendarDate,
} from '../deadlines/calendar-dates.js';

/**
 * The payment arrangement (betalingsregeling) of docs/product.md §4, as arithmetic both sides share: how a total is
 * split into instalments, when each falls due, when an unpaid one counts as missed, and which milestones
 * (rewarding good behaviour) a row of instalments has reached. Money is integer euro cents throughout.
 */

export const ARRANGEMENT_STATUSES = Object.freeze(['ACTIVE', 'COMPLETED', 'BROKEN'] as const);
export type ArrangementStatus = (typeof ARRANGEMENT_STATUSES)[number];

export const INSTALMENT_STATUSES = Object.freeze(['DUE', 'PAID_ON_TIME', 'PAID_LATE', 'MISSED'] as const);
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number];

export const ARRANGEMENT_MILESTONE_KINDS = Object.freeze(['ON_TIME_STREAK', 'COMPLETED'] as const);
export type ArrangementMilestoneKind = (typeof ARRANGEMENT_MILESTONE_KINDS)[number];

export const REWARD_STATUSES = Object.freeze(['PROPOSED', 'CONFIRMED', 'DECLINED'] as const);
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** At most this many instalments (ten years of monthly payments; the table's check says the same). */
export const MAX_INSTALMENTS = 120;
/** The due day is a day every month has. */
export const MAX_DUE_DAY = 28;
/** Default: the arrangement is broken after this many missed instalments (docs/product.md §4). */
export const DEFAULT_MISSED_TOLERANCE = 2;
export const MAX_MISSED_TOLERANCE = 12;
/** Default: a milestone at every this many consecutive on-time instalments (docs/product.md §4). */
export const DEFAULT_STREAK_LENGTH = 3;
/**
 * An instalment still unpaid this many calendar days after its due date is MISSED. A payment made
 * after the due date is late, but within these days it is not yet missed: a transfer can take a few
 * days, over a weekend or a holiday, and a reminder with one clear action comes before "missed".
 */
export const MISSED_GRACE_DAYS = 5;

export interface InstalmentPlanInput {
  readonly totalCents: number;
  readonly count: number;
  /** YYYY-MM-DD; the first instalment falls due on the first due day on or after it. */
  readonly startDate: CalendarDate;
  /** 1–28. */
  readonly dueDay: number;
}

export interface PlannedInstalment {
  readonly sequence: number;
  readonly dueOn: CalendarDate;
  readonly amountCents: number;
}

/** What is wrong with a plan, per field, in Dutch (B1); empty when it can be planned. */
export function instalmentPlanProblems(input: InstalmentPlanInput): Record<string, string> {
  const problems: Record<string, string> = {};
  const totalValid = Number.isSafeInteger(input.totalCents) && input.totalCents > 0;
  const countValid = Number.isInteger(input.count) && input.count >= 1 && input.count <= MAX_INSTALMENTS;
  if (!totalValid) problems.totalCents = 'Vul een bedrag in hele centen in, groter dan nul.';
  if (!countValid)
    problems.instalmentCount = `Kies een aantal termijnen van 1 tot en met ${MAX_INSTALMENTS}.`;
  if (totalValid && countValid && input.totalCents < input.count)
    problems.instalmentCount =
      'Het bedrag is te klein voor zoveel termijnen: elke termijn is minstens 1 cent.';
  if (!Number.isInteger(input.dueDay) || input.dueDay < 1 || input.dueDay > MAX_DUE_DAY)
    problems.dueDay = `Kies een betaaldag van 1 tot en met ${MAX_DUE_DAY}.`;
  if (typeof input.startDate !== 'string' || !isCalendarDate(input.startDate))
    problems.startDate = 'Vul een geldige datum in (jjjj-mm-dd).';
  return problems;
}

/** The due date of the month `offset` months after (year, month), on `dueDay`. */
function dueDateIn(year: number, month: number, offset: number, dueDay: number): CalendarDate {
  const index = year * 12 + (month - 1) + offset;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}

/**
 * Splits a total into `count` monthly instalments: each the whole-cent floor of total / count, the last
 * one absorbing the remainder, so they add up to the total exactly. The first falls due on the first
 * `dueDay` on or after the start date, every next one a month later on the same day.
 * Throws a RangeError for a plan `instalmentPlanProblems` refuses (e.g. a total smaller than the count).
 */
export function planInstalments(input: InstalmentPlanInput): PlannedInstalment[] {
  const problems = instalmentPlanProblems(input);
  if (Object.keys(problems).length > 0)
    throw new RangeError(`Cannot plan these instalments: ${Object.keys(problems).join(', ')}`);
  const regular = Math.floor(input.totalCents / input.count);
  const [year, month, day] = input.startDate.split('-').map(Number) as [number, number, number];
  const first = day <= input.dueDay ? 0 : 1;
  return Array.from({ length: input.count }, (_, index) => ({
    sequence: index + 1,
    dueOn: dueDateIn(year, month, first + index, input.dueDay),
    amountCents: index === input.count - 1 ? input.totalCents - regular * (input.count - 1) : regular,
  }));
}

/** Paid on or before the due date is on time; after it, late. */
export function paymentStatus(dueOn: CalendarDate, paidOn: CalendarDate): 'PAID_ON_TIME' | 'PAID_LATE' {
  return compareCalendarDates(paidOn, dueOn) <= 0 ? 'PAID_ON_TIME' : 'PAID_LATE';
}

/** The last day an unpaid instalment is still merely due; from the day after, it is missed. */
export function lastDayBeforeMissed(dueOn: CalendarDate): CalendarDate {
  return addCalendarDays(dueOn, MISSED_GRACE_DAYS);
}

/** Whether an instalment still unpaid on `today` counts as missed. */
export function isPastGrace(dueOn: CalendarDate, today: CalendarDate): boolean {
  return compareCalendarDates(today, lastDayBeforeMissed(dueOn)) > 0;
}

/** An instalment as the streak and the milestones see it. */
export interface InstalmentFacts {
  readonly sequence: number;
  readonly status: InstalmentStatus;
  readonly paidOn?: CalendarDate | null;
}

/**
 * The instalments whose outcome is known, in sequence order: everything up to and including the last
 * instalment that is no longer DUE. An instalment still DUE before it counts as not (yet) paid on time.
 */
function history(instalments: readonly InstalmentFacts[]): InstalmentFacts[] {
  const ordered = [...instalments].sort((a, b) => a.sequence - b.sequence);
  let last = -1;
  ordered.forEach((instalment, index) => {
    if (instalment.status !== 'DUE') last = index;
  });
  return ordered.slice(0, last + 1);
}

/**
 * The current streak: how many instalments in a row, counting back from the last one with a known
 * outcome, were paid on time. A late, missed or (before it) still unpaid instalment ends a streak.
 */
export function arrangementStreak(instalments: readonly InstalmentFacts[]): number {
  const known = history(instalments);
  let streak = 0;
  for (let index = known.length - 1; index >= 0 && known[index]!.status === 'PAID_ON_TIME'; index -= 1)
    streak += 1;
  return streak;
}

export interface ReachedMilestone {
  readonly kind: ArrangementMilestoneKind;
  /** The instalment with which it was reached. */
  readonly reachedAtSequence: number;
  /** The latest payment date among the instalments that reached it (null when none is known). */
  readonly reachedOn: CalendarDate | null;
}

const later = (a: CalendarDate | null, b: CalendarDate | null | undefined): CalendarDate | null =>
  !b ? a : !a || compareCalendarDates(b, a) > 0 ? b : a;

/**
 * Every milestone the instalments have reached, in sequence order (docs/product.md §4, rewarding good behaviour):
 * - ON_TIME_STREAK at every `streakLength`-th consecutive on-time instalment (the 3rd, 6th, … of a run);
 * - COMPLETED when every instalment is paid (on time or late), at the last one.
 * Derived from the instalments alone, so it can be recomputed after every change and stored idempotently.
 */
export function milestonesReached(
  instalments: readonly InstalmentFacts[],
  options: { readonly streakLength?: number } = {},
): ReachedMilestone[] {
  const streakLength = options.streakLength ?? DEFAULT_STREAK_LENGTH;
  if (!Number.isInteger(streakLength) || streakLength < 1)
    throw new RangeError(`Not a streak length: ${streakLength}`);
  const reached: ReachedMilestone[] = [];
  let run: InstalmentFacts[] = [];
  for (const instalment of history(instalments)) {
    if (instalment.status !== 'PAID_ON_TIME') {
      run = [];
      continue;
    }
    run.push(instalment);
    if (run.length % streakLength === 0) {
      const window = run.slice(-streakLength);
      reached.push({
        kind: 'ON_TIME_STREAK',
        reachedAtSequence: instalment.sequence,
        reachedOn: window.reduce<CalendarDate | null>((date, item) => later(date, item.paidOn), null),
      });
    }
  }
  const paid = (status: InstalmentStatus) => status === 'PAID_ON_TIME' || status === 'PAID_LATE';
  if (instalments.length > 0 && instalments.every((instalment) => paid(instalment.status))) {
    reached.push({
      kind: 'COMPLETED',
      reachedAtSequence: Math.max(...instalments.map((instalment) => instalment.sequence)),
      reachedOn: instalments.reduce<CalendarDate | null>(
        (date, instalment) => later(date, instalment.paidOn),
        null,
      ),
    });
  }
  return reached;
}
