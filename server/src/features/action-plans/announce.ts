import type { CaseChange, CaseEventBus } from '../../core/realtime/case-events.js';
import type { RequestContext } from '../../core/request-context.js';

/**
 * Announces a committed change to live subscribers (caseChanged) and hands on the write's answer. The
 * change is already committed, so a failing announcement is logged, not reported as a failed write.
 */
export async function announce<T>(
  caseEvents: CaseEventBus,
  context: RequestContext,
  outcome: { readonly value: T; readonly change: CaseChange | null },
): Promise<T> {
  if (outcome.change) {
    try {
      await caseEvents.publish(outcome.change);
    } catch (error) {
      context.logger.warn({ err: error, caseId: outcome.change.caseId }, 'case change not announced');
    }
  }
  return outcome.value;
}
