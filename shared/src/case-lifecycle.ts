import type {
  CaseExitReason,
  CaseStatus,
  CoarseCaseStatus,
  MembershipRole,
  OrganizationKind,
  SolutionKind,
} from './enums.js';

/** Who may fire a transition: an organisation kind and the roles within it. */
export interface TransitionActor {
  readonly orgKinds: readonly OrganizationKind[];
  readonly roles: readonly MembershipRole[];
}

/** Operations that move the case as a side effect; transitionCase refuses their moves and names them. */
export type TransitionOperation = 'sendSignal' | 'referCase';

/**
 * What must hold before a transition may be made:
 * - EXIT_REASON: the move names why the case ends (input `exitReason`);
 * - SOLUTION_KIND: the move names the solution (input `solutionKind`: payment plan, debt settlement, Wsnp, refinancing);
 * - FIRST_CONVERSATION: the first conversation after the help request is recorded (the access decision follows it, Wgs);
 * - SIGNAL_END_RESULT: every early signal of the case has its DDAS end result (closing a signal reports why it ended).
 */
export const TRANSITION_PRECONDITIONS = Object.freeze([
  'EXIT_REASON',
  'SOLUTION_KIND',
  'FIRST_CONVERSATION',
  'SIGNAL_END_RESULT',
] as const);
export type TransitionPrecondition = (typeof TRANSITION_PRECONDITIONS)[number];

/** Preconditions met by the input of the move itself rather than by the state of the case. */
export const INPUT_PRECONDITIONS: Readonly<
  Partial<Record<TransitionPrecondition, 'exitReason' | 'solutionKind'>>
> = Object.freeze({ EXIT_REASON: 'exitReason', SOLUTION_KIND: 'solutionKind' });

export interface CaseTransition {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly by: TransitionActor;
  /** Set when the move only happens through that operation, never through transitionCase. */
  readonly via?: TransitionOperation;
  readonly requires?: readonly TransitionPrecondition[];
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
 * The case lifecycle of docs/product.md §2. Signalling and referring happen through their own operations
 * (sendSignal, referCase) and move the case as a side effect; the rest is fired by transitionCase.
 * Side effects of the moves themselves (server): → INTAKE records the help request (starts the Wgs
 * first-conversation clock); → ADMITTED starts the automatic collection pause; → SOLUTION records the
 * solution kind; → CLOSED records the exit reason and the closing moment.
 */
export const CASE_TRANSITIONS: readonly CaseTransition[] = Object.freeze([
  { from: 'PRE_SIGNAL', to: 'SIGNALLED', by: CORPORATION, via: 'sendSignal' },
  { from: 'PRE_SIGNAL', to: 'REFERRED', by: CORPORATION, via: 'referCase' },
  { from: 'PRE_SIGNAL', to: 'CLOSED', by: CORPORATION, requires: ['EXIT_REASON'] },
  { from: 'SIGNALLED', to: 'REFERRED', by: ANY_CASE_HANDLER, via: 'referCase' },
  { from: 'SIGNALLED', to: 'IN_CONTACT', by: MUNICIPALITY },
  { from: 'SIGNALLED', to: 'CLOSED', by: MUNICIPALITY, requires: ['EXIT_REASON', 'SIGNAL_END_RESULT'] },
  { from: 'REFERRED', to: 'IN_CONTACT', by: COUNSELLORS },
  { from: 'REFERRED', to: 'CLOSED', by: COUNSELLORS, requires: ['EXIT_REASON'] },
  { from: 'IN_CONTACT', to: 'INTAKE', by: COUNSELLORS },
  { from: 'IN_CONTACT', to: 'CLOSED', by: COUNSELLORS, requires: ['EXIT_REASON'] },
  { from: 'INTAKE', to: 'ADMITTED', by: MUNICIPALITY, requires: ['FIRST_CONVERSATION'] },
  { from: 'INTAKE', to: 'NOT_ADMITTED', by: MUNICIPALITY, requires: ['FIRST_CONVERSATION'] },
  { from: 'ADMITTED', to: 'STABILISATION', by: COUNSELLORS },
  { from: 'NOT_ADMITTED', to: 'CLOSED', by: COUNSELLORS, requires: ['EXIT_REASON'] },
  { from: 'STABILISATION', to: 'SOLUTION', by: COUNSELLORS, requires: ['SOLUTION_KIND'] },
  { from: 'SOLUTION', to: 'AFTERCARE', by: COUNSELLORS },
  { from: 'AFTERCARE', to: 'CLOSED', by: COUNSELLORS, requires: ['EXIT_REASON'] },
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

/** What the server knows when it checks a move: the input of the move and the facts of the case. */
export interface TransitionFacts {
  readonly exitReason?: CaseExitReason | null;
  readonly solutionKind?: SolutionKind | null;
  readonly firstConversationAt?: Date | string | null;
  /** Whether an early signal of the case still lacks its end result. */
  readonly signalWithoutEndResult?: boolean;
}

/** The preconditions of a move that do not hold, in the order of the table. */
export function unmetPreconditions(
  transition: CaseTransition,
  facts: TransitionFacts,
): TransitionPrecondition[] {
  const holds: Record<TransitionPrecondition, boolean> = {
    EXIT_REASON: Boolean(facts.exitReason),
    SOLUTION_KIND: Boolean(facts.solutionKind),
    FIRST_CONVERSATION: Boolean(facts.firstConversationAt),
    SIGNAL_END_RESULT: facts.signalWithoutEndResult !== true,
  };
  return (transition.requires ?? []).filter((precondition) => !holds[precondition]);
}

/** The status names in Dutch (B1), as case workers use them. */
export const CASE_STATUS_LABELS_NL: Readonly<Record<CaseStatus, string>> = Object.freeze({
  PRE_SIGNAL: 'Voor het signaal',
  SIGNALLED: 'Gesignaleerd',
  REFERRED: 'Verwezen',
  IN_CONTACT: 'In contact',
  INTAKE: 'Intake',
  ADMITTED: 'Toegelaten',
  NOT_ADMITTED: 'Niet toegelaten',
  STABILISATION: 'Stabilisatie',
  SOLUTION: 'Oplossing',
  AFTERCARE: 'Nazorg',
  CLOSED: 'Afgesloten',
});

const lowerLabel = (status: CaseStatus): string => {
  const label = CASE_STATUS_LABELS_NL[status];
  return label.charAt(0).toLowerCase() + label.slice(1);
};

/** "Van 'Intake' kan het dossier alleen naar: toegelaten, niet toegelaten." */
export function invalidTransitionMessage(from: CaseStatus): string {
  const next = allowedNextStatuses(from);
  return next.length === 0
    ? `Van '${CASE_STATUS_LABELS_NL[from]}' kan het dossier nergens meer heen.`
    : `Van '${CASE_STATUS_LABELS_NL[from]}' kan het dossier alleen naar: ${next.map(lowerLabel).join(', ')}.`;
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

/** The lifecycle as a housing corporation may see it (docs/product.md §3). */
export function coarseStatusOf(status: CaseStatus): CoarseCaseStatus {
  return COARSE_BY_STATUS[status];
}
