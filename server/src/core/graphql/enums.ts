import {
  CASE_STATUSES,
  COARSE_CASE_STATUSES,
  COLLECTION_STEP_KINDS,
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  PREFERRED_CHANNELS,
  REFERRAL_STATUSES,
  AUDIT_ACTIONS,
  LOCALES,
  MEMBERSHIP_ROLES,
  ORGANIZATION_KINDS,
  PARTICIPANT_ROLES,
} from '@vangnet/shared';
import { registerEnumType } from 'type-graphql';

/** GraphQL enums need an object; the shared vocabulary is a list of strings. */
function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const OrganizationKindEnum = enumObject(ORGANIZATION_KINDS);
export const MembershipRoleEnum = enumObject(MEMBERSHIP_ROLES);
export const LocaleEnum = enumObject(LOCALES);
export const CaseStatusEnum = enumObject(CASE_STATUSES);
export const CoarseCaseStatusEnum = enumObject(COARSE_CASE_STATUSES);
export const ParticipantRoleEnum = enumObject(PARTICIPANT_ROLES);

registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind' });
registerEnumType(MembershipRoleEnum, { name: 'MembershipRole' });
registerEnumType(LocaleEnum, { name: 'Locale' });
registerEnumType(CaseStatusEnum, {
  name: 'CaseStatus',
  description: 'The full lifecycle state (docs/product.md §2).',
});
registerEnumType(CoarseCaseStatusEnum, {
  name: 'CoarseCaseStatus',
  description: 'The lifecycle as a housing corporation may see it.',
});
registerEnumType(ParticipantRoleEnum, { name: 'ParticipantRole' });

export const DataCategoryEnum = enumObject(DATA_CATEGORIES);
export const ConsentPurposeEnum = enumObject(CONSENT_PURPOSES);
export const ConsentChannelEnum = enumObject(CONSENT_CHANNELS);
export const PreferredChannelEnum = enumObject(PREFERRED_CHANNELS);
export const CollectionStepKindEnum = enumObject(COLLECTION_STEP_KINDS);
export const ReferralStatusEnum = enumObject(REFERRAL_STATUSES);
export const AuditActionEnum = enumObject(AUDIT_ACTIONS);
export const AccessReasonEnum = enumObject([
  'NO_CONSENT',
  'NOT_PARTICIPANT',
  'NOT_ASSIGNED',
  'LEGAL_RESTRICTION',
  'CONSENT_WITHDRAWN',
  'CONSENT_EXPIRED',
] as const);
export const AccessBasisEnum = enumObject(['CONSENT', 'LEGAL_BASIS', 'ORIGIN'] as const);

registerEnumType(DataCategoryEnum, { name: 'DataCategory' });
registerEnumType(ConsentPurposeEnum, { name: 'ConsentPurpose' });
registerEnumType(ConsentChannelEnum, { name: 'ConsentChannel' });
registerEnumType(PreferredChannelEnum, { name: 'PreferredChannel' });
registerEnumType(CollectionStepKindEnum, { name: 'CollectionStepKind' });
registerEnumType(ReferralStatusEnum, { name: 'ReferralStatus' });
registerEnumType(AuditActionEnum, { name: 'AuditAction' });
registerEnumType(AccessReasonEnum, { name: 'AccessReason', description: 'Why a section is withheld.' });
registerEnumType(AccessBasisEnum, { name: 'AccessBasis', description: 'On what ground a section is shown.' });
