import type { FeatureDescriptor } from '../../core/feature.js';
import {
  ActionItem,
  ActionItemComment,
  ActionPlanCondition,
  ActionPlanGoal,
  ChangeHistory,
} from './action-plan-entry.entity.js';
import { ActionPlan } from './action-plan.entity.js';
import { ActionPlanResolver } from './action-plan.resolver.js';

export const actionPlansFeature: FeatureDescriptor = {
  name: 'action-plans',
  entities: [ActionPlan, ActionPlanGoal, ActionItem, ActionPlanCondition, ActionItemComment, ChangeHistory],
  resolvers: [ActionPlanResolver],
};
