import * as z from 'zod/mini';
import { addCalendarDays, type CalendarDate } from '../../deadlines/calendar-dates.js';
import { COLLECTION_STEP_KINDS, PRE_SIGNAL_STEP_KINDS } from '../../enums.js';
import {
  caseDateRange,
  pastCaseDateRange,
  optionalText,
  requiredChoice,
  requiredDate,
  requiredId,
  requiredText,
  requiredWholeNumber,
  reportFieldIssue,
} from '../fields.js';
import { arrearsFields } from './cases.js';

/** The longest note on a collection step and the longest reason for a pause. */
export const MAX_ARREARS_NOTE = 2000;
/** A pause the corporation sets itself lasts at most a year. */
export const MAX_PAUSE_DAYS = 366;

/** A version a client read: 0 when nothing was recorded yet. */
export const expectedVersion = () => requiredWholeNumber({ min: 0, max: 2_147_483_647 });

/** recordArrears: the corporation brings the arrears up to date, naming the version it read. */
export function recordArrearsInputSchema(today: CalendarDate) {
  return z.object({ caseId: requiredId(), expectedVersion: expectedVersion(), ...arrearsFields(today) });
}

/**
 * recordCollectionStep: a step of the collection ladder. A step has happened (not in the future), except
 * a scheduled eviction, whose date is the eviction day itself.
 */
export function recordCollectionStepInputSchema(today: CalendarDate) {
  return z
    .object({
      caseId: requiredId(),
      kind: requiredChoice(COLLECTION_STEP_KINDS),
      stepDate: requiredDate(caseDateRange(today)),
      note: optionalText({ max: MAX_ARREARS_NOTE, multiline: true }),
    })
    .check(
      z.superRefine((step, context) => {
        if (step.kind !== 'EVICTION_SCHEDULED' && step.stepDate > today)
          reportFieldIssue(context, 'stepDate', 'DATE_IN_FUTURE');
      }),
    );
}

/** setCollectionPause: a pause (adempauze) still running or ahead, ending on or after it starts, at most a year long. */
export function setCollectionPauseInputSchema(today: CalendarDate) {
  return z
    .object({
      caseId: requiredId(),
      startsOn: requiredDate(caseDateRange(today)),
      endsOn: requiredDate(caseDateRange(today)),
      reason: requiredText({ max: MAX_ARREARS_NOTE, multiline: true }),
    })
    .check(
      z.superRefine((pause, context) => {
        const latestEnd = addCalendarDays(pause.startsOn, MAX_PAUSE_DAYS);
        if (pause.endsOn < today) reportFieldIssue(context, 'endsOn', 'DATE_TOO_EARLY', { min: today });
        else if (pause.endsOn < pause.startsOn)
          reportFieldIssue(context, 'endsOn', 'DATE_BEFORE_OTHER', { min: pause.startsOn });
        else if (pause.endsOn > latestEnd)
          reportFieldIssue(context, 'endsOn', 'DATE_TOO_LATE', { max: latestEnd });
      }),
    );
}

/**
 * recordPreSignalStep: one step of the pre-signal gate, done today or earlier. A written reminder says
 * whether it offered to pass the contact details to the municipality.
 */
export function recordPreSignalStepInputSchema(today: CalendarDate) {
  return z
    .object({
      caseId: requiredId(),
      kind: requiredChoice(PRE_SIGNAL_STEP_KINDS),
      performedOn: requiredDate(pastCaseDateRange(today)),
      offeredContactTransfer: z.nullable(z.optional(z.boolean())),
      note: optionalText({ max: MAX_ARREARS_NOTE, multiline: true }),
    })
    .check(
      z.superRefine((step, context) => {
        const missing = step.offeredContactTransfer === null || step.offeredContactTransfer === undefined;
        if (step.kind === 'WRITTEN_REMINDER' && missing)
          reportFieldIssue(context, 'offeredContactTransfer', 'ANSWER_REQUIRED');
      }),
    );
}
