/** What other features use of action plans: the co-editing outcome and its announcement (the notes use them too), and the tables the demo seed fills. */
export type { CoEditOutcome } from './action-plan.service.js';
export { announce } from './announce.js';
export { ActionItem, ActionPlanCondition, ActionPlanGoal } from './action-plan-entry.entity.js';
export { ActionPlan } from './action-plan.entity.js';
