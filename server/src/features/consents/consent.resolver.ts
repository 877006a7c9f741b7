import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ConsentChange, ConsentService } from './consent.service.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import {
  ConsentConnection,
  ConsentRegisterArgs,
  ConsentType,
  RecordConsentInput,
  WithdrawConsentInput,
} from './consent.types.js';

/** The live-update facet of a consent change (not a data category). */
export const CONSENT_FACET = 'consent';

@Resolver(() => ConsentType)
export class ConsentResolver {
  constructor(
    private readonly consentService: ConsentService,
    private readonly caseEvents: CaseEventBus,
  ) {}

  @Authorized()
  @Query(() => [ConsentType], {
    description: "Consents of the case's tenant that my organisation gave or received.",
  })
  consents(@Arg('caseId', () => ID) caseId: string, @Ctx() context: GraphQLContext): Promise<ConsentType[]> {
    return this.consentService.consentsOfCase(context, caseId);
  }

  @Authorized()
  @Query(() => ConsentConnection, {
    description: "The privacy officer's register of consents given to or recorded by my organisation.",
  })
  consentRegister(
    @Args() args: ConsentRegisterArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof ConsentConnection>> {
    return this.consentService.consentRegister(context, args);
  }

  @Authorized()
  @Mutation(() => ConsentType, { description: 'Records a consent of the tenant, with the wording shown.' })
  async recordConsent(
    @Arg('input') input: RecordConsentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ConsentType> {
    return this.announced(context, await this.consentService.recordConsent(context, input));
  }

  @Authorized()
  @Mutation(() => ConsentType, { description: 'Withdraws a consent; effective from the very next request.' })
  async withdrawConsent(
    @Arg('input') input: WithdrawConsentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ConsentType> {
    return this.announced(context, await this.consentService.withdrawConsent(context, input));
  }

  /**
   * A consent belongs to the tenant, so it changes what partners see in every case of that tenant: each
   * open page re-reads through its own access rule (a withdrawal hides the data there at once). Besides
   * the categories (passed on only to whom may read them), the facet 'consent' reaches everyone who sees
   * the case, above all the organisation that just lost access: without it, its page would never learn
   * to re-read. It names no organisation and no data.
   */
  private async announced(
    context: GraphQLContext,
    { consent, tenantCases }: ConsentChange,
  ): Promise<ConsentType> {
    try {
      for (const affected of tenantCases) {
        await this.caseEvents.publish({
          caseId: affected.id,
          version: affected.version,
          changed: [...consent.categories, CONSENT_FACET],
        });
      }
    } catch (error) {
      context.logger.warn({ err: error, consentId: consent.id }, 'consent change not announced');
    }
    return consent;
  }
}
