import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { CreateCaseService } from './create-case.service.js';
import { CaseType } from './case.types.js';
import { CreateCaseInput } from './create-case.types.js';

@Resolver()
export class CreateCaseResolver {
  constructor(private readonly createCaseService: CreateCaseService) {}

  @Authorized()
  @Mutation(() => CaseType, {
    description:
      'A housing corporation opens a dossier (PRE_SIGNAL) for a tenant in arrears; the creator is its assignee.',
  })
  createCase(@Arg('input') input: CreateCaseInput, @Ctx() context: GraphQLContext): Promise<CaseType> {
    return this.createCaseService.createCase(context, input);
  }
}
