import type { ParticipantRole } from '@vangnet/shared';
import type { LockedCase, ScopedTransaction, SystemTransaction } from '../../core/db/gateway.js';

/** A pending referral makes its recipient a participant in the role it is referred as (docs/product.md §2). */
export async function joinAsRecipient(
  tx: ScopedTransaction,
  locked: LockedCase,
  organizationId: string,
  role: ParticipantRole,
): Promise<boolean> {
  const inserted = await tx.write<{ organization_id: string }>(
    locked,
    `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (case_id, organization_id) DO NOTHING RETURNING organization_id`,
    [locked.id, organizationId, role],
  );
  return inserted.length > 0;
}

/**
 * After a referral stops being pending without being accepted (declined, withdrawn, expired), its
 * recipient leaves the case — unless it has another reason to be there: it is the originating
 * corporation, a party to an early signal of the case, or the recipient or sender of another referral
 * on the case that is pending or accepted. Leaving also ends its assignments on the case. Returns
 * whether it left.
 */
export async function leaveUnlessStillInvolved(
  tx: ScopedTransaction,
  locked: LockedCase,
  organizationId: string,
): Promise<boolean> {
  const left = await leave(
    <Row>(sql: string, parameters: readonly unknown[]) => tx.write<Row>(locked, sql, parameters),
    [{ caseId: locked.id, organizationId }],
  );
  return left.length > 0;
}

/**
 * The same for many (case, organisation) pairs at once, in two statements (the referral-expiry job's
 * batches, system work). Returns the pairs that left.
 */
export function leaveUnlessStillInvolvedMany(
  tx: SystemTransaction,
  pairs: readonly { readonly caseId: string; readonly organizationId: string }[],
): Promise<{ caseId: string; organizationId: string }[]> {
  return leave(<Row>(sql: string, parameters: readonly unknown[]) => tx.run<Row>(sql, parameters), pairs);
}

/** Runs a statement: under the request's lock on the case, or as system work. */
type Run = <Row>(sql: string, parameters: readonly unknown[]) => Promise<Row[]>;

async function leave(
  run: Run,
  pairs: readonly { readonly caseId: string; readonly organizationId: string }[],
): Promise<{ caseId: string; organizationId: string }[]> {
  if (pairs.length === 0) return [];
  const removed = await run<{ caseId: string; organizationId: string }>(
    // As a CTE so the driver hands back the returned rows (a bare DELETE answers [rows, count]).
    `WITH removed AS (
     DELETE FROM case_participant p
      USING unnest($1::uuid[], $2::uuid[]) AS x(case_id, organization_id)
      WHERE p.case_id = x.case_id AND p.organization_id = x.organization_id
        AND NOT EXISTS (SELECT 1 FROM case_file c WHERE c.id = p.case_id AND c.origin_org_id = p.organization_id)
        AND NOT EXISTS (SELECT 1 FROM signal s WHERE s.case_id = p.case_id
                          AND (s.recipient_org_id = p.organization_id OR s.sender_org_id = p.organization_id))
        AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.case_id = p.case_id AND r.status IN ('PENDING', 'ACCEPTED')
                          AND (r.to_org_id = p.organization_id OR r.from_org_id = p.organization_id))
      RETURNING p.case_id, p.organization_id
     ) SELECT case_id AS "caseId", organization_id AS "organizationId" FROM removed`,
    [pairs.map((pair) => pair.caseId), pairs.map((pair) => pair.organizationId)],
  );
  if (removed.length === 0) return [];
  await run(
    `DELETE FROM case_assignee a
      USING unnest($1::uuid[], $2::uuid[]) AS x(case_id, organization_id)
      WHERE a.case_id = x.case_id AND a.organization_id = x.organization_id`,
    [removed.map((pair) => pair.caseId), removed.map((pair) => pair.organizationId)],
  );
  return removed;
}
