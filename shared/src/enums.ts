/**
 * The vocabulary of Vangnet (docs/product.md §1–§3). Values are stored verbatim in PostgreSQL enum types and
 * exposed verbatim in GraphQL, so renaming one is a migration.
 */
const values = <T extends string>(...items: T[]): readonly T[] => Object.freeze(items);

export const ORGANIZATION_KINDS = values('HOUSING_CORPORATION', 'MUNICIPALITY', 'DEBT_COUNSELLING');
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const MEMBERSHIP_ROLES = values(
  'CASE_WORKER',
  'DEBT_COUNSELLOR',
  'TEAM_LEAD',
  'PRIVACY_OFFICER',
  'ORG_ADMIN',
);
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const LOCALES = values('nl', 'en');
export type Locale = (typeof LOCALES)[number];

export const PARTICIPANT_ROLES = values('REFERRER', 'MUNICIPALITY', 'DEBT_COUNSELLING');
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/**
 * docs/product.md §2's lifecycle starts at the signal; PRE_SIGNAL is the corporation's own dossier before it
 * (arrears, collection ladder, the pre-signal gate), visible to the corporation only.
 */
export const CASE_STATUSES = values(
  'PRE_SIGNAL',
  'SIGNALLED',
  'REFERRED',
  'IN_CONTACT',
  'INTAKE',
  'ADMITTED',
  'NOT_ADMITTED',
  'STABILISATION',
  'SOLUTION',
  'AFTERCARE',
  'CLOSED',
);
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a housing corporation is allowed to know of the lifecycle (docs/product.md §3). */
export const COARSE_CASE_STATUSES = values(
  'PRE_SIGNAL',
  'SIGNAL_SENT',
  'HELP_ACCEPTED',
  'IN_PROGRESS',
  'CLOSED',
);
export type CoarseCaseStatus = (typeof COARSE_CASE_STATUSES)[number];

export const CONTACT_CHANNELS = values(
  'MAIL',
  'LETTER',
  'SMS_WHATSAPP',
  'PHONE',
  'HOME_VISIT',
  'CARD',
  'OTHER',
  'ADMINISTRATIVE',
);
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const DAY_PARTS = values('MORNING', 'AFTERNOON', 'EVENING');
export type DayPart = (typeof DAY_PARTS)[number];

export const COLLECTION_STEP_KINDS = values(
  'REMINDER',
  'DEMAND',
  'FOURTEEN_DAY_LETTER',
  'BAILIFF',
  'SUMMONS',
  'JUDGMENT',
  'EVICTION_SCHEDULED',
  'EVICTED',
);
export type CollectionStepKind = (typeof COLLECTION_STEP_KINDS)[number];

/** Besluit gemeentelijke schuldhulpverlening art. 2: what must precede an early signal, and the objection that stops it. */
export const PRE_SIGNAL_STEP_KINDS = values(
  'WRITTEN_REMINDER',
  'PERSONAL_CONTACT_ATTEMPT',
  'DEBT_HELP_POINTER',
  'TENANT_OBJECTION',
);
export type PreSignalStepKind = (typeof PRE_SIGNAL_STEP_KINDS)[number];

export const SIGNAL_PARTNER_TYPES = values('HUUR');
export type SignalPartnerType = (typeof SIGNAL_PARTNER_TYPES)[number];

/** DDAS EnumEindresultaat. */
export const SIGNAL_END_RESULTS = values(
  'NOT_PICKED_UP_REPEAT',
  'NOT_PICKED_UP_UNJUSTIFIED',
  'NOT_PICKED_UP_OTHER_REASON',
  'DECEASED',
  'NOT_A_RESIDENT',
  'ALREADY_KNOWN_TO_DEBT_HELP',
  'OTHER_TRAJECTORY',
  'NO_CONTACT',
  'NO_RESPONSE_AFTER_CONTACT',
  'NO_HELP_WANTED',
  'ALREADY_PAID_OR_ARRANGED',
  'ADVICE_QUICK_FIX',
  'FOLLOW_UP_FINANCIAL',
  'REFERRAL_WITHOUT_CONTACT',
  'FOLLOW_UP_NON_FINANCIAL',
);
export type SignalEndResult = (typeof SIGNAL_END_RESULTS)[number];

export const REFERRAL_STATUSES = values('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED');
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const CONSENT_PURPOSES = values('DEBT_ASSISTANCE', 'EVICTION_PREVENTION', 'ARRANGEMENT_COORDINATION');
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_CHANNELS = values('WRITTEN', 'DIGITAL', 'VERBAL_CONFIRMED_IN_WRITING');
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const DATA_CATEGORIES = values(
  'CONTACT',
  'ARREARS',
  'HOUSEHOLD',
  'INCOME_EXPENSES',
  'DEBTS',
  'CASE_NOTES',
  'ACTION_PLAN',
  'ARRANGEMENT',
  'SPECIAL',
);
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const PREFERRED_CHANNELS = values('PHONE', 'EMAIL', 'LETTER', 'SMS_WHATSAPP', 'HOME_VISIT');
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

export const CASE_EXIT_REASONS = values(
  'DEBTS_RESOLVED',
  'ARREARS_PAID',
  'TENANT_DECLINED_HELP',
  'NO_CONTACT',
  'MOVED',
  'EVICTED',
  'DECEASED',
  'OTHER',
);
export type CaseExitReason = (typeof CASE_EXIT_REASONS)[number];

export const SOLUTION_KINDS = values('PAYMENT_PLAN', 'DEBT_SETTLEMENT', 'WSNP', 'REFINANCING');
export type SolutionKind = (typeof SOLUTION_KINDS)[number];

/** SIGN_IN_BLOCKED: sign-in was stopped for a while after too many failed attempts (an account or an address). */
export const AUDIT_ACTIONS = values(
  'READ',
  'CREATE',
  'UPDATE',
  'DELETE',
  'EXPORT',
  'LOGIN',
  'ACCESS_DENIED',
  'SIGN_IN_BLOCKED',
);
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Which purposes each kind of case participation serves (doelbinding, docs/product.md §3). */
export const PURPOSES_BY_PARTICIPANT_ROLE: Readonly<Record<ParticipantRole, readonly ConsentPurpose[]>> =
  Object.freeze({
    REFERRER: values('EVICTION_PREVENTION', 'ARRANGEMENT_COORDINATION'),
    MUNICIPALITY: values('DEBT_ASSISTANCE', 'EVICTION_PREVENTION'),
    DEBT_COUNSELLING: values('DEBT_ASSISTANCE', 'ARRANGEMENT_COORDINATION'),
  });

/**
 * The role an organisation of each kind takes on a case it joins without one of its own yet: a referral
 * names its recipient in it, and a consent names an agreement partner in it (docs/product.md §2–§3).
 */
export const ROLE_BY_KIND: Readonly<Record<OrganizationKind, ParticipantRole>> = Object.freeze({
  HOUSING_CORPORATION: 'REFERRER',
  MUNICIPALITY: 'MUNICIPALITY',
  DEBT_COUNSELLING: 'DEBT_COUNSELLING',
});
