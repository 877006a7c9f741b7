import {
  createMongoAbility,
  subject as tagSubject,
  type ForcedSubject,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import {
  DATA_CATEGORIES,
  type AuditAction,
  PARTICIPANT_ROLES,
  PURPOSES_BY_PARTICIPANT_ROLE,
  type ConsentPurpose,
  type DataCategory,
  type MembershipRole,
  type OrganizationKind,
  type ParticipantRole,
} from '../enums.js';

/**
 * THE access rule of docs/product.md §3, written once. The server compiles these rules into SQL for every read
 * (server/src/core/authz); the client uses the same ability to show or hide actions.
 *
 * Subjects are described as records with their relations, exactly as the server can express them in
 * SQL. Timestamps are ISO-8601 strings in UTC, so the packed rules survive JSON and compare correctly.
 */

/** The consent as the rules see it (valid* and withdrawnAt as ISO strings). */
export interface ConsentFacts {
  readonly recipientOrgId: string;
  readonly categories: readonly DataCategory[];
  readonly purpose: ConsentPurpose;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly withdrawnAt: string | null;
}

/** A case with the relations the rules speak about. */
export interface CaseFacts {
  readonly id: string;
  readonly participants: readonly { readonly organizationId: string; readonly role: ParticipantRole }[];
  readonly assignees: readonly { readonly organizationId: string; readonly userId: string }[];
  /** Consents of the case's tenant (a consent is the tenant's, whichever case it was recorded in). */
  readonly consents: readonly ConsentFacts[];
  /** Early signals sent about this case, by recipient. */
  readonly signals: readonly { readonly recipientOrgId: string }[];
}

/**
 * Data of one category of a case. `originOrgId` is the organisation that created the data: on a single
 * record that record's origin; for a whole case section it reads "some data of this category in this
 * case was created by this organisation".
 */
export interface CategoryFacts extends CaseFacts {
  readonly originOrgId: string;
  /** Case notes only: OWN_ORG notes stay with the writing organisation; SHARED ones follow consent. */
  readonly visibility?: 'OWN_ORG' | 'SHARED';
}

export interface ConsentFactsForRegister {
  readonly recipientOrgId: string;
  readonly recordedByOrgId: string;
}

export interface ReferralFacts {
  readonly fromOrgId: string;
  readonly toOrgId: string;
}

export interface ParticipantFacts {
  readonly organizationId: string;
  readonly role: ParticipantRole;
}

export interface SignalFacts {
  readonly senderOrgId: string;
  readonly recipientOrgId: string;
}

/**
 * An audit event as the register rules see it: who acted (by organisation), what, and the organisations
 * participating in the case it names (none when it names no case).
 */
export interface AuditTrailFacts {
  readonly actorOrgId: string | null;
  readonly action: AuditAction;
  readonly caseParticipants: readonly { readonly organizationId: string }[];
}

/**
 * The tenant as one of its cases shows it (subject 'Tenant'): a tenant's data is exported case by case, and
 * the export covers the cases whose facts match the rule.
 */
export interface TenantCaseFacts {
  readonly participants: readonly { readonly organizationId: string; readonly role: ParticipantRole }[];
}

/**
 * One signal as the monitoring dashboard counts it (subject 'Monitoring'): the anonymous facts of a live
 * case, or a statistic kept after retention, which names no case and so has no participants.
 */
export interface MonitoringFacts {
  readonly corporationId: string | null;
  readonly municipalityOrgId: string | null;
  readonly participants: readonly { readonly organizationId: string }[];
}

/**
 * read: within a case I may see; list: an organisation-wide register (privacy officer).
 * The write actions on a case (all under the same need-to-know as reading it):
 * - create: open a dossier (a corporation, before the signal);
 * - manageArrears: arrears, collection ladder, pauses, pre-signal steps, the early signal (the referring corporation);
 * - workSignal: contact attempts, end result, help request, intake (the municipality);
 * - manageConsents, refer, transition: every organisation on the case;
 * - respond / withdraw on a Referral: its recipient / its sender;
 * - assign: a team lead of an organisation on the case (who of the organisation works it).
 */
export type CaseAction =
  | 'read'
  | 'list'
  | 'create'
  | 'manageConsents'
  | 'manageArrears'
  | 'workSignal'
  | 'refer'
  | 'transition'
  | 'respond'
  | 'withdraw'
  | 'assign';

/** The case actions each kind of organisation may take, and the role on the case it must hold for it. */
const CASE_ACTIONS: Readonly<
  Record<OrganizationKind, readonly { action: CaseAction; asRole?: ParticipantRole }[]>
> = {
  HOUSING_CORPORATION: [
    { action: 'read' },
    { action: 'manageConsents' },
    { action: 'manageArrears', asRole: 'REFERRER' },
    { action: 'refer' },
    { action: 'transition' },
  ],
  MUNICIPALITY: [
    { action: 'read' },
    { action: 'manageConsents' },
    { action: 'workSignal', asRole: 'MUNICIPALITY' },
    { action: 'refer' },
    { action: 'transition' },
  ],
  DEBT_COUNSELLING: [
    { action: 'read' },
    { action: 'manageConsents' },
    { action: 'refer' },
    { action: 'transition' },
  ],
};

/**
 * The actions beyond a case:
 * - view Monitoring: the monitoring dashboard; its conditions say which signals are the organisation's own
 *   business, shown in full (docs/product.md §6);
 * - export Tenant and export <subject>: the tenant's right of access (AVG art. 15), answered by the privacy
 *   officer for the organisation: which of the tenant's cases the export covers, and what of them.
 */
export type AccessAction = CaseAction | 'view' | 'export';

export type AccessSubjectType =
  | 'Case'
  | DataCategory
  | 'Consent'
  | 'Referral'
  | 'Participant'
  | 'Signal'
  | 'AuditTrail'
  | 'Tenant'
  | 'Monitoring';

/** Subjects are checked as tagged records; field names in conditions are checked by the SQL compiler, which refuses unknown ones. */
type Subjects = AccessSubjectType | (object & ForcedSubject<AccessSubjectType>);

export type VangnetAbility = MongoAbility<[AccessAction, Subjects], MongoQuery>;

export interface AccessActor {
  readonly userId: string;
  readonly organizationId: string;
  readonly orgKind: OrganizationKind;
  readonly role: MembershipRole;
}

/** Roles that work cases. A privacy officer or org admin is never a case reader by virtue of that role. */
export const CASE_WORKING_ROLES: readonly MembershipRole[] = ['CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD'];

/** The name recorded in the audit trail when the Wgs (with the Besluit) is the basis, not a consent. */
export const LEGAL_BASIS_SIGNAL = 'WGS_ART_3_SIGNAL';
export const BASIS_ORIGIN = 'ORIGIN';

/** What a received early signal lets the municipality read without consent (Wgs; AVG art. 6(1)(e)). */
export const CATEGORIES_BY_SIGNAL: readonly DataCategory[] = ['CONTACT', 'ARREARS'];

/**
 * Builds the ability of one membership at one moment. `now` is part of the rules (consent validity),
 * so an ability must never outlive the request it was built for.
 */
export function defineAbilityFor(actor: AccessActor | null, now: Date): VangnetAbility {
  return createMongoAbility<VangnetAbility>(accessRulesFor(actor, now));
}

export type AccessRule = RawRuleOf<VangnetAbility>;

/** One grant of what an organisation can see: a subject and the conditions under which it is seen. */
interface Grant {
  readonly subject: AccessSubjectType;
  readonly conditions: MongoQuery;
}

/**
 * What an organisation can see within the cases it takes part in — which cases is the case rule's business
 * (participation and need-to-know), this is what of them. Its case workers read it within the cases they may
 * see; its privacy officer exports it for the tenant's right of access. Both come from here, so an export
 * holds exactly what the organisation can see, and nothing another organisation alone can see.
 */
function organisationView(organizationId: string, orgKind: OrganizationKind, nowIso: string) {
  // Consents given to my organisation or recorded by it.
  const consents: Grant[] = [
    { subject: 'Consent', conditions: { recipientOrgId: organizationId } },
    { subject: 'Consent', conditions: { recordedByOrgId: organizationId } },
  ];
  // Closed loop: the referrals my organisation sent or received.
  const referrals: Grant[] = [
    { subject: 'Referral', conditions: { fromOrgId: organizationId } },
    { subject: 'Referral', conditions: { toOrgId: organizationId } },
  ];
  // Who else works on the case. A corporation learns which municipality it signalled, not whether a
  // debt-counselling organisation is involved: that alone would reveal the tenant is in debt help beyond
  // what the coarse status says.
  const participants: Grant[] = [
    {
      subject: 'Participant',
      conditions: {
        role: {
          $in: orgKind === 'HOUSING_CORPORATION' ? ['REFERRER', 'MUNICIPALITY'] : [...PARTICIPANT_ROLES],
        },
      },
    },
  ];
  // An early signal belongs to its sender and its recipient.
  const signals: Grant[] = [
    { subject: 'Signal', conditions: { senderOrgId: organizationId } },
    { subject: 'Signal', conditions: { recipientOrgId: organizationId } },
  ];

  // Which categories of such a case.
  const categories: Grant[] = [];
  for (const category of DATA_CATEGORIES) {
    // The origin of data may read it back; special-category data only ever under explicit consent.
    if (category !== 'SPECIAL')
      categories.push({ subject: category, conditions: { originOrgId: organizationId } });
    if (orgKind === 'MUNICIPALITY' && CATEGORIES_BY_SIGNAL.includes(category)) {
      categories.push({
        subject: category,
        conditions: { signals: { $elemMatch: { recipientOrgId: organizationId } } },
      });
    }
    // An active consent of the tenant for this organisation and category, for a purpose its participation
    // serves. A case note written for its own organisation only (OWN_ORG) is never shared by consent.
    for (const role of PARTICIPANT_ROLES) {
      categories.push({
        subject: category,
        conditions: {
          ...(category === 'CASE_NOTES' ? { visibility: 'SHARED' } : {}),
          participants: { $elemMatch: { organizationId, role } },
          consents: {
            $elemMatch: {
              recipientOrgId: organizationId,
              categories: { $all: [category] },
              purpose: { $in: [...PURPOSES_BY_PARTICIPANT_ROLE[role]] },
              validFrom: { $lte: nowIso },
              validUntil: { $gt: nowIso },
              withdrawnAt: { $eq: null },
            },
          },
        },
      });
    }
  }
  return { consents, referrals, participants, signals, categories };
}

/**
 * Which signals the monitoring dashboard shows an organisation in full: its own business. A housing
 * corporation the signals it sent, a municipality the signals it received, a debt-counselling organisation
 * the signals of the cases it takes part in (the statistics kept after retention name no participant).
 */
const MONITORING_OWN: Readonly<Record<OrganizationKind, (organizationId: string) => MongoQuery>> = {
  HOUSING_CORPORATION: (organizationId) => ({ corporationId: organizationId }),
  MUNICIPALITY: (organizationId) => ({ municipalityOrgId: organizationId }),
  DEBT_COUNSELLING: (organizationId) => ({ participants: { $elemMatch: { organizationId } } }),
};

/** The rules themselves, as plain data: what `me` hands to the client. Later rules take precedence. */
export function accessRulesFor(actor: AccessActor | null, now: Date): AccessRule[] {
  const rules: AccessRule[] = [];
  const can = (action: AccessAction, subject: AccessSubjectType, conditions: MongoQuery) =>
    rules.push({ action, subject, conditions });
  const cannot = (action: AccessAction, subject: AccessSubjectType, conditions: MongoQuery) =>
    rules.push({ action, subject, conditions, inverted: true });
  const grant = (action: AccessAction, grants: readonly Grant[]) => {
    for (const { subject, conditions } of grants) can(action, subject, conditions);
  };
  const build = () => rules;
  if (!actor) return build();
  const organizationId = actor.organizationId;
  const sees = organisationView(organizationId, actor.orgKind, now.toISOString());
  // What a case rule asks of the organisation: it takes part in the case, in any role.
  const participates = { participants: { $elemMatch: { organizationId } } };

  const worksCases = CASE_WORKING_ROLES.includes(actor.role);
  // Consents given to my organisation or recorded by it: the privacy officer's register, and (within
  // the cases they may see) the case workers' view of what the tenant agreed to.
  if (actor.role === 'PRIVACY_OFFICER' || worksCases) grant('read', sees.consents);
  if (actor.role === 'PRIVACY_OFFICER') {
    can('list', 'Consent', { recipientOrgId: organizationId });
    can('list', 'Consent', { recordedByOrgId: organizationId });
    can('list', 'AuditTrail', { actorOrgId: organizationId });
    // A refused attempt on a case my organisation works on, whoever made it: the organisations on a case
    // answer for its data, so their privacy officers must see who tried to reach it.
    can('list', 'AuditTrail', {
      action: 'ACCESS_DENIED',
      caseParticipants: { $elemMatch: { organizationId } },
    });
    // The tenant's right of access, answered for the organisation: every case of the tenant it takes part
    // in, with what the organisation can see of it — no need-to-know narrowing, as for its team lead. The
    // officer reads none of it otherwise.
    can('export', 'Tenant', participates);
    for (const part of [sees.consents, sees.referrals, sees.participants, sees.signals, sees.categories])
      grant('export', part);
  }
  // The monitoring dashboard: aggregates without personal data, so no case access. The team lead runs the
  // organisation's work (docs/product.md §1); the privacy officer may see the same aggregates (e.g. to judge
  // retention and suppression) without ever seeing case content.
  if (actor.role === 'TEAM_LEAD' || actor.role === 'PRIVACY_OFFICER')
    can('view', 'Monitoring', MONITORING_OWN[actor.orgKind](organizationId));
  if (!worksCases) return build();

  // Closed loop (within the cases I may see): the recipient answers a referral, the sender may withdraw it.
  grant('read', sees.referrals);
  can('respond', 'Referral', { toOrgId: organizationId });
  can('withdraw', 'Referral', { fromOrgId: organizationId });

  // Who else works on a case I may see, and the early signals of it I sent or received.
  grant('read', sees.participants);
  grant('read', sees.signals);

  if (actor.orgKind === 'HOUSING_CORPORATION') can('create', 'Case', {});

  // Which cases: my organisation participates (in the role the action needs), and need-to-know within
  // it — the org queue (no assignee of mine yet) or assigned to me; a team lead has every case of the org.
  for (const { action, asRole } of CASE_ACTIONS[actor.orgKind]) {
    const participatesAs = asRole
      ? { participants: { $elemMatch: { organizationId, role: asRole } } }
      : participates;
    can(action, 'Case', participatesAs);
    if (actor.role !== 'TEAM_LEAD') {
      cannot(action, 'Case', { assignees: { $elemMatch: { organizationId } } });
      can(action, 'Case', {
        ...participatesAs,
        assignees: { $elemMatch: { organizationId, userId: actor.userId } },
      });
    }
  }

  // Need-to-know is the team lead's to hand out: they assign the org's people to its cases.
  if (actor.role === 'TEAM_LEAD') can('assign', 'Case', participates);

  // Which categories of such a case.
  grant('read', sees.categories);
  return build();
}

/** A category is readable when the case is, and the category's own rule allows it. */
export function canReadCategory(
  ability: VangnetAbility,
  facts: CategoryFacts,
  category: DataCategory,
): boolean {
  return (
    ability.can('read', tagSubject('Case', { ...facts })) &&
    ability.can('read', tagSubject(category, { ...facts }))
  );
}

export function canReadCase(ability: VangnetAbility, facts: CaseFacts): boolean {
  return ability.can('read', tagSubject('Case', { ...facts }));
}
