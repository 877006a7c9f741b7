import * as z from 'zod/mini';
import { MAX_DUE_DAY, MAX_INSTALMENTS, MAX_MISSED_TOLERANCE } from '../../arrangements/instalments.js';
import { addCalendarDays, type CalendarDate } from '../../deadlines/calendar-dates.js';
import {
  optionalCents,
  optionalWholeNumber,
  pastCaseDateRange,
  reportFieldIssue,
  requiredCents,
  requiredDate,
  requiredId,
  requiredWholeNumber,
} from '../fields.js';

/** An arrangement starts at most about three months back (one agreed on the phone, recorded later) … */
export const MAX_ARRANGEMENT_START_DAYS_BACK = 92;
/** … and at most a year ahead. */
export const MAX_ARRANGEMENT_START_DAYS_AHEAD = 366;

/**
 * createArrangement: a total of at least one cent per instalment, 1–120 monthly instalments on a due day
 * 1–28, a start date from three months back to a year ahead, and after how many missed instalments it lapses.
 */
export function createArrangementInputSchema(today: CalendarDate) {
  return z
    .object({
      caseId: requiredId(),
      totalCents: requiredCents({ min: 1 }),
      instalmentCount: requiredWholeNumber({ min: 1, max: MAX_INSTALMENTS }),
      startDate: requiredDate({
        earliest: addCalendarDays(today, -MAX_ARRANGEMENT_START_DAYS_BACK),
        latest: addCalendarDays(today, MAX_ARRANGEMENT_START_DAYS_AHEAD),
      }),
      dueDay: requiredWholeNumber({ min: 1, max: MAX_DUE_DAY }),
      missedTolerance: optionalWholeNumber({ min: 1, max: MAX_MISSED_TOLERANCE }),
    })
    .check(
      z.superRefine((plan, context) => {
        // Every instalment is at least one cent.
        if (plan.totalCents < plan.instalmentCount)
          reportFieldIssue(context, 'instalmentCount', 'TOO_LARGE', { max: plan.totalCents });
      }),
    );
}

/**
 * recordPayment: the day it was paid (not in the future) and, when it differs from the instalment, the
 * amount (more than nothing). Whether it comes before the arrangement started is the server's to check.
 */
export function recordPaymentInputSchema(today: CalendarDate) {
  return z.object({
    instalmentId: requiredId(),
    paidOn: requiredDate(pastCaseDateRange(today)),
    paidCents: optionalCents({ min: 1 }),
  });
}

/** decideReward: confirm or withdraw the proposed reward of a milestone. */
export const decideRewardInputSchema = z.object({ milestoneId: requiredId(), confirm: z.boolean() });
