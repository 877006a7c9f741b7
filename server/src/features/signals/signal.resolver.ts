import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { PreSignalStepType, RecordPreSignalStepInput } from './pre-signal.types.js';
import { SendSignalInput, SignalType } from './signal.types.js';

/** The corporation's side of the early signal: the pre-signal gate and sending the signal. */
@Resolver()
export class SignalResolver {
  @Authorized()
  @Mutation(() => PreSignalStepType, {
    description: 'Records a step of the pre-signal gate (or the tenant objection) on a PRE_SIGNAL dossier.',
  })
  recordPreSignalStep(
    @Arg('input') input: RecordPreSignalStepInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PreSignalStepType> {
    return context.services.preSignal.recordPreSignalStep(context, input);
  }

  @Authorized()
  @Mutation(() => SignalType, {
    description:
      'Sends the early signal to the municipality of the tenant (PRE_SIGNAL → SIGNALLED); BAD_USER_INPUT names what the pre-signal gate still misses.',
  })
  sendSignal(@Arg('input') input: SendSignalInput, @Ctx() context: GraphQLContext): Promise<SignalType> {
    return context.services.signals.sendSignal(context, input);
  }
}
