import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { CONTACT_CHANNELS, DAY_PARTS, SIGNAL_END_RESULTS } from '../../enums.js';
import { optionalText, pastCaseDateRange, requiredChoice, requiredDate, requiredId } from '../fields.js';

/** The longest note on a contact attempt. */
export const MAX_CONTACT_ATTEMPT_NOTE = 2000;

/** recordContactAttempt: an attempt that has happened, by a channel, in a part of the day. */
export function recordContactAttemptInputSchema(today: CalendarDate) {
  return z.object({
    caseId: requiredId(),
    channel: requiredChoice(CONTACT_CHANNELS),
    attemptedOn: requiredDate(pastCaseDateRange(today)),
    dayPart: requiredChoice(DAY_PARTS),
    reached: z.boolean(),
    note: optionalText({ max: MAX_CONTACT_ATTEMPT_NOTE, multiline: true }),
  });
}

/** recordSignalEndResult: one of DDAS's end results. */
export const recordSignalEndResultInputSchema = z.object({
  caseId: requiredId(),
  endResult: requiredChoice(SIGNAL_END_RESULTS),
});

/** sendSignal: the case, and whether it is a crisis or a warm handover. */
export const sendSignalInputSchema = z.object({
  caseId: requiredId(),
  crisis: z.nullable(z.optional(z.boolean())),
  warmHandover: z.nullable(z.optional(z.boolean())),
});
