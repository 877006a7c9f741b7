import {
  ARRANGEMENT_MILESTONE_KINDS,
  ARRANGEMENT_STATUSES,
  INSTALMENT_STATUSES,
  REWARD_STATUSES,
  type ArrangementMilestoneKind,
  type ArrangementStatus,
  type InstalmentStatus,
  type RewardStatus,
} from '@vangnet/shared';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

const enumObject = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ArrangementStatusEnum = enumObject(ARRANGEMENT_STATUSES);
export const InstalmentStatusEnum = enumObject(INSTALMENT_STATUSES);
export const ArrangementMilestoneKindEnum = enumObject(ARRANGEMENT_MILESTONE_KINDS);
export const RewardStatusEnum = enumObject(REWARD_STATUSES);

registerEnumType(ArrangementStatusEnum, {
  name: 'ArrangementStatus',
  description:
    'ACTIVE while being paid off; COMPLETED when every instalment is paid; BROKEN after too many missed.',
});
registerEnumType(InstalmentStatusEnum, { name: 'InstalmentStatus' });
registerEnumType(ArrangementMilestoneKindEnum, {
  name: 'ArrangementMilestoneKind',
  description: 'ON_TIME_STREAK: every 3rd on-time instalment in a row; COMPLETED: everything paid.',
});
registerEnumType(RewardStatusEnum, {
  name: 'RewardStatus',
  description: 'The proposed reward, until the corporation confirms or declines it.',
});

@ObjectType('Instalment', { description: 'One instalment (termijn) of a payment arrangement.' })
export class InstalmentType {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the first instalment.' })
  sequence: number;

  @Field({ description: 'YYYY-MM-DD.' })
  dueOn: string;

  @Field(() => Int)
  amountCents: number;

  @Field(() => InstalmentStatusEnum)
  status: InstalmentStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; set once paid.' })
  paidOn: string | null;

  @Field(() => Int, { nullable: true })
  paidCents: number | null;

  @Field(() => Int)
  version: number;
}

@ObjectType('ArrangementMilestone', {
  description: 'A milestone reached (rewarding good behaviour) and the reward proposed for it.',
})
export class ArrangementMilestoneType {
  @Field(() => ID)
  id: string;

  @Field(() => ArrangementMilestoneKindEnum)
  kind: ArrangementMilestoneKind;

  @Field(() => Int, { description: 'The instalment with which it was reached.' })
  reachedAtSequence: number;

  @Field({ description: 'YYYY-MM-DD.' })
  reachedOn: string;

  @Field(() => String, { nullable: true, description: 'E.g. "Incassokosten kwijtschelden".' })
  rewardDescription: string | null;

  @Field(() => Int, { nullable: true, description: 'What the reward is worth; null when it is not money.' })
  rewardCents: number | null;

  @Field(() => RewardStatusEnum)
  rewardStatus: RewardStatus;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field(() => Int)
  version: number;
}

@ObjectType('PaymentArrangement', {
  description:
    'Category ARRANGEMENT: the payment arrangement (betalingsregeling) between corporation and tenant.',
})
export class PaymentArrangementType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ArrangementStatusEnum)
  status: ArrangementStatus;

  @Field(() => Int)
  totalCents: number;

  @Field(() => Int)
  instalmentCount: number;

  @Field(() => Int, { description: 'The regular instalment; the last one absorbs the rounding.' })
  instalmentCents: number;

  @Field({ description: 'YYYY-MM-DD.' })
  startDate: string;

  @Field(() => Int, { description: 'Day of the month the instalments fall due (1–28).' })
  dueDay: number;

  @Field(() => Int, { description: 'Broken after this many missed instalments.' })
  missedTolerance: number;

  @Field(() => Int, {
    description: 'Instalments paid on time in a row, up to the latest one with an outcome.',
  })
  streak: number;

  @Field(() => Int, { description: 'Instalments now missed (unpaid after the grace days).' })
  missedCount: number;

  @Field(() => Int, { description: 'What the tenant paid so far.' })
  paidCents: number;

  @Field(() => Int, { description: 'The instalments not paid yet, added up.' })
  remainingCents: number;

  @Field(() => [InstalmentType], { description: 'In sequence order.' })
  instalments: InstalmentType[];

  @Field(() => [ArrangementMilestoneType], { description: 'Oldest first.' })
  milestones: ArrangementMilestoneType[];

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Int)
  version: number;
}

@InputType({ description: 'A new payment arrangement; the instalments are generated from it.' })
export class CreateArrangementInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The total to pay off, in cents.' })
  totalCents: number;

  @Field(() => Int, { description: '1–120.' })
  instalmentCount: number;

  @Field({ description: 'YYYY-MM-DD; the first instalment falls due on the first due day on or after it.' })
  startDate: string;

  @Field(() => Int, { description: 'Day of the month (1–28).' })
  dueDay: number;

  @Field(() => Int, { nullable: true, description: 'Broken after this many missed instalments; default 2.' })
  missedTolerance?: number | null;
}

@InputType({ description: 'A payment received for one instalment.' })
export class RecordPaymentInput {
  @Field(() => ID)
  instalmentId: string;

  @Field({ description: 'YYYY-MM-DD, not in the future; on or before the due date is on time.' })
  paidOn: string;

  @Field(() => Int, { nullable: true, description: 'Default: the instalment amount; never less.' })
  paidCents?: number | null;
}

@InputType({ description: "The corporation's decision on a proposed reward." })
export class DecideRewardInput {
  @Field(() => ID)
  milestoneId: string;

  @Field({ description: 'true: the reward is granted; false: declined.' })
  confirm: boolean;
}
