import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ActionPlanService } from './action-plan.service.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import { CaseType } from '../cases/index.js';
import {
  ActionItemCommentType,
  ActionItemType,
  ActionPlanConditionType,
  ActionPlanGoalType,
  ActionPlanType,
  AddActionItemCommentInput,
  AddActionItemInput,
  AddActionPlanConditionInput,
  AddActionPlanGoalInput,
  UpdateActionItemInput,
  UpdateActionPlanGoalInput,
  UpdateActionPlanInput,
} from './action-plan.types.js';
import { announce } from './announce.js';

/** The plan van aanpak (category ACTION_PLAN): read on Case, co-edited by the partners who may read it. */
@Resolver(() => CaseType)
export class ActionPlanResolver {
  constructor(
    private readonly actionPlanService: ActionPlanService,
    private readonly caseEvents: CaseEventBus,
  ) {}

  @FieldResolver(() => ActionPlanType, {
    nullable: true,
    description:
      'The plan van aanpak; null when ACTION_PLAN is withheld (see access). Rows follow the row rule: with only own data, only own rows.',
  })
  actionPlan(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ActionPlanType | null> {
    return this.actionPlanService.actionPlanOf(context, root);
  }

  @Authorized()
  @Mutation(() => ActionItemType, {
    description: 'Adds an action to the plan (creating the plan on first use).',
  })
  async addActionItem(
    @Arg('input') input: AddActionItemInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionItemType> {
    return announce(this.caseEvents, context, await this.actionPlanService.addActionItem(context, input));
  }

  @Authorized()
  @Mutation(() => ActionItemType, {
    description:
      'Changes an action. CONFLICT when expectedVersion is stale, with the current action in extensions.current.',
  })
  async updateActionItem(
    @Arg('input') input: UpdateActionItemInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionItemType> {
    return announce(this.caseEvents, context, await this.actionPlanService.updateActionItem(context, input));
  }

  @Authorized()
  @Mutation(() => ActionItemCommentType, { description: 'Adds a comment to an action (append-only).' })
  async addActionItemComment(
    @Arg('input') input: AddActionItemCommentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionItemCommentType> {
    return announce(
      this.caseEvents,
      context,
      await this.actionPlanService.addActionItemComment(context, input),
    );
  }

  @Authorized()
  @Mutation(() => ActionPlanType, {
    description:
      "Changes the plan's help request and the tenant's sign-off. CONFLICT when expectedVersion is stale.",
  })
  async updateActionPlan(
    @Arg('input') input: UpdateActionPlanInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionPlanType> {
    return announce(this.caseEvents, context, await this.actionPlanService.updateActionPlan(context, input));
  }

  @Authorized()
  @Mutation(() => ActionPlanGoalType, { description: 'Adds a SMART goal to the plan.' })
  async addActionPlanGoal(
    @Arg('input') input: AddActionPlanGoalInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionPlanGoalType> {
    return announce(this.caseEvents, context, await this.actionPlanService.addActionPlanGoal(context, input));
  }

  @Authorized()
  @Mutation(() => ActionPlanGoalType, {
    description: 'Changes a goal. CONFLICT when expectedVersion is stale.',
  })
  async updateActionPlanGoal(
    @Arg('input') input: UpdateActionPlanGoalInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionPlanGoalType> {
    return announce(
      this.caseEvents,
      context,
      await this.actionPlanService.updateActionPlanGoal(context, input),
    );
  }

  @Authorized()
  @Mutation(() => ActionPlanConditionType, { description: 'Adds a condition to the plan (append-only).' })
  async addActionPlanCondition(
    @Arg('input') input: AddActionPlanConditionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ActionPlanConditionType> {
    return announce(
      this.caseEvents,
      context,
      await this.actionPlanService.addActionPlanCondition(context, input),
    );
  }
}
