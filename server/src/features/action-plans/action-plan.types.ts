import type { ConsentChannel } from '@vangnet/shared';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConsentChannelEnum } from '../../core/graphql/enums.js';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from './action-plan-entry.entity.js';

export const ActionItemStatusEnum = Object.fromEntries(
  ACTION_ITEM_STATUSES.map((value) => [value, value]),
) as {
  [K in ActionItemStatus]: K;
};
registerEnumType(ActionItemStatusEnum, {
  name: 'ActionItemStatus',
  description: 'Where an action of the plan stands; any status may follow any other.',
});

@ObjectType('FieldChange', {
  description: 'One field of a co-edited row changed: who, for which organisation, when, old → new.',
})
export class FieldChangeType {
  @Field({ description: 'The GraphQL name of the field, e.g. title or ownerOrgId.' })
  field: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The value before (ids for organisations and people).',
  })
  oldValue: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  newValue: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'The value before as a person reads it (the name of an organisation or person).',
  })
  oldText: string | null;

  @Field(() => String, { nullable: true })
  newText: string | null;

  @Field(() => Int, { description: 'The version the change produced.' })
  version: number;

  @Field()
  changedAt: Date;

  @Field(() => UserRefType)
  changedBy: UserRefType;

  @Field(() => OrganizationRefType)
  changedByOrganization: OrganizationRefType;
}

@ObjectType('ActionItemComment', { description: 'A comment on an action: append-only, never in conflict.' })
export class ActionItemCommentType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  actionItemId: string;

  @Field()
  body: string;

  @Field(() => UserRefType)
  author: UserRefType;

  @Field(() => OrganizationRefType)
  organization: OrganizationRefType;

  @Field()
  createdAt: Date;
}

@ObjectType('ActionItem', { description: 'An action of the plan: who does what, by when.' })
export class ActionItemType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true, description: 'For the tenant, in plain Dutch (B1).' })
  description: string | null;

  @Field(() => OrganizationRefType, { description: 'The organisation that carries out the action.' })
  ownerOrganization: OrganizationRefType;

  @Field(() => UserRefType, { nullable: true, description: 'Who of the owner organisation does it.' })
  assignee: UserRefType | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate: string | null;

  @Field(() => ActionItemStatusEnum)
  status: ActionItemStatus;

  @Field(() => Int, { description: 'Name this version in the next updateActionItem.' })
  version: number;

  @Field(() => UserRefType)
  createdBy: UserRefType;

  @Field(() => OrganizationRefType, { description: 'The organisation that added the action.' })
  createdByOrganization: OrganizationRefType;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => [ActionItemCommentType], { description: 'Oldest first.' })
  comments: ActionItemCommentType[];

  @Field(() => [FieldChangeType], { description: 'Every field change, newest first.' })
  history: FieldChangeType[];
}

@ObjectType('ActionPlanGoal', { description: 'A SMART goal: what, how it is measured, by when.' })
export class ActionPlanGoalType {
  @Field(() => ID)
  id: string;

  @Field()
  what: string;

  @Field()
  measure: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  targetDate: string | null;

  @Field(() => Int, { description: 'Name this version in the next updateActionPlanGoal.' })
  version: number;

  @Field(() => UserRefType)
  createdBy: UserRefType;

  @Field(() => OrganizationRefType)
  createdByOrganization: OrganizationRefType;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => [FieldChangeType], { description: 'Every field change, newest first.' })
  history: FieldChangeType[];
}

@ObjectType('ActionPlanCondition', {
  description: 'A condition of the plan, e.g. "geen nieuwe schulden maken".',
})
export class ActionPlanConditionType {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field(() => UserRefType)
  createdBy: UserRefType;

  @Field(() => OrganizationRefType)
  createdByOrganization: OrganizationRefType;

  @Field()
  createdAt: Date;
}

@ObjectType('ActionPlan', {
  description:
    'The plan van aanpak of a case (category ACTION_PLAN), co-edited by the partners. Before anybody wrote in it, it is empty with version 0.',
})
export class ActionPlanType {
  @Field(() => ID, { nullable: true, description: 'Null while the plan is still empty (version 0).' })
  id: string | null;

  @Field(() => ID)
  caseId: string;

  @Field(() => Int, {
    description: 'Name this version in the next updateActionPlan; 0 before the plan exists.',
  })
  version: number;

  @Field(() => String, { nullable: true, description: "The tenant's question for help (hulpvraag)." })
  helpRequest: string | null;

  @Field(() => String, { nullable: true, description: 'When the tenant agreed to the plan (YYYY-MM-DD).' })
  tenantSignedOffOn: string | null;

  @Field(() => ConsentChannelEnum, { nullable: true, description: 'How the tenant agreed to the plan.' })
  tenantSignOffChannel: ConsentChannel | null;

  @Field(() => [ActionPlanGoalType], { description: 'Oldest first.' })
  goals: ActionPlanGoalType[];

  @Field(() => [ActionItemType], { description: 'Oldest first.' })
  items: ActionItemType[];

  @Field(() => [ActionPlanConditionType], { description: 'Oldest first.' })
  conditions: ActionPlanConditionType[];

  @Field(() => [OrganizationRefType], {
    description:
      'The organisations the case was referred to (pending or accepted), from the referrals my organisation sent or received.',
  })
  referredOrganizations: OrganizationRefType[];

  @Field(() => [FieldChangeType], {
    description: 'Changes to the plan itself (help request, sign-off), newest first.',
  })
  history: FieldChangeType[];

  @Field(() => Date, { nullable: true })
  updatedAt: Date | null;
}

@InputType({ description: 'A new action for the plan; the plan is created on first use.' })
export class AddActionItemInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: '1–200 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Plain Dutch (B1), at most 2000 characters.' })
  description?: string | null;

  @Field(() => ID, { description: 'An organisation that takes part in the case.' })
  ownerOrgId: string;

  @Field(() => ID, { nullable: true, description: 'A member of the owner organisation.' })
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate?: string | null;
}

@InputType({ description: 'The fields to change; a field left out stays as it is, null clears it.' })
export class ActionItemPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  ownerOrgId?: string | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => String, { nullable: true })
  dueDate?: string | null;

  @Field(() => ActionItemStatusEnum, { nullable: true })
  status?: ActionItemStatus | null;
}

@InputType({
  description: 'Changes an action; CONFLICT (with the current action) when expectedVersion is stale.',
})
export class UpdateActionItemInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version of the action you read.' })
  expectedVersion: number;

  @Field(() => ActionItemPatch)
  patch: ActionItemPatch;
}

@InputType()
export class AddActionItemCommentInput {
  @Field(() => ID)
  actionItemId: string;

  @Field({ description: '1–2000 characters.' })
  body: string;
}

@InputType({ description: 'The fields to change; a field left out stays as it is, null clears it.' })
export class ActionPlanPatch {
  @Field(() => String, { nullable: true })
  helpRequest?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not in the future.' })
  tenantSignedOffOn?: string | null;

  @Field(() => ConsentChannelEnum, { nullable: true })
  tenantSignOffChannel?: ConsentChannel | null;
}

@InputType({
  description: 'Changes the plan itself; CONFLICT (with the current plan) when expectedVersion is stale.',
})
export class UpdateActionPlanInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The version of the plan you read; 0 when the plan is still empty.' })
  expectedVersion: number;

  @Field(() => ActionPlanPatch)
  patch: ActionPlanPatch;
}

@InputType()
export class AddActionPlanGoalInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: 'What the tenant wants to reach (1–500 characters).' })
  what: string;

  @Field({ description: 'How you will know it is reached (1–500 characters).' })
  measure: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  targetDate?: string | null;
}

@InputType({ description: 'The fields to change; a field left out stays as it is, null clears it.' })
export class ActionPlanGoalPatch {
  @Field(() => String, { nullable: true })
  what?: string | null;

  @Field(() => String, { nullable: true })
  measure?: string | null;

  @Field(() => String, { nullable: true })
  targetDate?: string | null;
}

@InputType({ description: 'Changes a goal; CONFLICT (with the current goal) when expectedVersion is stale.' })
export class UpdateActionPlanGoalInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  expectedVersion: number;

  @Field(() => ActionPlanGoalPatch)
  patch: ActionPlanGoalPatch;
}

@InputType()
export class AddActionPlanConditionInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: '1–500 characters.' })
  text: string;
}
