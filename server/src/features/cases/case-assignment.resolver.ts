import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { CaseAssignmentService } from './case-assignment.service.js';
import { AssignCaseInput } from './case-assignment.types.js';
import { CaseType, UserRefType } from './case.types.js';

/** Need-to-know within an organisation: the team lead decides who works which case. */
@Resolver()
export class CaseAssignmentResolver {
  constructor(private readonly caseAssignmentService: CaseAssignmentService) {}

  @Authorized()
  @Query(() => [UserRefType], {
    description:
      'The people of my organisation a case can be assigned to (case workers, debt counsellors and team leads), by name. FORBIDDEN unless I act as a team lead.',
  })
  assignableUsers(@Ctx() context: GraphQLContext): Promise<UserRefType[]> {
    return this.caseAssignmentService.assignableUsers(context);
  }

  @Authorized()
  @Mutation(() => CaseType, {
    description:
      "A team lead assigns a colleague to a case of the organisation (replacing the organisation's assignees), or puts it back in the queue.",
  })
  assignCase(@Arg('input') input: AssignCaseInput, @Ctx() context: GraphQLContext): Promise<CaseType> {
    return this.caseAssignmentService.assignCase(context, input);
  }
}
