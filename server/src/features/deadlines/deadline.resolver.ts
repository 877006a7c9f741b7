import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { DeadlineService } from './deadline.service.js';
import { DeadlineType, MyDeadlinesArgs } from './deadline.types.js';

@Resolver(() => DeadlineType)
export class DeadlineResolver {
  constructor(private readonly deadlineService: DeadlineService) {}

  @Authorized()
  @Query(() => [DeadlineType], {
    description:
      'My work list: overdue and due-soon deadlines of the cases I may see that concern my organisation, overdue first, then by due date.',
  })
  myDeadlines(@Args() args: MyDeadlinesArgs, @Ctx() context: GraphQLContext): Promise<DeadlineType[]> {
    return this.deadlineService.myDeadlines(context, args.withinWorkingDays);
  }
}
