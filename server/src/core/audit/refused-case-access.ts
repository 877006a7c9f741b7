import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../request-context.js';

/**
 * Records a refused attempt on a case through the request's audit buffer (written when the response is
 * sent, so it survives the rollback of a refused write).
 *
 * When the case exists, the event names it (case_id): the access rules let the privacy officers of the
 * organisations on that case list refused attempts on it (`list AuditTrail` on ACCESS_DENIED with
 * `caseParticipants`). When it does not, the event keeps the id only as entity_id, in the actor's own
 * organisation's trail. Either way the caller is answered the same (NOT_FOUND, or FORBIDDEN when the case
 * is visible to them), so the record reveals nothing to the caller.
 */
export async function recordRefusedCaseAccess(
  runner: EntityManager | DataSource,
  context: RequestContext,
  caseId: string,
  attempted: string,
): Promise<void> {
  const [found] = await runner.query<{ exists: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM case_file WHERE id = $1) AS exists`,
    [caseId],
  );
  context.readAudit.record({
    action: 'ACCESS_DENIED',
    entityType: 'case',
    entityId: caseId,
    ...(found?.exists ? { caseId } : {}),
    details: { attempted },
  });
}
