import { PRE_SIGNAL_STEP_KINDS, type PreSignalStepKind } from '@vangnet/shared';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserRefType } from '../cases/index.js';

export const PreSignalStepKindEnum = Object.fromEntries(
  PRE_SIGNAL_STEP_KINDS.map((kind) => [kind, kind]),
) as {
  [K in PreSignalStepKind]: K;
};
registerEnumType(PreSignalStepKindEnum, {
  name: 'PreSignalStepKind',
  description:
    'Besluit gemeentelijke schuldhulpverlening art. 2: what must precede an early signal, and the objection that stops it.',
  valuesConfig: {
    WRITTEN_REMINDER: {
      description:
        'A written reminder; counts only when it offered to pass contact details to the municipality.',
    },
    PERSONAL_CONTACT_ATTEMPT: {
      description: 'An attempt at personal contact, pointing out ways to end the arrears.',
    },
    DEBT_HELP_POINTER: { description: 'A pointer to debt help.' },
    TENANT_OBJECTION: {
      description: 'The tenant objected to passing on their details: no signal may be sent.',
    },
  },
});

@InputType({ description: 'A step of the pre-signal gate, done by the acting user on `performedOn`.' })
export class RecordPreSignalStepInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => PreSignalStepKindEnum)
  kind: PreSignalStepKind;

  @Field({ description: 'YYYY-MM-DD, today or earlier.' })
  performedOn: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Required for WRITTEN_REMINDER: did the letter offer to pass contact details to the municipality?',
  })
  offeredContactTransfer?: boolean | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType('PreSignalStep')
export class PreSignalStepType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => PreSignalStepKindEnum)
  kind: PreSignalStepKind;

  @Field()
  performedOn: string;

  @Field(() => Boolean, { nullable: true })
  offeredContactTransfer: boolean | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => UserRefType, {
    nullable: true,
    description:
      "Who did it; null for another organisation's step (staff of other organisations stay unnamed).",
  })
  performedBy: UserRefType | null;

  @Field()
  recordedAt: Date;
}
