import { randomUUID } from 'node:crypto';
import { MISSED_GRACE_DAYS, addCalendarDays, todayInAmsterdam } from '@vangnet/shared';
import { pino, type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import type { JobDefinition } from '../../core/jobs/scheduler.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
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
 */
export async function detectMissedInstalments(
  dataSource: DataSource,
  now: Date,
  options: { readonly logger?: Logger; readonly caseEvents?: CaseEventBus } = {},
): Promise<{ missed: number; broken: number }> {
  const logger = options.logger ?? pino({ enabled: false });
  const context = createSystemContext(logger, `system-missed-instalments-${randomUUID()}`);
  // Missed when today is after due date + grace, i.e. the due date lies before today − grace.
  const dueBefore = addCalendarDays(todayInAmsterdam(now), -MISSED_GRACE_DAYS);
  const result = await dataSource.transaction(async (manager) => {
    const arrangements = await manager.query<
      { id: string; case_id: string; tenant_id: string; missed_tolerance: number }[]
    >(
      `SELECT a.id, a.case_id, c.tenant_id, a.missed_tolerance
         FROM payment_arrangement a JOIN case_file c ON c.id = a.case_id
        WHERE a.status = 'ACTIVE'
          AND EXISTS (SELECT 1 FROM instalment i WHERE i.arrangement_id = a.id AND i.status = 'DUE' AND i.due_on < $1::date)
        ORDER BY a.id
        FOR UPDATE OF c, a SKIP LOCKED`,
      [dueBefore],
    );
    let missed = 0;
    let broken = 0;
    const changes: { caseId: string; version: number }[] = [];
    for (const arrangement of arrangements) {
      const marked = await manager.query<{ id: string; sequence: number }[]>(
        `WITH u AS (
           UPDATE instalment SET status = 'MISSED', version = version + 1
            WHERE arrangement_id = $1 AND status = 'DUE' AND due_on < $2::date
           RETURNING id, sequence)
         SELECT id, sequence FROM u ORDER BY sequence`,
        [arrangement.id, dueBefore],
      );
      if (marked.length === 0) continue;
      missed += marked.length;
      for (const instalment of marked) {
        await writeAuditEvent(manager, context, {
          action: 'UPDATE',
          entityType: 'instalment',
          entityId: instalment.id,
          caseId: arrangement.case_id,
          tenantId: arrangement.tenant_id,
          categories: ['ARRANGEMENT'],
          details: { arrangementId: arrangement.id, sequence: instalment.sequence, status: 'MISSED' },
        });
      }
      const [count] = await manager.query<{ missed: number }[]>(
        `SELECT count(*)::int AS missed FROM instalment WHERE arrangement_id = $1 AND status = 'MISSED'`,
        [arrangement.id],
      );
      const breaks = (count?.missed ?? 0) >= arrangement.missed_tolerance;
      const [updated] = await manager.query<{ version: number }[]>(
        `WITH u AS (
           UPDATE payment_arrangement
              SET status = CASE WHEN $2::boolean THEN 'BROKEN'::arrangement_status ELSE status END,
                  version = version + 1, updated_at = now()
            WHERE id = $1 RETURNING version)
         SELECT version FROM u`,
        [arrangement.id, breaks],
      );
      if (breaks) {
        broken += 1;
        await writeAuditEvent(manager, context, {
          action: 'UPDATE',
          entityType: 'payment-arrangement',
          entityId: arrangement.id,
          caseId: arrangement.case_id,
          tenantId: arrangement.tenant_id,
          categories: ['ARRANGEMENT'],
          details: { status: 'BROKEN', missed: count?.missed ?? 0, tolerance: arrangement.missed_tolerance },
        });
      }
      changes.push({ caseId: arrangement.case_id, version: updated!.version });
    }
    return { missed, broken, changes };
  });
  if (result.missed > 0)
    logger.info({ missed: result.missed, broken: result.broken }, 'marked missed instalments');
  for (const change of result.changes)
    await options.caseEvents?.publish({ ...change, changed: ['ARRANGEMENT'] });
  return { missed: result.missed, broken: result.broken };
}

/** Every hour: instalments unpaid after their grace days become MISSED; arrangements past tolerance BROKEN. */
export const missedInstalmentsJob: JobDefinition = {
  name: 'missed-instalments',
  intervalMs: 60 * 60_000,
  description:
    'Marks instalments unpaid after their grace days as missed and breaks arrangements past tolerance.',
  run: async ({ dataSource, now, logger }) => ({
    ...(await detectMissedInstalments(dataSource, now, { logger })),
  }),
};
