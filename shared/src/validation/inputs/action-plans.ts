import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { CONSENT_CHANNELS } from '../../enums.js';
import {
  caseDateRange,
  optionalChoice,
  optionalDate,
  optionalId,
  optionalText,
  pastCaseDateRange,
  requiredChoice,
  requiredId,
  requiredText,
  requiredWholeNumber,
  unlessLeftOut,
} from '../fields.js';

/** The longest texts of the plan van aanpak. */
export const ACTION_PLAN_LIMITS = {
  title: 200,
  description: 2000,
  helpRequest: 2000,
  goalText: 500,
  condition: 500,
  comment: 2000,
} as const;

export const ACTION_ITEM_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;

const version = (min: number) => requiredWholeNumber({ min, max: 2_147_483_647 });

function actionItemFields(today: CalendarDate) {
  return {
    title: requiredText({ max: ACTION_PLAN_LIMITS.title }),
    description: optionalText({ max: ACTION_PLAN_LIMITS.description, multiline: true }),
    ownerOrgId: requiredId(),
    assigneeId: optionalId(),
    dueDate: optionalDate(caseDateRange(today)),
  };
}

/** addActionItem (without caseId, which the server resolves itself): a titled action, owned by an organisation. */
export function addActionItemInputSchema(today: CalendarDate) {
  return z.object(actionItemFields(today));
}

/** The patch of updateActionItem: a field left out stays as it is; null clears an optional one. */
export function actionItemPatchSchema(today: CalendarDate) {
  const fields = actionItemFields(today);
  return z.object({
    title: unlessLeftOut(fields.title),
    description: unlessLeftOut(fields.description),
    ownerOrgId: unlessLeftOut(fields.ownerOrgId),
    assigneeId: unlessLeftOut(fields.assigneeId),
    dueDate: unlessLeftOut(fields.dueDate),
    status: unlessLeftOut(requiredChoice(ACTION_ITEM_STATUSES)),
  });
}

/** The version an update of an action, goal (at least 1) or the plan (0: none yet) names. */
export const actionPlanVersionSchema = (min: 0 | 1) => z.object({ expectedVersion: version(min) });

/** addActionItemComment: the comment itself. */
export const actionItemCommentInputSchema = z.object({
  body: requiredText({ max: ACTION_PLAN_LIMITS.comment, multiline: true }),
});

/** The patch of updateActionPlan: the help request and the tenant's sign-off (a day that has happened). */
export function actionPlanPatchSchema(today: CalendarDate) {
  return z.object({
    helpRequest: unlessLeftOut(optionalText({ max: ACTION_PLAN_LIMITS.helpRequest, multiline: true })),
    tenantSignedOffOn: unlessLeftOut(optionalDate(pastCaseDateRange(today))),
    tenantSignOffChannel: unlessLeftOut(optionalChoice(CONSENT_CHANNELS)),
  });
}

function goalFields(today: CalendarDate) {
  return {
    what: requiredText({ max: ACTION_PLAN_LIMITS.goalText, multiline: true }),
    measure: requiredText({ max: ACTION_PLAN_LIMITS.goalText, multiline: true }),
    targetDate: optionalDate(caseDateRange(today)),
  };
}

/** addActionPlanGoal: what the tenant wants to reach, how that shows, and by when. */
export function addActionPlanGoalInputSchema(today: CalendarDate) {
  return z.object(goalFields(today));
}

/** The patch of updateActionPlanGoal. */
export function actionPlanGoalPatchSchema(today: CalendarDate) {
  const fields = goalFields(today);
  return z.object({
    what: unlessLeftOut(fields.what),
    measure: unlessLeftOut(fields.measure),
    targetDate: unlessLeftOut(fields.targetDate),
  });
}

/** addActionPlanCondition: one agreement (voorwaarde) of the plan. */
export const addActionPlanConditionInputSchema = z.object({
  text: requiredText({ max: ACTION_PLAN_LIMITS.condition, multiline: true }),
});
