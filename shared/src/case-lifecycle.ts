import type { CaseStatus, CoarseCaseStatus, MembershipRole, OrganizationKind } from './enums.js';

/** Who may fire a transition: an organisation kind and the roles within it. */
export interface TransitionActor {
  readonly orgKinds: readonly OrganizationKind[];
  readonly roles: readonly MembershipRole[];
}

export interface CaseTransition {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly by: TransitionActor;
}

const COUNSELLORS: TransitionActor = {
  orgKinds: ['MUNICIPALITY', 'DEBT_COUNSELLING'],
  roles: ['DEBT_COUNSELLOR', 'TEAM_LEAD'],
};
const MUNICIPALITY: TransitionActor = { orgKinds: ['MUNICIPALITY'], roles: ['DEBT_COUNSELLOR', 'TEAM_LEAD'] };
const CORPORATION: TransitionActor = {
  orgKinds: ['HOUSING_CORPORATION'],
  roles: ['CASE_WORKER', 'TEAM_LEAD'],
};
const ANY_CASE_HANDLER: TransitionActor = {
  orgKinds: ['HOUSING_CORPORATION', 'MUNICIPALITY', 'DEBT_COUNSELLING'],
  roles: ['CASE_WORKER', 'DEBT_COUNSELLOR', 'TEAM_LEAD'],
};

/**
 * The case lifecycle of SPEC §2. Signalling and referring happen through their own operations
 * (sendSignal, referCase) and move the case as a side effect; the rest is fired by transitionCase.
 */
export const CASE_TRANSITIONS: readonly CaseTransition[] = Object.freeze([
  { from: 'PRE_SIGNAL', to: 'SIGNALLED', by: CORPORATION },
  { from: 'PRE_SIGNAL', to: 'REFERRED', by: CORPORATION },
  { from: 'PRE_SIGNAL', to: 'CLOSED', by: CORPORATION },
  { from: 'SIGNALLED', to: 'REFERRED', by: ANY_CASE_HANDLER },
  { from: 'SIGNALLED', to: 'IN_CONTACT', by: MUNICIPALITY },
  { from: 'SIGNALLED', to: 'CLOSED', by: MUNICIPALITY },
  { from: 'REFERRED', to: 'IN_CONTACT', by: COUNSELLORS },
  { from: 'REFERRED', to: 'CLOSED', by: COUNSELLORS },
  { from: 'IN_CONTACT', to: 'INTAKE', by: COUNSELLORS },
  { from: 'IN_CONTACT', to: 'CLOSED', by: COUNSELLORS },
  { from: 'INTAKE', to: 'ADMITTED', by: MUNICIPALITY },
  { from: 'INTAKE', to: 'NOT_ADMITTED', by: MUNICIPALITY },
  { from: 'ADMITTED', to: 'STABILISATION', by: COUNSELLORS },
  { from: 'NOT_ADMITTED', to: 'CLOSED', by: COUNSELLORS },
  { from: 'STABILISATION', to: 'SOLUTION', by: COUNSELLORS },
  { from: 'SOLUTION', to: 'AFTERCARE', by: COUNSELLORS },
  { from: 'AFTERCARE', to: 'CLOSED', by: COUNSELLORS },
]);

export function allowedNextStatuses(from: CaseStatus): CaseStatus[] {
  return CASE_TRANSITIONS.filter((transition) => transition.from === from).map((transition) => transition.to);
}

export function findTransition(from: CaseStatus, to: CaseStatus): CaseTransition | undefined {
  return CASE_TRANSITIONS.find((transition) => transition.from === from && transition.to === to);
}

export function mayFireTransition(
  transition: CaseTransition,
  actor: { orgKind: OrganizationKind; role: MembershipRole },
): boolean {
  return transition.by.orgKinds.includes(actor.orgKind) && transition.by.roles.includes(actor.role);
}

const COARSE_BY_STATUS: Readonly<Record<CaseStatus, CoarseCaseStatus>> = Object.freeze({
  PRE_SIGNAL: 'PRE_SIGNAL',
  SIGNALLED: 'SIGNAL_SENT',
  REFERRED: 'SIGNAL_SENT',
  IN_CONTACT: 'IN_PROGRESS',
  INTAKE: 'IN_PROGRESS',
  ADMITTED: 'HELP_ACCEPTED',
  NOT_ADMITTED: 'IN_PROGRESS',
  STABILISATION: 'HELP_ACCEPTED',
  SOLUTION: 'HELP_ACCEPTED',
  AFTERCARE: 'HELP_ACCEPTED',
  CLOSED: 'CLOSED',
});

/** The lifecycle as a housing corporation may see it (SPEC §3). */
export function coarseStatusOf(status: CaseStatus): CoarseCaseStatus {
  return COARSE_BY_STATUS[status];
}
