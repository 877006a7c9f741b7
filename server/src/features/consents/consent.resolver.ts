import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import {
  ConsentConnection,
  ConsentRegisterArgs,
  ConsentType,
  RecordConsentInput,
  WithdrawConsentInput,
} from './consent.types.js';

@Resolver(() => ConsentType)
export class ConsentResolver {
  @Authorized()
  @Query(() => [ConsentType], {
    description: "Consents of the case's tenant that my organisation gave or received.",
  })
  consents(@Arg('caseId', () => ID) caseId: string, @Ctx() context: GraphQLContext): Promise<ConsentType[]> {
    return context.services.consents.consentsOfCase(context, caseId);
  }

  @Authorized()
  @Query(() => ConsentConnection, {
    description: "The privacy officer's register of consents given to or recorded by my organisation.",
  })
  consentRegister(
    @Args() args: ConsentRegisterArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof ConsentConnection>> {
    return context.services.consents.consentRegister(context, args);
  }

  @Authorized()
  @Mutation(() => ConsentType, { description: 'Records a consent of the tenant, with the wording shown.' })
  recordConsent(
    @Arg('input') input: RecordConsentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ConsentType> {
    return context.services.consents.recordConsent(context, input);
  }

  @Authorized()
  @Mutation(() => ConsentType, { description: 'Withdraws a consent; effective from the very next request.' })
  withdrawConsent(
    @Arg('input') input: WithdrawConsentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ConsentType> {
    return context.services.consents.withdrawConsent(context, input);
  }
}
