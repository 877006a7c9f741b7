import type { CaseExitReason, CaseStatus, SolutionKind } from '@vangnet/shared';
import type { AuditEntry } from '../../core/audit/audit-writer.js';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import type { RequestContext } from '../../core/request-context.js';

/** The operations that move a case; recorded on the timeline as `via`. */
export type MoveOperation = 'transitionCase' | 'sendSignal' | 'referCase' | 'respondToReferral';

export interface CaseMove {
  readonly caseId: string;
  readonly tenantId: string;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly via: MoveOperation;
  readonly note?: string | null;
  /** When given, the move only happens if the case still has this version (else: nothing changes, null). */
  readonly expectedVersion?: number;
  readonly exitReason?: CaseExitReason | null;
  readonly solutionKind?: SolutionKind | null;
}

export interface CaseMoved {
  readonly transitionId: string;
  readonly version: number;
}

/**
 * The one way a case changes status, inside the caller's transaction (the caller has locked the row
 * with `tx.lockFor` and checked the move against the lifecycle in @vangnet/shared): a conditional UPDATE on the status
 * (and version) that bumps the version, the timeline row (`case_transition`) and the audit row.
 * Side effects of the target status are part of the same UPDATE: → INTAKE records the help request
 * (once), → SOLUTION the solution kind, → CLOSED the exit reason and the closing moment.
 *
 * Returns null when the row is no longer as expected (another write came first); nothing is changed then.
 */
export function moveLockedCase(
  tx: ScopedTransaction,
  locked: LockedCase,
  context: RequestContext,
  move: Omit<CaseMove, 'caseId' | 'tenantId'>,
): Promise<CaseMoved | null> {
  return applyMove(
    {
      run: <Row>(sql: string, parameters: unknown[]) => tx.write<Row>(locked, sql, parameters),
      audit: (entry) => tx.audit(entry),
    },
    context,
    { ...move, caseId: locked.id, tenantId: locked.tenantId },
  );
}

/** Where a move runs its statements: the gateway under the case's lock (a test: its own transaction). */
export interface MoveRunner {
  run<Row>(sql: string, parameters: unknown[]): Promise<Row[]>;
  audit(entry: AuditEntry): Promise<void>;
}

export async function applyMove(
  runner: MoveRunner,
  context: RequestContext,
  move: CaseMove,
): Promise<CaseMoved | null> {
  const [updated] = await runner.run<{ version: number }>(
    // As a CTE so the driver hands back the returned rows (a bare UPDATE answers [rows, count]).
    `WITH moved AS (
      UPDATE case_file
        SET status = $3::case_status,
            version = version + 1,
            updated_at = now(),
            closed_at = CASE WHEN $3::case_status = 'CLOSED' THEN $7::timestamptz ELSE NULL END,
            exit_reason = CASE WHEN $3::case_status = 'CLOSED' THEN $5::case_exit_reason ELSE exit_reason END,
            solution_kind = CASE WHEN $3::case_status = 'SOLUTION' THEN $6::solution_kind ELSE solution_kind END,
            help_requested_at = CASE WHEN $3::case_status = 'INTAKE' THEN coalesce(help_requested_at, $7::timestamptz) ELSE help_requested_at END
      WHERE id = $1 AND status = $2::case_status AND ($4::integer IS NULL OR version = $4::integer)
      RETURNING version
    ) SELECT version FROM moved`,
    [
      move.caseId,
      move.from,
      move.to,
      move.expectedVersion ?? null,
      move.exitReason ?? null,
      move.solutionKind ?? null,
      // The closing moment and the help request start clocks (retention, the first conversation).
      context.clock.now(),
    ],
  );
  if (!updated) return null;
  const [transition] = await runner.run<{ id: string }>(
    `INSERT INTO case_transition (case_id, from_status, to_status, by_user_id, by_org_id, via, note)
     VALUES ($1, $2::case_status, $3::case_status, $4, $5, $6, $7)
     RETURNING id`,
    [
      move.caseId,
      move.from,
      move.to,
      context.actor?.userId ?? null,
      context.actor?.membership?.organizationId ?? null,
      move.via,
      move.note ?? null,
    ],
  );
  const transitionId = transition!.id;
  await runner.audit({
    action: 'UPDATE',
    entityType: 'case',
    entityId: move.caseId,
    caseId: move.caseId,
    tenantId: move.tenantId,
    details: {
      fromStatus: move.from,
      toStatus: move.to,
      via: move.via,
      transitionId,
      version: updated.version,
      ...(move.exitReason && move.to === 'CLOSED' ? { exitReason: move.exitReason } : {}),
      ...(move.solutionKind && move.to === 'SOLUTION' ? { solutionKind: move.solutionKind } : {}),
    },
  });
  return { transitionId, version: updated.version };
}
