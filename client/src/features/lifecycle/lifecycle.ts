import {
  CASE_TRANSITIONS,
  mayFireTransition,
  unmetPreconditions,
  type CaseStatus,
  type CaseTransition,
  type TransitionPrecondition,
} from '@vangnet/shared';

import type { Actor } from '../../lib/ability';

export interface TransitionOption {
  readonly transition: CaseTransition;
  /** Preconditions the case itself does not meet yet (input preconditions are asked in the form). */
  readonly blockedBy: readonly TransitionPrecondition[];
}

/**
 * The moves the acting membership may make from the current status, straight from the shared
 * lifecycle table: not the ones that only happen through their own operation (sendSignal, referCase),
 * only those its organisation kind and role may fire, and only when the access rules let it move this
 * case at all (`mayTransition`, from `me { abilityRules }`).
 */
export function transitionOptions(
  status: CaseStatus | null | undefined,
  actor: Pick<Actor, 'orgKind' | 'role'>,
  mayTransition: boolean,
  facts: { firstConversationAt?: string | null; signalWithoutEndResult?: boolean },
): TransitionOption[] {
  if (!status || !mayTransition) return [];
  return CASE_TRANSITIONS.filter(
    (transition) => transition.from === status && !transition.via && mayFireTransition(transition, actor),
  ).map((transition) => ({
    transition,
    blockedBy: unmetPreconditions(transition, {
      // Asked in the form itself, so never blocking here.
      exitReason: 'OTHER',
      solutionKind: 'PAYMENT_PLAN',
      firstConversationAt: facts.firstConversationAt ?? null,
      signalWithoutEndResult: facts.signalWithoutEndResult ?? false,
    }),
  }));
}
