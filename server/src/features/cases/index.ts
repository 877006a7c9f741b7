/**
 * What other features use of cases: the case tables, the GraphQL types other features embed (a case,
 * the reference to a person, the case page's sections), the section loaders, reading a case's
 * referrals or its next references, and the lock that serialises opening dossiers for a corporation's
 * contracts. Whether a section may be read, and its read audit, is core's (core/authz/section-access.ts).
 */
export { CaseType, ReferralType, UserRefType } from './case.types.js';
export {
  type AccessBasis,
  type AccessReason,
  ArrearsChangeType,
  type ArrearsSectionType,
  type CategoryAccessType,
  CollectionPauseType,
  CollectionStepType,
  type ContactSectionType,
  type DebtsSectionType,
  type HouseholdSectionType,
  type IncomeExpensesSectionType,
  type SpecialSectionType,
} from './case-sections.types.js';
export { Case } from './case.entity.js';
export { CaseAssignee } from './case-assignee.entity.js';
export { CaseParticipant } from './case-participant.entity.js';
export { CaseSectionsService } from './case-sections.service.js';
export { type CaseService, loadReferrals } from './case.service.js';
export { lockContractsOf } from './contracts-lock.js';
export { nextCaseReferencesIn } from './create-case.service.js';
