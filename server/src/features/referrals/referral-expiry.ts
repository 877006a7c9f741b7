import { randomUUID } from 'node:crypto';
import { todayInAmsterdam } from '@vangnet/shared';
import { pino, type Logger } from 'pino';
import type { AuditEntry } from '../../core/audit/audit-writer.js';
import type { SystemDatabase } from '../../core/db/gateway.js';
import { createSystemContext } from '../../core/system-context.js';
import { leaveUnlessStillInvolvedMany } from './referral-participation.js';

/**
 * Expires the referrals nobody answered in time: PENDING with a respond-by date before today (the date
 * in Europe/Amsterdam of `now`) become EXPIRED, answered at `now` by the system (audit events without
 * an actor), and their recipients leave the case unless still involved otherwise. Works in batches of
 * referrals (by id), each in one short transaction; stops between batches when `signal` aborts.
 * Idempotent: a second run finds nothing pending to expire. Referrals locked by a concurrent answer are
 * left to the next run.
 */
export async function expireReferrals(
  database: SystemDatabase,
  now: Date,
  logger: Logger = pino({ enabled: false }),
  options: { readonly signal?: AbortSignal; readonly batchSize?: number } = {},
): Promise<{ expired: number; complete: boolean }> {
  const context = createSystemContext(logger, `system-expire-referrals-${randomUUID()}`);
  const today = todayInAmsterdam(now);
  let expired = 0;
  const progress = await database.processInBatches<DueReferral, number>(
    {
      select: (tx, after, limit) =>
        tx.run<DueReferral>(
          `SELECT r.id, r.case_id, c.tenant_id, r.to_org_id, to_char(r.respond_by, 'YYYY-MM-DD') AS respond_by
             FROM referral r JOIN case_file c ON c.id = r.case_id
            WHERE r.status = 'PENDING' AND r.respond_by < $1::date AND ($2::uuid IS NULL OR r.id > $2::uuid)
            ORDER BY r.id
            LIMIT $3
            FOR UPDATE OF r SKIP LOCKED`,
          [today, after, limit],
        ),
      keyOf: (referral) => referral.id,
      process: async (tx, due) => {
        await tx.run(
          `UPDATE referral SET status = 'EXPIRED', responded_at = $2, updated_at = now(), version = version + 1
            WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
          [due.map((referral) => referral.id), now],
        );
        const left = await leaveUnlessStillInvolvedMany(
          tx,
          due.map((referral) => ({ caseId: referral.case_id, organizationId: referral.to_org_id })),
        );
        const leftKeys = new Set(left.map((pair) => `${pair.caseId}|${pair.organizationId}`));
        const entries: AuditEntry[] = due.map((referral) => ({
          action: 'UPDATE',
          entityType: 'referral',
          entityId: referral.id,
          caseId: referral.case_id,
          tenantId: referral.tenant_id,
          details: {
            status: 'EXPIRED',
            respondBy: referral.respond_by,
            recipientLeft: leftKeys.has(`${referral.case_id}|${referral.to_org_id}`),
          },
        }));
        await tx.auditAll(context, entries);
        return due.length;
      },
      committed: (count) => {
        expired += count;
      },
    },
    { signal: options.signal, batchSize: options.batchSize, logger },
  );
  if (expired > 0 || !progress.complete)
    logger.info({ expired, complete: progress.complete }, 'expired unanswered referrals');
  return { expired, complete: progress.complete };
}

interface DueReferral {
  id: string;
  case_id: string;
  tenant_id: string;
  to_org_id: string;
  respond_by: string;
}
