import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { OrganizationRefType } from '../cases/case.types.js';

@Resolver()
export class PartnerOrganizationsResolver {
  @Authorized()
  @Query(() => [OrganizationRefType], {
    description:
      'Organisations my organisation shares an active data-sharing agreement with, by name: who a referral can go to and a consent can name.',
  })
  partnerOrganizations(@Ctx() context: GraphQLContext): Promise<OrganizationRefType[]> {
    return context.services.partnerOrganizations.partnerOrganizations(context);
  }
}
