import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { CASE_EXIT_REASONS, CASE_STATUSES, SOLUTION_KINDS } from '../../enums.js';
import {
  optionalChoice,
  optionalText,
  pastCaseDateRange,
  reportFieldIssue,
  requiredChoice,
  requiredDate,
  requiredId,
  requiredWholeNumber,
} from '../fields.js';

/** The longest note on a step of the lifecycle. */
export const MAX_TRANSITION_NOTE = 2000;

/**
 * transitionCase: a move to another status, naming the version the user saw (a case starts at version 1).
 * A reason of closing belongs only to closing, a solution only to the move to SOLUTION; whether the move
 * needs them is the lifecycle table's to say (the server checks it with the case's current status).
 */
export const transitionCaseInputSchema = z
  .object({
    caseId: requiredId(),
    expectedVersion: requiredWholeNumber({ min: 1, max: 2_147_483_647 }),
    to: requiredChoice(CASE_STATUSES),
    exitReason: optionalChoice(CASE_EXIT_REASONS),
    solutionKind: optionalChoice(SOLUTION_KINDS),
    note: optionalText({ max: MAX_TRANSITION_NOTE, multiline: true }),
  })
  .check(
    z.superRefine((move, context) => {
      if (move.exitReason !== null && move.to !== 'CLOSED')
        reportFieldIssue(context, 'exitReason', 'NOT_FOR_THIS_STEP');
      if (move.solutionKind !== null && move.to !== 'SOLUTION')
        reportFieldIssue(context, 'solutionKind', 'NOT_FOR_THIS_STEP');
    }),
  );

/** recordFirstConversation: the day of the first conversation, which has happened. */
export function recordFirstConversationInputSchema(today: CalendarDate) {
  return z.object({ caseId: requiredId(), heldOn: requiredDate(pastCaseDateRange(today)) });
}
