import type { ParticipantRole } from '@vangnet/shared';
import { Field, ID, InputType } from 'type-graphql';
import { ParticipantRoleEnum } from '../../core/graphql/enums.js';

@InputType()
export class ReferCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'An organisation my organisation shares an active agreement with.' })
  toOrgId: string;

  @Field(() => ParticipantRoleEnum, {
    description: 'The role the recipient takes on the case; it must fit its kind.',
  })
  toRole: ParticipantRole;

  @Field({ description: 'The message for the recipient (what is asked, and why).' })
  message: string;

  @Field(() => String, {
    nullable: true,
    description: "Respond-by date (YYYY-MM-DD); default today + the agreement's working days.",
  })
  respondBy?: string | null;
}

@InputType()
export class RespondToReferralInput {
  @Field(() => ID)
  referralId: string;

  @Field()
  accept: boolean;

  @Field(() => String, { nullable: true, description: 'Required when declining.' })
  declineReason?: string | null;
}

@InputType()
export class WithdrawReferralInput {
  @Field(() => ID)
  referralId: string;
}
