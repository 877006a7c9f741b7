import { DEADLINE_STATES, type DeadlineState } from '@vangnet/shared';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DEADLINE_KINDS, type DeadlineKind } from './deadline-alert.entity.js';

export const DeadlineKindEnum = Object.fromEntries(DEADLINE_KINDS.map((kind) => [kind, kind])) as {
  [K in DeadlineKind]: K;
};
export const DeadlineStateEnum = Object.fromEntries(DEADLINE_STATES.map((state) => [state, state])) as {
  [K in DeadlineState]: K;
};

registerEnumType(DeadlineKindEnum, {
  name: 'DeadlineKind',
  description: 'The clock of docs/product.md §2 a deadline belongs to.',
  valuesConfig: {
    REFERRAL_RESPONSE: { description: 'Respond to a referral to my organisation.' },
    FIRST_CONTACT: { description: 'First contact attempt after an early signal.' },
    FIRST_CONVERSATION: { description: 'First conversation after a help request (Wgs art. 4).' },
    ACCESS_DECISION: { description: 'Decision on access to debt help after the first conversation.' },
    PAUSE_END: { description: 'A collection pause ends.' },
    CONSENT_EXPIRY: { description: 'A consent given to my organisation expires.' },
    EVICTION: { description: 'A scheduled eviction.' },
  },
});
registerEnumType(DeadlineStateEnum, {
  name: 'DeadlineState',
  description: 'OVERDUE after the due date; DUE_SOON within the warning period; UPCOMING before it.',
});

@ObjectType('Deadline', { description: 'A deadline on my work list that concerns my organisation.' })
export class DeadlineType {
  @Field(() => ID)
  caseId: string;

  @Field()
  caseReference: string;

  @Field(() => DeadlineKindEnum)
  kind: DeadlineKind;

  @Field({ description: 'The last day on which the work is on time (YYYY-MM-DD, Dutch calendar date).' })
  dueOn: string;

  @Field(() => DeadlineStateEnum)
  state: DeadlineState;

  @Field(() => Int, {
    description:
      'Dutch working days from today until the due date; negative when overdue (at least -1 once overdue).',
  })
  workingDaysLeft: number;

  @Field({ description: 'What to do, in plain Dutch (B1).' })
  description: string;
}

@ArgsType()
export class MyDeadlinesArgs {
  @Field(() => Int, {
    defaultValue: 10,
    description:
      'How far ahead to look, in working days (0–60). Clocks with a longer warning period of their own (consent expiry: 20, eviction: 15) are always shown from that period on.',
  })
  withinWorkingDays: number;
}
