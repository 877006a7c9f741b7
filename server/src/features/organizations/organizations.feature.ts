import type { FeatureDescriptor } from '../../core/feature.js';
import { DataSharingAgreement, DataSharingAgreementParty } from './data-sharing-agreement.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { PartnerOrganizationsResolver } from './partner-organizations.resolver.js';

export const organizationsFeature: FeatureDescriptor = {
  name: 'organizations',
  entities: [Organization, DataSharingAgreement, DataSharingAgreementParty, Membership],
  resolvers: [PartnerOrganizationsResolver],
};
