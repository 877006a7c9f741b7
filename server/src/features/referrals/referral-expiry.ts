import { randomUUID } from 'node:crypto';
import { todayInAmsterdam } from '@vangnet/shared';
import { pino, type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { writeAuditEvent } from '../../core/audit/audit-writer.js';
import { createSystemContext } from '../../core/system-context.js';
import { leaveUnlessStillInvolved } from './referral-participation.js';

/**
 * Expires the referrals nobody answered in time: PENDING with a respond-by date before today (the date
 * in Europe/Amsterdam of `now`) become EXPIRED, answered at `now` by the system (audit events without
 * an actor), and their recipients leave the case unless still involved otherwise. Idempotent: a second
 * run finds nothing pending to expire. Referrals locked by a concurrent answer are left to the next run.
 */
export async function expireReferrals(
  dataSource: DataSource,
  now: Date,
  logger: Logger = pino({ enabled: false }),
): Promise<{ expired: number }> {
  const context = createSystemContext(logger, `system-expire-referrals-${randomUUID()}`);
  const today = todayInAmsterdam(now);
  return dataSource.transaction(async (manager) => {
    const due = await manager.query<
      { id: string; case_id: string; tenant_id: string; to_org_id: string; respond_by: string }[]
    >(
      `SELECT r.id, r.case_id, c.tenant_id, r.to_org_id, to_char(r.respond_by, 'YYYY-MM-DD') AS respond_by
         FROM referral r JOIN case_file c ON c.id = r.case_id
        WHERE r.status = 'PENDING' AND r.respond_by < $1::date
        ORDER BY r.respond_by, r.id
        FOR UPDATE OF r SKIP LOCKED`,
      [today],
    );
    for (const referral of due) {
      await manager.query(
        `UPDATE referral SET status = 'EXPIRED', responded_at = $2, updated_at = now(), version = version + 1
          WHERE id = $1 AND status = 'PENDING'`,
        [referral.id, now],
      );
      const left = await leaveUnlessStillInvolved(manager, referral.case_id, referral.to_org_id);
      await writeAuditEvent(manager, context, {
        action: 'UPDATE',
        entityType: 'referral',
        entityId: referral.id,
        caseId: referral.case_id,
        tenantId: referral.tenant_id,
        details: { status: 'EXPIRED', respondBy: referral.respond_by, recipientLeft: left },
      });
    }
    if (due.length > 0) logger.info({ expired: due.length }, 'expired unanswered referrals');
    return { expired: due.length };
  });
}
