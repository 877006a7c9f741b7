import * as z from 'zod/mini';
import { addCalendarDays, type CalendarDate } from '../../deadlines/calendar-dates.js';
import { PARTICIPANT_ROLES } from '../../enums.js';
import {
  optionalDate,
  optionalText,
  reportFieldIssue,
  requiredChoice,
  requiredId,
  requiredText,
} from '../fields.js';

/** The longest message that goes with a referral. */
export const MAX_REFERRAL_MESSAGE = 4000;
/** The longest reason for declining a referral. */
export const MAX_DECLINE_REASON = 2000;
/** A respond-by date further ahead than this (about three months) is not a deadline any more. */
export const MAX_RESPOND_BY_DAYS = 92;

/**
 * referCase: a message for the recipient and, when given, a respond-by date from today up to about three
 * months ahead. Whether the recipient is reachable (an agreement, a fitting role) is the server's to check.
 */
export function referCaseInputSchema(today: CalendarDate) {
  return z.object({
    caseId: requiredId(),
    toOrgId: requiredId(),
    toRole: requiredChoice(PARTICIPANT_ROLES),
    message: requiredText({ max: MAX_REFERRAL_MESSAGE, multiline: true }),
    respondBy: optionalDate({ earliest: today, latest: addCalendarDays(today, MAX_RESPOND_BY_DAYS) }),
  });
}

/** respondToReferral: accepting needs nothing more; declining needs a reason. */
export const respondToReferralInputSchema = z
  .object({
    referralId: requiredId(),
    accept: z.boolean(),
    declineReason: optionalText({ max: MAX_DECLINE_REASON, multiline: true }),
  })
  .check(
    z.superRefine((answer, context) => {
      if (!answer.accept && answer.declineReason === null)
        reportFieldIssue(context, 'declineReason', 'REQUIRED');
    }),
  );

/** withdrawReferral: the sender takes back a referral that is still open. */
export const withdrawReferralInputSchema = z.object({ referralId: requiredId() });
