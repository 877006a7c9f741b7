import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { DATA_CATEGORIES } from '../../enums.js';
import {
  latestPlausibleDate,
  optionalCents,
  optionalChoice,
  optionalDate,
  optionalId,
  optionalPhone,
  optionalWholeNumber,
  pastCaseDateRange,
  reportFieldIssue,
  requiredChoice,
  requiredId,
  withRule,
} from '../fields.js';

/** The milestones a message of encouragement is about. */
export const MESSAGE_MILESTONES = ['COMPLETED', 'ON_TIME_STREAK'] as const;

/**
 * renderMessage: the facts a letter or text message is filled with. Amounts in cents, a payment that
 * has happened, a due date or end date from today, a telephone number, each kind of data once. A
 * milestone's count or reward needs the milestone itself. The kind, language and purpose are the API's
 * enums; the server checks which facts a kind needs.
 */
export function renderMessageInputSchema(today: CalendarDate) {
  const fromToday = { earliest: today, latest: latestPlausibleDate(today) };
  return z
    .object({
      caseId: requiredId(),
      amountCents: optionalCents({ min: 1 }),
      rewardCents: optionalCents(),
      paidOn: optionalDate(pastCaseDateRange(today)),
      dueDate: optionalDate(fromToday),
      milestone: optionalChoice(MESSAGE_MILESTONES),
      onTimeCount: optionalWholeNumber({ min: 1, max: 120 }),
      recipientOrgId: optionalId(),
      categories: z.nullable(
        z.optional(
          withRule(z.array(requiredChoice(DATA_CATEGORIES)), (categories) =>
            new Set(categories).size === categories.length ? null : { code: 'DUPLICATE_VALUE' },
          ),
        ),
      ),
      validUntil: optionalDate(fromToday),
      senderPhone: optionalPhone(),
    })
    .check(
      z.superRefine((message, context) => {
        if (message.milestone === null && (message.onTimeCount !== null || message.rewardCents !== null))
          reportFieldIssue(context, 'milestone', 'REQUIRED');
      }),
    );
}
