import type {
  AuditAction,
  CaseStatus,
  CoarseCaseStatus,
  ConsentChannel,
  ConsentPurpose,
  DataCategory,
  OrganizationKind,
  ParticipantRole,
} from '@vangnet/shared';
import type {
  ArrearsSectionType,
  CategoryAccessType,
  ContactSectionType,
  DebtsSectionType,
  HouseholdSectionType,
  IncomeExpensesSectionType,
  ReferralType,
  SpecialSectionType,
} from '../cases/index.js';
import type { ConsentState } from '../consents/index.js';

/**
 * The content of a right-of-access export (AVG art. 15): what ONE organisation (one controller) holds
 * or can see about a tenant. Built by PrivacyService, rendered as JSON and as a Dutch HTML document.
 */
export interface TenantExport {
  readonly generatedAt: Date;
  readonly organization: { readonly id: string; readonly name: string; readonly kind: OrganizationKind };
  readonly tenantId: string;
  readonly cases: readonly ExportedCase[];
  readonly consents: readonly ExportedConsent[];
  /** Who of the organisation accessed the tenant's data, and when (oldest first). */
  readonly accessLog: readonly ExportedAccess[];
}

export interface ExportedSections {
  readonly contact: ContactSectionType | null;
  readonly arrears: ArrearsSectionType | null;
  readonly household: HouseholdSectionType | null;
  readonly incomeExpenses: IncomeExpensesSectionType | null;
  readonly debts: DebtsSectionType | null;
  readonly special: SpecialSectionType | null;
}

export interface ExportedCase {
  readonly id: string;
  readonly reference: string;
  /** The full lifecycle state; null when the organisation (a housing corporation) only sees the coarse one. */
  readonly status: CaseStatus | null;
  readonly coarseStatus: CoarseCaseStatus;
  readonly crisis: boolean;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
  readonly origin: string;
  readonly participants: readonly { readonly organization: string; readonly role: ParticipantRole }[];
  /** For every data category: may the organisation read it, and why (not). */
  readonly access: readonly CategoryAccessType[];
  readonly sections: ExportedSections;
  readonly referrals: readonly ReferralType[];
}

export interface ExportedConsent {
  readonly id: string;
  readonly caseReference: string;
  readonly recipient: string;
  readonly recordedBy: string;
  readonly purpose: ConsentPurpose;
  readonly categories: readonly DataCategory[];
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly state: ConsentState;
  readonly channel: ConsentChannel;
  readonly wordingVersion: string;
  readonly wordingText: string;
  readonly recordedAt: Date;
  readonly withdrawnAt: Date | null;
}

export interface ExportedAccess {
  readonly occurredAt: Date;
  readonly actor: string | null;
  readonly action: AuditAction;
  readonly entityType: string;
  /** The references of this tenant's cases the event is about. */
  readonly caseReferences: readonly string[];
  /** For an event about several cases (a list read): the categories read across all of them. */
  readonly categories: readonly DataCategory[];
  /** A consent id, a legal basis name or ORIGIN; for a list read, the bases of this tenant's cases joined with '+'. */
  readonly basis: string | null;
}

/** The JSON form: stable key order, dates as ISO-8601, two-space indentation. */
export function tenantExportJson(content: TenantExport): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}
