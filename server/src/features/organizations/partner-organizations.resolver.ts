import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { PartnerOrganizationsService } from './partner-organizations.service.js';
import { OrganizationRefType } from './organization-ref.types.js';

@Resolver()
export class PartnerOrganizationsResolver {
  constructor(private readonly partnerOrganizationsService: PartnerOrganizationsService) {}

  @Authorized()
  @Query(() => [OrganizationRefType], {
    description:
      'Organisations my organisation shares an active data-sharing agreement with, by name: who a referral can go to and a consent can name.',
  })
  partnerOrganizations(@Ctx() context: GraphQLContext): Promise<OrganizationRefType[]> {
    return this.partnerOrganizationsService.partnerOrganizations(context);
  }
}
