import { randomUUID } from 'node:crypto';
import { MISSED_GRACE_DAYS, addCalendarDays, todayInAmsterdam } from '@vangnet/shared';
import { pino, type Logger } from 'pino';
import type { AuditEntry } from '../../core/audit/audit-writer.js';
import type { SystemDatabase, SystemTransaction } from '../../core/db/gateway.js';
import type { JobDefinition } from '../../core/jobs/scheduler.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import type { RequestContext } from '../../core/request-context.js';
import { createSystemContext } from '../../core/system-context.js';

/**
 * Marks the instalments nobody paid in time as MISSED, and breaks the arrangements that reached their
 * tolerance. "In time" is the due date plus MISSED_GRACE_DAYS (5) calendar days, in Europe/Amsterdam:
 * an instalment due on 1 April and still unpaid on 7 April is missed (`isPastGrace` in @vangnet/shared).
 * An ACTIVE arrangement with at least `missed_tolerance` (default 2) instalments MISSED at once becomes
 * BROKEN; a missed instalment paid later (PAID_LATE) no longer counts. Only ACTIVE arrangements are
 * looked at, so a broken or completed one is left as it is.
 *
 * Done by the system (audit events without an actor: one per missed instalment, one per broken
 * arrangement). Idempotent: a second run at the same moment finds nothing DUE past its grace days.
 * Cases locked by a concurrent write are skipped (SKIP LOCKED) and left to the next run.
 *
 * System work: it goes through the SystemDatabase the scheduler hands to the job.
 */
export async function detectMissedInstalments(
  db: SystemDatabase,
  now: Date,
  options: {
    readonly logger?: Logger;
    readonly caseEvents?: CaseEventBus;
    readonly signal?: AbortSignal;
    readonly batchSize?: number;
  } = {},
): Promise<{ missed: number; broken: number; complete: boolean }> {
  const logger = options.logger ?? pino({ enabled: false });
  const context = createSystemContext(logger, `system-missed-instalments-${randomUUID()}`);
  // Missed when today is after due date + grace, i.e. the due date lies before today − grace.
  const dueBefore = addCalendarDays(todayInAmsterdam(now), -MISSED_GRACE_DAYS);
  let missed = 0;
  let broken = 0;
  const changes: { caseId: string; version: number }[] = [];
  const progress = await db.processInBatches<ArrangementDue, BatchOutcome>(
    {
      select: (tx, after, limit) =>
        tx.run<ArrangementDue>(
          `SELECT a.id, a.case_id, c.tenant_id, a.missed_tolerance
             FROM payment_arrangement a JOIN case_file c ON c.id = a.case_id
            WHERE a.status = 'ACTIVE' AND ($2::uuid IS NULL OR a.id > $2::uuid)
              AND EXISTS (SELECT 1 FROM instalment i
                           WHERE i.arrangement_id = a.id AND i.status = 'DUE' AND i.due_on < $1::date)
            ORDER BY a.id
            LIMIT $3
            FOR UPDATE OF c, a SKIP LOCKED`,
          [dueBefore, after, limit],
        ),
      keyOf: (arrangement) => arrangement.id,
      process: (tx, arrangements) => markMissed(tx, context, arrangements, dueBefore),
      committed: (outcome) => {
        missed += outcome.missed;
        broken += outcome.broken;
        changes.push(...outcome.changes);
      },
    },
    // Smaller pages than the default: each arrangement brings several audit events.
    { signal: options.signal, batchSize: options.batchSize ?? 250, logger },
  );
  if (missed > 0 || !progress.complete)
    logger.info({ missed, broken, complete: progress.complete }, 'marked missed instalments');
  for (const change of changes) await options.caseEvents?.publish({ ...change, changed: ['ARRANGEMENT'] });
  return { missed, broken, complete: progress.complete };
}

interface ArrangementDue {
  id: string;
  case_id: string;
  tenant_id: string;
  missed_tolerance: number;
}

interface BatchOutcome {
  missed: number;
  broken: number;
  changes: { caseId: string; version: number }[];
}

/** One batch of locked arrangements, set-based: mark, count, break, audit. */
async function markMissed(
  tx: SystemTransaction,
  context: RequestContext,
  arrangements: readonly ArrangementDue[],
  dueBefore: string,
): Promise<BatchOutcome> {
  const ids = arrangements.map((arrangement) => arrangement.id);
  const marked = await tx.run<{ id: string; arrangement_id: string; sequence: number }>(
    `WITH u AS (
       UPDATE instalment SET status = 'MISSED', version = version + 1
        WHERE arrangement_id = ANY($1::uuid[]) AND status = 'DUE' AND due_on < $2::date
       RETURNING id, arrangement_id, sequence)
     SELECT id, arrangement_id, sequence FROM u ORDER BY arrangement_id, sequence`,
    [ids, dueBefore],
  );
  const markedBy = new Map<string, { id: string; sequence: number }[]>();
  for (const instalment of marked) {
    const list = markedBy.get(instalment.arrangement_id) ?? [];
    list.push(instalment);
    markedBy.set(instalment.arrangement_id, list);
  }
  const touched = arrangements.filter((arrangement) => markedBy.has(arrangement.id));
  if (touched.length === 0) return { missed: 0, broken: 0, changes: [] };
  const counts = await tx.run<{ arrangement_id: string; missed: number }>(
    `SELECT arrangement_id, count(*)::int AS missed FROM instalment
      WHERE arrangement_id = ANY($1::uuid[]) AND status = 'MISSED' GROUP BY arrangement_id`,
    [touched.map((arrangement) => arrangement.id)],
  );
  const missedOf = new Map(counts.map((row) => [row.arrangement_id, row.missed]));
  const breaks = (arrangement: ArrangementDue) =>
    (missedOf.get(arrangement.id) ?? 0) >= arrangement.missed_tolerance;
  const updated = await tx.run<{ id: string; version: number }>(
    `WITH u AS (
       UPDATE payment_arrangement a
          SET status = CASE WHEN x.breaks THEN 'BROKEN'::arrangement_status ELSE a.status END,
              version = a.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::boolean[]) AS x(id, breaks)
        WHERE a.id = x.id
       RETURNING a.id, a.version)
     SELECT id, version FROM u`,
    [touched.map((arrangement) => arrangement.id), touched.map(breaks)],
  );
  const versionOf = new Map(updated.map((row) => [row.id, row.version]));

  const entries: AuditEntry[] = [];
  for (const arrangement of touched) {
    for (const instalment of markedBy.get(arrangement.id) ?? []) {
      entries.push({
        action: 'UPDATE',
        entityType: 'instalment',
        entityId: instalment.id,
        caseId: arrangement.case_id,
        tenantId: arrangement.tenant_id,
        categories: ['ARRANGEMENT'],
        details: { arrangementId: arrangement.id, sequence: instalment.sequence, status: 'MISSED' },
      });
    }
    if (breaks(arrangement)) {
      entries.push({
        action: 'UPDATE',
        entityType: 'payment-arrangement',
        entityId: arrangement.id,
        caseId: arrangement.case_id,
        tenantId: arrangement.tenant_id,
        categories: ['ARRANGEMENT'],
        details: {
          status: 'BROKEN',
          missed: missedOf.get(arrangement.id) ?? 0,
          tolerance: arrangement.missed_tolerance,
        },
      });
    }
  }
  await tx.auditAll(context, entries);
  return {
    missed: marked.length,
    broken: touched.filter(breaks).length,
    changes: touched.map((arrangement) => ({
      caseId: arrangement.case_id,
      version: versionOf.get(arrangement.id)!,
    })),
  };
}

/** Every hour: instalments unpaid after their grace days become MISSED; arrangements past tolerance BROKEN. */
export const missedInstalmentsJob: JobDefinition = {
  name: 'missed-instalments',
  intervalMs: 60 * 60_000,
  description:
    'Marks instalments unpaid after their grace days as missed and breaks arrangements past tolerance.',
  budgetMs: 5 * 60_000,
  run: async ({ database, now, logger, signal }) => ({
    ...(await detectMissedInstalments(database, now, { logger, signal })),
  }),
};
