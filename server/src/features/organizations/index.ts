/**
 * What other features use of organizations: the organisation, membership and data-sharing agreement
 * tables, and the GraphQL reference to an organisation that other types embed.
 */
export { DataSharingAgreement, DataSharingAgreementParty } from './data-sharing-agreement.entity.js';
export { Membership } from './membership.entity.js';
export { Organization } from './organization.entity.js';
export { OrganizationRefType } from './organization-ref.types.js';
