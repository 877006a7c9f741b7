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
export type AccessSubjectType =
  'Case' | DataCategory | 'Consent' | 'Referral' | 'Participant' | 'Signal' | 'AuditTrail';

/** Subjects are checked as tagged records; field names in conditions are checked by the SQL compiler, which refuses unknown ones. */
type Subjects = AccessSubjectType | (object & ForcedSubject<AccessSubjectType>);

export type VangnetAbility = MongoAbility<[CaseAction, Subjects], MongoQuery>;

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

/** The rules themselves, as plain data: what `me` hands to the client. Later rules take precedence. */
export function accessRulesFor(actor: AccessActor | null, now: Date): AccessRule[] {
  const rules: AccessRule[] = [];
  const can = (action: CaseAction, subject: AccessSubjectType, conditions: MongoQuery) =>
    rules.push({ action, subject, conditions });
  const cannot = (action: CaseAction, subject: AccessSubjectType, conditions: MongoQuery) =>
    rules.push({ action, subject, conditions, inverted: true });
  const build = () => rules;
  if (!actor) return build();
  const organizationId = actor.organizationId;
  const nowIso = now.toISOString();

  const worksCases = CASE_WORKING_ROLES.includes(actor.role);
  // Consents given to my organisation or recorded by it: the privacy officer's register, and (within
  // the cases they may see) the case workers' view of what the tenant agreed to.
  if (actor.role === 'PRIVACY_OFFICER' || worksCases) {
    can('read', 'Consent', { recipientOrgId: organizationId });
    can('read', 'Consent', { recordedByOrgId: organizationId });
  }
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
  }
  if (!worksCases) return build();

  // Closed loop: the referrals my organisation sent or received (within the cases I may see); the
  // recipient answers a referral, the sender may withdraw it.
  can('read', 'Referral', { fromOrgId: organizationId });
  can('read', 'Referral', { toOrgId: organizationId });
  can('respond', 'Referral', { toOrgId: organizationId });
  can('withdraw', 'Referral', { fromOrgId: organizationId });

  // Who else works on a case I may see. A corporation learns which municipality it signalled, not
  // whether a debt-counselling organisation is involved: that alone would reveal the tenant is in debt
  // help beyond what the coarse status says.
  can('read', 'Participant', {
    role: {
      $in: actor.orgKind === 'HOUSING_CORPORATION' ? ['REFERRER', 'MUNICIPALITY'] : [...PARTICIPANT_ROLES],
    },
  });
  // An early signal belongs to its sender and its recipient.
  can('read', 'Signal', { senderOrgId: organizationId });
  can('read', 'Signal', { recipientOrgId: organizationId });

  if (actor.orgKind === 'HOUSING_CORPORATION') can('create', 'Case', {});

  // Which cases: my organisation participates (in the role the action needs), and need-to-know within
  // it — the org queue (no assignee of mine yet) or assigned to me; a team lead has every case of the org.
  for (const { action, asRole } of CASE_ACTIONS[actor.orgKind]) {
    const participates = {
      participants: { $elemMatch: asRole ? { organizationId, role: asRole } : { organizationId } },
    };
    can(action, 'Case', participates);
    if (actor.role !== 'TEAM_LEAD') {
      cannot(action, 'Case', { assignees: { $elemMatch: { organizationId } } });
      can(action, 'Case', {
        ...participates,
        assignees: { $elemMatch: { organizationId, userId: actor.userId } },
      });
    }
  }

  // Need-to-know is the team lead's to hand out: they assign the org's people to its cases.
  if (actor.role === 'TEAM_LEAD') {
    can('assign', 'Case', { participants: { $elemMatch: { organizationId } } });
  }

  // Which categories of such a case.
  for (const category of DATA_CATEGORIES) {
    // The origin of data may read it back; special-category data only ever under explicit consent.
    if (category !== 'SPECIAL') can('read', category, { originOrgId: organizationId });
    if (actor.orgKind === 'MUNICIPALITY' && CATEGORIES_BY_SIGNAL.includes(category)) {
      can('read', category, { signals: { $elemMatch: { recipientOrgId: organizationId } } });
    }
    // An active consent of the tenant for this organisation and category, for a purpose its participation
    // serves. A case note written for its own organisation only (OWN_ORG) is never shared by consent.
    for (const role of PARTICIPANT_ROLES) {
      can('read', category, {
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
      });
    }
  }
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
