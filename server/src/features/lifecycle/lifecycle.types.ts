import {
  CASE_EXIT_REASONS,
  SOLUTION_KINDS,
  type CaseExitReason,
  type CaseStatus,
  type CoarseCaseStatus,
  type SolutionKind,
} from '@vangnet/shared';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatusEnum, CoarseCaseStatusEnum } from '../../core/graphql/enums.js';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';

const enumObject = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const CaseExitReasonEnum = enumObject(CASE_EXIT_REASONS);
export const SolutionKindEnum = enumObject(SOLUTION_KINDS);
registerEnumType(CaseExitReasonEnum, { name: 'CaseExitReason', description: 'Why a case was closed.' });
registerEnumType(SolutionKindEnum, {
  name: 'SolutionKind',
  description: 'The solution reached: payment plan, debt settlement (18 months), Wsnp, refinancing.',
});

@InputType()
export class TransitionCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The version of the case the user saw; a stale version is a CONFLICT.' })
  expectedVersion: number;

  @Field(() => CaseStatusEnum)
  to: CaseStatus;

  @Field(() => CaseExitReasonEnum, { nullable: true, description: 'Required when the case is closed.' })
  exitReason?: CaseExitReason | null;

  @Field(() => SolutionKindEnum, { nullable: true, description: 'Required for SOLUTION.' })
  solutionKind?: SolutionKind | null;

  @Field(() => String, { nullable: true, description: 'Shown on the timeline under CASE_NOTES rules.' })
  note?: string | null;
}

@InputType()
export class RecordFirstConversationInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: 'The day the first conversation was held (YYYY-MM-DD).' })
  heldOn: string;
}

@ObjectType('CaseTimelineEntry', {
  description:
    'One move of the case lifecycle. A housing corporation sees only moves of the coarse status, with the statuses null.',
})
export class CaseTimelineEntryType {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => CaseStatusEnum, { nullable: true })
  fromStatus: CaseStatus | null;

  @Field(() => CaseStatusEnum, { nullable: true })
  toStatus: CaseStatus | null;

  @Field(() => CoarseCaseStatusEnum)
  fromCoarseStatus: CoarseCaseStatus;

  @Field(() => CoarseCaseStatusEnum)
  toCoarseStatus: CoarseCaseStatus;

  @Field({ description: 'The operation that made the move, e.g. transitionCase, referCase, sendSignal.' })
  via: string;

  @Field(() => String, {
    nullable: true,
    description: 'The note of the move, when CASE_NOTES of its organisation may be read.',
  })
  note: string | null;

  @Field(() => UserRefType, {
    nullable: true,
    description: 'Who made it: only for moves of my organisation.',
  })
  by: UserRefType | null;

  @Field(() => OrganizationRefType, { nullable: true, description: 'Null for the system.' })
  organization: OrganizationRefType | null;
}

@ObjectType('CaseIntake', {
  description: 'The help request, first conversation and outcome (not shown to a housing corporation).',
})
export class CaseIntakeType {
  @Field(() => Date, {
    nullable: true,
    description: 'The tenant asked for debt help (starts the Wgs clock).',
  })
  helpRequestedAt: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'The first conversation (starts the access-decision clock).',
  })
  firstConversationAt: Date | null;

  @Field(() => SolutionKindEnum, { nullable: true })
  solutionKind: SolutionKind | null;

  @Field(() => CaseExitReasonEnum, { nullable: true })
  exitReason: CaseExitReason | null;
}
