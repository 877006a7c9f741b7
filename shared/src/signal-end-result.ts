import { SIGNAL_END_RESULTS, type OrganizationKind, type SignalEndResult } from './enums.js';

/**
 * The end result of an early signal as a viewer may know it (docs/product.md §2): the corporation may learn the
 * end result, except that "not picked up: other reason" is shown to it only as "not picked up", without
 * the reason. The other two "not picked up" results (repeat, unjustified) say nothing about the tenant's
 * circumstances and are shown as they are.
 */
export const SIGNAL_END_RESULTS_AS_SEEN = Object.freeze([...SIGNAL_END_RESULTS, 'NOT_PICKED_UP'] as const);
export type SignalEndResultAsSeen = (typeof SIGNAL_END_RESULTS_AS_SEEN)[number];

/** The one masking rule for signal end results. */
export function signalEndResultAsSeenBy(
  viewerKind: OrganizationKind,
  endResult: SignalEndResult | null,
): SignalEndResultAsSeen | null {
  if (endResult === 'NOT_PICKED_UP_OTHER_REASON' && viewerKind === 'HOUSING_CORPORATION')
    return 'NOT_PICKED_UP';
  return endResult;
}
