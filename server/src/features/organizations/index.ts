/** What other features use of organizations: the organisation, membership and data-sharing agreement tables. */
export { DataSharingAgreement, DataSharingAgreementParty } from './data-sharing-agreement.entity.js';
export { Membership } from './membership.entity.js';
export { Organization } from './organization.entity.js';
