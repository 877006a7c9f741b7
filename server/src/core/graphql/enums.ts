import {
  CASE_STATUSES,
  COARSE_CASE_STATUSES,
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
registerEnumType(CaseStatusEnum, { name: 'CaseStatus', description: 'The full lifecycle state (SPEC §2).' });
registerEnumType(CoarseCaseStatusEnum, {
  name: 'CoarseCaseStatus',
  description: 'The lifecycle as a housing corporation may see it.',
});
registerEnumType(ParticipantRoleEnum, { name: 'ParticipantRole' });
