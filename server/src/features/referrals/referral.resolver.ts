import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ReferralService } from './referral.service.js';
import { ReferralType } from '../cases/index.js';
import { ReferCaseInput, RespondToReferralInput, WithdrawReferralInput } from './referral.types.js';

/** Referrals, closed loop: refer, answer, withdraw. Reading them is Case.referrals. */
@Resolver(() => ReferralType)
export class ReferralResolver {
  constructor(private readonly referralService: ReferralService) {}

  @Authorized()
  @Mutation(() => ReferralType, {
    description:
      'Refers the case to an organisation my organisation shares an active agreement with; the recipient joins the case in the role it is referred as.',
  })
  referCase(@Arg('input') input: ReferCaseInput, @Ctx() context: GraphQLContext): Promise<ReferralType> {
    return this.referralService.referCase(context, input);
  }

  @Authorized()
  @Mutation(() => ReferralType, {
    description: 'Accepts or declines (with a reason) a pending referral to my organisation.',
  })
  respondToReferral(
    @Arg('input') input: RespondToReferralInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReferralType> {
    return this.referralService.respondToReferral(context, input);
  }

  @Authorized()
  @Mutation(() => ReferralType, { description: 'Withdraws a pending referral my organisation sent.' })
  withdrawReferral(
    @Arg('input') input: WithdrawReferralInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReferralType> {
    return this.referralService.withdrawReferral(context, input);
  }
}
