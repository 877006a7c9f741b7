import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { PreSignalService } from './pre-signal.service.js';
import type { SignalService } from './signal.service.js';
import { CaseType } from '../cases/index.js';
import { PreSignalStepType, RecordPreSignalStepInput } from './pre-signal.types.js';
import { SendSignalInput, SignalType } from './signal.types.js';

/** The corporation's side of the early signal: the pre-signal gate and sending the signal. */
@Resolver(() => CaseType)
export class SignalResolver {
  constructor(
    private readonly preSignalService: PreSignalService,
    private readonly signalService: SignalService,
  ) {}

  @Authorized()
  @Mutation(() => PreSignalStepType, {
    description: 'Records a step of the pre-signal gate (or the tenant objection) on a PRE_SIGNAL dossier.',
  })
  recordPreSignalStep(
    @Arg('input') input: RecordPreSignalStepInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PreSignalStepType> {
    return this.preSignalService.recordPreSignalStep(context, input);
  }

  @Authorized()
  @Mutation(() => SignalType, {
    description:
      'Sends the early signal to the municipality of the tenant (PRE_SIGNAL → SIGNALLED); BAD_USER_INPUT names what the pre-signal gate still misses.',
  })
  sendSignal(@Arg('input') input: SendSignalInput, @Ctx() context: GraphQLContext): Promise<SignalType> {
    return this.signalService.sendSignal(context, input);
  }

  @FieldResolver(() => [PreSignalStepType], {
    description:
      'The recorded steps of the pre-signal gate (Besluit gemeentelijke schuldhulpverlening art. 2), oldest first; read under the ARREARS rule.',
  })
  preSignalSteps(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<PreSignalStepType[]> {
    return this.preSignalService.preSignalSteps(context, root);
  }
}
