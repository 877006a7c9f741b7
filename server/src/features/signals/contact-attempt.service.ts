import {
  BASIS_ORIGIN,
  compareCalendarDates,
  LEGAL_BASIS_SIGNAL,
  recordContactAttemptInputSchema,
  todayInAmsterdam,
} from '@vangnet/shared';
import { recordRowsRead, type CaseRef } from '../../core/authz/section-access.js';
import { refuseClosed } from '../../core/db/gateway.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { ContactAttemptType, RecordContactAttemptInput } from './contact-attempt.types.js';

interface ContactAttemptRow {
  id: string;
  case_id: string;
  signal_id: string | null;
  channel: ContactAttemptType['channel'];
  attempted_on: string;
  day_part: ContactAttemptType['dayPart'];
  reached: boolean;
  note: string | null;
  origin_org_id: string;
  recorded_by_id: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

const SELECT = `x.id, x.case_id, x.signal_id, x.channel, to_char(x.attempted_on, 'YYYY-MM-DD') AS attempted_on, x.day_part,
  x.reached, x.note, x.origin_org_id, x.recorded_by_id, u.display_name AS recorded_by_name, x.recorded_at`;

/** A visible case whose signal work is not the actor's (as the municipality side's writes are refused). */
export const WORK_SIGNAL_REFUSAL =
  'Dit doet de gemeente die het vroegsignaal of de verwijzing heeft ontvangen.';

/**
 * DDAS contact attempts (Contactpoging): the municipality's attempts to reach the tenant after a signal
 * or a referral. They are the municipality's own data (origin); who else may read them is decided by
 * the access rule for CONTACT.
 */
export class ContactAttemptService {
  async recordContactAttempt(
    context: RequestContext,
    input: RecordContactAttemptInput,
  ): Promise<ContactAttemptType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const attempt = parseInput(context, recordContactAttemptInputSchema(today), input);
    const { attemptedOn, note } = attempt;

    const row = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'workSignal', subject: 'Case' }, attempt.caseId, {
        attempted: 'recordContactAttempt',
        forbiddenWhenVisible: WORK_SIGNAL_REFUSAL,
      });
      refuseClosed(locked, 'Dit dossier is afgesloten; er komen geen contactpogingen meer bij.');
      // The attempt follows up the signal this municipality received about the case, if there is one
      // (a case referred before any signal has none).
      const [signal] = await tx.readLocked<{ id: string; signal_date: string }>(
        locked,
        `SELECT id, to_char(signal_date, 'YYYY-MM-DD') AS signal_date FROM signal
          WHERE case_id = $1 AND recipient_org_id = $2 ORDER BY signal_date DESC, created_at DESC LIMIT 1`,
        [locked.id, actor.organizationId],
      );
      if (signal && compareCalendarDates(attemptedOn, signal.signal_date) < 0) {
        throw inputRefused(
          [
            {
              field: 'attemptedOn',
              code: 'DATE_BEFORE_OTHER',
              params: { min: signal.signal_date, other: 'signalDate' },
            },
          ],
          localeOf(context),
        );
      }
      const [inserted] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO contact_attempt (case_id, signal_id, channel, attempted_on, day_part, reached, note, origin_org_id, recorded_by_id)
         VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9) RETURNING id`,
        [
          locked.id,
          signal?.id ?? null,
          attempt.channel,
          attemptedOn,
          attempt.dayPart,
          attempt.reached,
          note,
          actor.organizationId,
          actor.userId,
        ],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'contact-attempt',
        entityId: inserted!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['CONTACT'],
        basis: signal ? LEGAL_BASIS_SIGNAL : BASIS_ORIGIN,
        details: { channel: attempt.channel, reached: attempt.reached, signalId: signal?.id ?? null },
      });
      // Read back under the write's lock: the actor's own new row, audited as the write.
      const [written] = await tx.readLocked<ContactAttemptRow>(
        locked,
        `SELECT ${SELECT} FROM contact_attempt x LEFT JOIN app_user u ON u.id = x.recorded_by_id
          WHERE x.id = $1 AND x.case_id = $2`,
        [inserted!.id, locked.id],
      );
      return written!;
    });
    return toContactAttempt(row, actor.organizationId);
  }

  /** The contact attempts of a case that the actor may read (row by row, under the CONTACT rule), oldest first. */
  async contactAttempts(context: RequestContext, ref: CaseRef): Promise<ContactAttemptType[]> {
    const membership = requireMembership(context);
    const rows = await context.loaders
      .get('case-contact-attempts', async (caseIds) => {
        const found = await context.db.read<ContactAttemptRow>(
          (bag) => `SELECT ${SELECT}
             FROM contact_attempt x
             JOIN case_file c ON c.id = x.case_id
             LEFT JOIN app_user u ON u.id = x.recorded_by_id
            WHERE x.case_id IN (:...caseIds) AND ${context.access.readableRow('CONTACT', 'c', 'x.origin_org_id', bag)}
            ORDER BY x.attempted_on, x.recorded_at, x.id`,
          { caseIds: [...caseIds] },
        );
        return caseIds.map((id) => found.filter((row) => row.case_id === id));
      })
      .load(ref.id);
    await recordRowsRead(
      context,
      ref,
      'CONTACT',
      'contact-attempt',
      rows.map((row) => row.origin_org_id),
    );
    return rows.map((row) => toContactAttempt(row, membership.organizationId));
  }
}

function toContactAttempt(row: ContactAttemptRow, viewerOrgId: string): ContactAttemptType {
  return {
    id: row.id,
    channel: row.channel,
    attemptedOn: row.attempted_on,
    dayPart: row.day_part,
    reached: row.reached,
    note: row.note,
    followsSignal: row.signal_id !== null,
    recordedBy:
      row.origin_org_id === viewerOrgId && row.recorded_by_name
        ? { id: row.recorded_by_id, displayName: row.recorded_by_name }
        : null,
    recordedAt: row.recorded_at,
  };
}
