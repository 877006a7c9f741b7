import type { CollectionStepKind } from '@vangnet/shared';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { CollectionStepKindEnum } from '../../core/graphql/enums.js';
import { ArrearsChangeType } from '../cases/index.js';

@InputType({ description: 'New arrears of a case; names the version it read (no lost updates).' })
export class RecordArrearsInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, {
    description: 'The version of the arrears you read; 0 when the case has no arrears yet.',
  })
  expectedVersion: number;

  @Field(() => Int)
  amountCents: number;

  @Field({ description: 'YYYY-MM-DD.' })
  aroseOn: string;

  @Field(() => Int)
  monthsInArrears: number;
}

@ObjectType('CaseArrears', { description: 'The current arrears of a case, its version and every change.' })
export class CaseArrearsType {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'Name this version in the next recordArrears.' })
  version: number;

  @Field(() => Int)
  amountCents: number;

  @Field()
  aroseOn: string;

  @Field(() => Int)
  monthsInArrears: number;

  @Field()
  updatedAt: Date;

  @Field(() => [ArrearsChangeType], { description: 'Every change, oldest first.' })
  history: ArrearsChangeType[];
}

@InputType({ description: 'One rung of the collection ladder (incassoladder).' })
export class RecordCollectionStepInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => CollectionStepKindEnum)
  kind: CollectionStepKind;

  @Field({ description: 'YYYY-MM-DD; only EVICTION_SCHEDULED may lie in the future (the eviction date).' })
  stepDate: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'A collection pause (adempauze) set by the corporation.' })
export class SetCollectionPauseInput {
  @Field(() => ID)
  caseId: string;

  @Field({ description: 'YYYY-MM-DD.' })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, on or after startsOn; at most a year later.' })
  endsOn: string;

  @Field()
  reason: string;
}
