import {
  SIGNAL_END_RESULTS,
  SIGNAL_END_RESULTS_AS_SEEN,
  type SignalEndResult,
  type SignalEndResultAsSeen,
} from '@vangnet/shared';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

const enumObject = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const SignalEndResultEnum = enumObject(SIGNAL_END_RESULTS);
export const SignalEndResultAsSeenEnum = enumObject(SIGNAL_END_RESULTS_AS_SEEN);
registerEnumType(SignalEndResultEnum, { name: 'SignalEndResult', description: 'DDAS EnumEindresultaat.' });
registerEnumType(SignalEndResultAsSeenEnum, {
  name: 'SignalEndResultAsSeen',
  description:
    'DDAS EnumEindresultaat as the viewer may know it: a housing corporation sees NOT_PICKED_UP_OTHER_REASON only as NOT_PICKED_UP, without the reason.',
});

@InputType()
export class RecordSignalEndResultInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => SignalEndResultEnum)
  endResult: SignalEndResult;
}

@ObjectType('SignalSummary', {
  description:
    'The early signal of a case, for the corporation that sent it and the municipality that received it.',
})
export class SignalSummaryType {
  @Field({ description: 'YYYY-MM-DD' })
  signalDate: string;

  @Field()
  crisis: boolean;

  @Field()
  warmHandover: boolean;

  @Field(() => SignalEndResultAsSeenEnum, {
    nullable: true,
    description: 'Null while the signal is being worked.',
  })
  endResult: SignalEndResultAsSeen | null;

  @Field(() => Date, { nullable: true })
  endResultAt: Date | null;
}
