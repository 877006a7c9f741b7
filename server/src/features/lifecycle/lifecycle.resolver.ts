import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { LifecycleService } from './lifecycle.service.js';
import { CaseType } from '../cases/index.js';
import {
  CaseIntakeType,
  CaseTimelineEntryType,
  RecordFirstConversationInput,
  TransitionCaseInput,
} from './lifecycle.types.js';

/** The case lifecycle: moves, the first conversation, and the timeline and lifecycle facts of a Case. */
@Resolver(() => CaseType)
export class LifecycleResolver {
  constructor(private readonly lifecycleService: LifecycleService) {}

  @Authorized()
  @Mutation(() => CaseType, {
    description:
      'Moves the case to its next status (docs/product.md §2). INVALID_TRANSITION names the current and allowed next statuses; a stale expectedVersion is a CONFLICT.',
  })
  transitionCase(
    @Arg('input') input: TransitionCaseInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CaseType> {
    return this.lifecycleService.transitionCase(context, input);
  }

  @Authorized()
  @Mutation(() => CaseType, {
    description: 'Records the first conversation after the help request (the municipality, during intake).',
  })
  recordFirstConversation(
    @Arg('input') input: RecordFirstConversationInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CaseType> {
    return this.lifecycleService.recordFirstConversation(context, input);
  }

  @FieldResolver(() => [CaseTimelineEntryType], {
    description: 'The moves of the case lifecycle, oldest first.',
  })
  timeline(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CaseTimelineEntryType[]> {
    return this.lifecycleService.timeline(context, root);
  }

  @FieldResolver(() => Int, {
    description: 'The version of the case, to pass to transitionCase as expectedVersion.',
  })
  version(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<number> {
    return this.lifecycleService.version(context, root.id);
  }

  @FieldResolver(() => CaseIntakeType, {
    nullable: true,
    description:
      'Help request, first conversation, solution and exit reason; null for a housing corporation.',
  })
  intake(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CaseIntakeType | null> {
    return this.lifecycleService.intake(context, root.id);
  }
}
