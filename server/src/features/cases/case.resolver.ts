import { Arg, Args, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { CaseConnection, CasesArgs, CaseType } from './case.types.js';

@Resolver(() => CaseType)
export class CaseResolver {
  @Authorized()
  @Query(() => CaseConnection, { description: 'Cases the acting membership may see, newest first.' })
  cases(
    @Args() args: CasesArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof CaseConnection>> {
    return context.services.cases.listCases(context, args);
  }

  @Authorized()
  @Query(() => CaseType, { description: 'One case; NOT_FOUND when it does not exist or may not be seen.' })
  case(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<CaseType> {
    return context.services.cases.getCase(context, id);
  }
}
