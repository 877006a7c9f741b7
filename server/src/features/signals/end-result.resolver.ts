import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { SignalEndResultService } from './end-result.service.js';
import { CaseType } from '../cases/index.js';
import { RecordSignalEndResultInput, SignalSummaryType } from './end-result.types.js';

/** The early signal of a case as its two parties see it, and its end result. */
@Resolver(() => CaseType)
export class CaseSignalResolver {
  constructor(private readonly signalEndResultService: SignalEndResultService) {}

  @Authorized()
  @Mutation(() => SignalSummaryType, {
    description: 'Records the DDAS end result of the signal my municipality received about the case.',
  })
  recordSignalEndResult(
    @Arg('input') input: RecordSignalEndResultInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SignalSummaryType> {
    return this.signalEndResultService.recordSignalEndResult(context, input);
  }

  @FieldResolver(() => SignalSummaryType, {
    nullable: true,
    description:
      'The early signal, for the corporation that sent it and the municipality that received it; null for others.',
  })
  signal(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<SignalSummaryType | null> {
    return this.signalEndResultService.signalOf(context, root);
  }
}
