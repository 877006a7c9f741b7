import { createMongoAbility, subject } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import type {
  AccessRule,
  CaseAction,
  CaseFacts,
  MembershipRole,
  OrganizationKind,
  ParticipantRole,
  VangnetAbility,
} from '@vangnet/shared';

/**
 * The client's copy of THE access rules: `me { abilityRules }` hands over exactly the rules the server
 * enforces (CASL's packed format). The client uses them only to show or hide actions; the server
 * decides.
 */
export function abilityFromPackedRules(packed: unknown): VangnetAbility {
  const rules = Array.isArray(packed) ? unpackRules(packed as PackRule<AccessRule>[]) : [];
  return createMongoAbility<VangnetAbility>(rules);
}

/** What the client knows of a case, in the shape the rules speak about. */
export interface CaseForAbility {
  readonly id: string;
  readonly participants: readonly {
    readonly organization: { readonly id: string };
    readonly role: ParticipantRole;
  }[];
  /** The assignees of the acting organisation (the API returns only those). */
  readonly assignees: readonly { readonly id: string }[];
}

export function caseFacts(caseData: CaseForAbility, actingOrgId: string): CaseFacts {
  return {
    id: caseData.id,
    participants: caseData.participants.map((participant) => ({
      organizationId: participant.organization.id,
      role: participant.role,
    })),
    assignees: caseData.assignees.map((user) => ({ organizationId: actingOrgId, userId: user.id })),
    consents: [],
    signals: [],
  };
}

export function canOnCase(
  ability: VangnetAbility,
  action: CaseAction,
  caseData: CaseForAbility,
  actingOrgId: string,
): boolean {
  return ability.can(action, subject('Case', { ...caseFacts(caseData, actingOrgId) }));
}

export function canOnReferral(
  ability: VangnetAbility,
  action: 'respond' | 'withdraw',
  referral: { readonly from: { readonly id: string }; readonly to: { readonly id: string } },
): boolean {
  return ability.can(action, subject('Referral', { fromOrgId: referral.from.id, toOrgId: referral.to.id }));
}

/** The acting membership as the lifecycle table needs it. */
export interface Actor {
  readonly userId: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly orgKind: OrganizationKind;
  readonly role: MembershipRole;
}
