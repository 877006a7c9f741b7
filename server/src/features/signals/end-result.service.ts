import {
  BASIS_ORIGIN,
  LEGAL_BASIS_SIGNAL,
  recordSignalEndResultInputSchema,
  signalEndResultAsSeenBy,
  type OrganizationKind,
  type SignalEndResult,
} from '@vangnet/shared';
import { BadUserInputError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { CaseRef } from '../../core/authz/section-access.js';
import { WORK_SIGNAL_REFUSAL } from './contact-attempt.service.js';
import type { RecordSignalEndResultInput, SignalSummaryType } from './end-result.types.js';

interface SignalRow {
  id: string;
  case_id: string;
  sender_org_id: string;
  recipient_org_id: string;
  signal_date: string;
  crisis: boolean;
  warm_handover: boolean;
  end_result: SignalEndResult | null;
  end_result_at: Date | null;
}

const SELECT = `s.id, s.case_id, s.sender_org_id, s.recipient_org_id, to_char(s.signal_date, 'YYYY-MM-DD') AS signal_date,
  s.crisis, s.warm_handover, s.end_result, s.end_result_at`;

/**
 * The end result of an early signal (DDAS EnumEindresultaat): recorded by the municipality that
 * received it, known to the corporation that sent it — masked by the one rule in @vangnet/shared.
 */
export class SignalEndResultService {
  async recordSignalEndResult(
    context: RequestContext,
    input: RecordSignalEndResultInput,
  ): Promise<SignalSummaryType> {
    const actor = requireMembership(context);
    const { caseId, endResult } = parseInput(context, recordSignalEndResultInputSchema, input);
    const row = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'workSignal', subject: 'Case' }, caseId, {
        attempted: 'recordSignalEndResult',
        forbiddenWhenVisible: WORK_SIGNAL_REFUSAL,
      });
      const [signal] = await tx.readLocked<SignalRow>(
        locked,
        `SELECT ${SELECT} FROM signal s WHERE s.case_id = $1 AND s.recipient_org_id = $2
          ORDER BY s.signal_date DESC, s.created_at DESC LIMIT 1 FOR UPDATE OF s`,
        [locked.id, actor.organizationId],
      );
      if (!signal) {
        throw new BadUserInputError('Jouw gemeente heeft over dit dossier geen vroegsignaal ontvangen.', {
          caseId: 'Dit dossier heeft geen vroegsignaal aan jouw gemeente.',
        });
      }
      const [updated] = await tx.write<SignalRow>(
        locked,
        `WITH updated AS (
           UPDATE signal SET end_result = $2, end_result_at = $4, end_result_by_id = $3
            WHERE id = $1 AND case_id = $5 RETURNING *
         ) SELECT ${SELECT} FROM updated s`,
        [signal.id, endResult, actor.userId, context.clock.now(), locked.id],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'signal',
        entityId: signal.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        basis: LEGAL_BASIS_SIGNAL,
        details: { endResult: endResult, previous: signal.end_result },
      });
      return updated!;
    });
    return toSummary(row, actor.orgKind);
  }

  /**
   * The signal of a case, for the two parties to it (the sender corporation, the recipient
   * municipality) within a case they may see; null for everyone else and for a case without one.
   */
  async signalOf(context: RequestContext, ref: CaseRef): Promise<SignalSummaryType | null> {
    const membership = requireMembership(context);
    const row = await context.loaders
      .get('case-signal', async (caseIds) => {
        // The signal rows are the sender's and the recipient's, not every participant's (the rule).
        const rows = await context.db.read<SignalRow>(
          (bag) => `SELECT ${SELECT}
             FROM signal s JOIN case_file c ON c.id = s.case_id
            WHERE s.case_id IN (:...caseIds) AND ${context.access.readableCases('c', bag)}
              AND ${context.access.readableSignals('s', bag)}
            ORDER BY s.signal_date DESC, s.created_at DESC`,
          { caseIds: [...caseIds] },
        );
        return caseIds.map((id) => rows.find((candidate) => candidate.case_id === id) ?? null);
      })
      .load(ref.id);
    if (!row) return null;
    context.readAudit.record({
      action: 'READ',
      entityType: 'signal',
      entityId: row.id,
      caseId: ref.id,
      tenantId: ref.tenantId,
      basis: row.sender_org_id === membership.organizationId ? BASIS_ORIGIN : LEGAL_BASIS_SIGNAL,
    });
    return toSummary(row, membership.orgKind);
  }
}

function toSummary(row: SignalRow, viewerKind: OrganizationKind): SignalSummaryType {
  return {
    signalDate: row.signal_date,
    crisis: row.crisis,
    warmHandover: row.warm_handover,
    endResult: signalEndResultAsSeenBy(viewerKind, row.end_result),
    endResultAt: row.end_result_at,
  };
}
