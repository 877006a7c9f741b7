import {
  BASIS_ORIGIN,
  recordPreSignalStepInputSchema,
  readPreSignalGate,
  type PreSignalStepKind,
  type RecordedGateStep,
  type RequiredPreSignalStep,
  todayInAmsterdam,
} from '@vangnet/shared';
import { recordRowsRead, type CaseRef } from '../../core/authz/section-access.js';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError } from '../../core/errors.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { lockForCorporationWrite } from '../arrears/index.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import type { PreSignalStepType, RecordPreSignalStepInput } from './pre-signal.types.js';

const MISSING_TEXT: Readonly<Record<RequiredPreSignalStep, string>> = {
  WRITTEN_REMINDER: 'een schriftelijke herinnering met het aanbod om gegevens door te geven',
  PERSONAL_CONTACT_ATTEMPT: 'een poging tot persoonlijk contact',
  DEBT_HELP_POINTER: 'een verwijzing naar schuldhulp',
};

export const OBJECTION_MESSAGE =
  'De huurder heeft bezwaar gemaakt tegen het doorgeven van gegevens; een signaal is niet toegestaan.';

export type GateStep = RecordedGateStep;

export interface GateVerdict {
  readonly objection: boolean;
  /** The required steps not (validly) recorded, in the order of the Besluit. */
  readonly missing: readonly RequiredPreSignalStep[];
  /** A written reminder was recorded, but none offered to pass on contact details. */
  readonly reminderWithoutOffer: boolean;
}

/** The pre-signal gate (the shared reading) as the decision the signal needs. */
export function judgePreSignalGate(steps: readonly GateStep[]): GateVerdict {
  const reading = readPreSignalGate(steps);
  return {
    objection: reading.objection !== null,
    missing: reading.missing,
    reminderWithoutOffer: reading.reminderWithoutOffer,
  };
}

/** Refuses a signal the gate does not allow: the objection outright, otherwise naming every missing step. */
export function assertGateOpen(verdict: GateVerdict): void {
  if (verdict.objection) throw new BadUserInputError(OBJECTION_MESSAGE, { caseId: OBJECTION_MESSAGE });
  if (verdict.missing.length === 0) return;
  const items = verdict.missing.map((kind) =>
    kind === 'WRITTEN_REMINDER' && verdict.reminderWithoutOffer
      ? `${MISSING_TEXT[kind]} (de vastgelegde herinnering bood dat niet aan)`
      : MISSING_TEXT[kind],
  );
  const fieldErrors: Record<string, string> = {};
  for (const [index, kind] of verdict.missing.entries())
    fieldErrors[kind] = `Nog niet vastgelegd: ${items[index]}.`;
  throw new BadUserInputError(`Nog niet vastgelegd: ${items.join('; ')}.`, fieldErrors);
}

export async function preSignalStepsOf(tx: ScopedTransaction, locked: LockedCase): Promise<GateStep[]> {
  return (
    await tx.readLocked<{ kind: PreSignalStepKind; offered_contact_transfer: boolean | null }>(
      locked,
      `SELECT kind, offered_contact_transfer FROM pre_signal_step WHERE case_id = $1`,
      [locked.id],
    )
  ).map((row) => ({ kind: row.kind, offeredContactTransfer: row.offered_contact_transfer }));
}

interface PreSignalStepRow {
  id: string;
  case_id: string;
  kind: PreSignalStepKind;
  performed_on: string;
  offered_contact_transfer: boolean | null;
  note: string | null;
  origin_org_id: string;
  performed_by_id: string;
  performed_by_name: string;
  recorded_at: Date;
}

export class PreSignalService {
  /**
   * The recorded steps of the pre-signal gate, oldest first. They are part of the corporation's
   * collection process, so they are read under the ARREARS rule, row by row.
   */
  async preSignalSteps(context: RequestContext, ref: CaseRef): Promise<PreSignalStepType[]> {
    const membership = requireMembership(context);
    const rows = await context.loaders
      .get('case-pre-signal-steps', async (caseIds) => {
        const found = await context.db.read<PreSignalStepRow>(
          (bag) => `SELECT x.id, x.case_id, x.kind, to_char(x.performed_on, 'YYYY-MM-DD') AS performed_on,
                  x.offered_contact_transfer, x.note, x.origin_org_id, x.performed_by_id,
                  u.display_name AS performed_by_name, x.recorded_at
             FROM pre_signal_step x
             JOIN case_file c ON c.id = x.case_id
             JOIN app_user u ON u.id = x.performed_by_id
            WHERE x.case_id IN (:...caseIds) AND ${context.access.readableRow('ARREARS', 'c', 'x.origin_org_id', bag)}
            ORDER BY x.performed_on, x.recorded_at, x.id`,
          { caseIds: [...caseIds] },
        );
        return caseIds.map((id) => found.filter((row) => row.case_id === id));
      })
      .load(ref.id);
    await recordRowsRead(
      context,
      ref,
      'ARREARS',
      'pre-signal-step',
      rows.map((row) => row.origin_org_id),
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      kind: row.kind,
      performedOn: row.performed_on,
      offeredContactTransfer: row.offered_contact_transfer,
      note: row.note,
      performedBy:
        row.origin_org_id === membership.organizationId
          ? { id: row.performed_by_id, displayName: row.performed_by_name }
          : null,
      recordedAt: row.recorded_at,
    }));
  }

  /**
   * Records one step of the pre-signal gate (or the tenant's objection) on a dossier before its
   * signal: who did it is the acting user, with the date it was done.
   */
  async recordPreSignalStep(
    context: RequestContext,
    input: RecordPreSignalStepInput,
  ): Promise<PreSignalStepType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { kind, performedOn, note, ...step } = parseInput(
      context,
      recordPreSignalStepInputSchema(today),
      input,
    );
    const isReminder = kind === 'WRITTEN_REMINDER';
    const offeredContactTransfer = isReminder ? (step.offeredContactTransfer ?? null) : null;

    return context.db.transaction(async (tx) => {
      const locked = await lockForCorporationWrite(tx, input.caseId, 'recordPreSignalStep');
      if (locked.status !== 'PRE_SIGNAL') {
        const message =
          locked.status === 'CLOSED'
            ? 'Dit dossier is gesloten; er kan niets meer aan worden toegevoegd.'
            : 'Het signaal is al verstuurd; stappen vóór het signaal kunnen niet meer worden vastgelegd.';
        throw new BadUserInputError(message, { caseId: message });
      }
      const [row] = await tx.write<{ id: string; recorded_at: Date; display_name: string }>(
        locked,
        `INSERT INTO pre_signal_step (case_id, kind, performed_on, offered_contact_transfer, note, origin_org_id, performed_by_id)
         VALUES ($1, $2, $3::date, $4, $5, $6, $7)
         RETURNING id, recorded_at, (SELECT display_name FROM app_user WHERE id = $7) AS display_name`,
        [locked.id, kind, performedOn, offeredContactTransfer, note, actor.organizationId, actor.userId],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'pre-signal-step',
        entityId: row!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['ARREARS'],
        basis: BASIS_ORIGIN,
        details: { kind: kind },
      });
      return {
        id: row!.id,
        caseId: locked.id,
        kind: kind,
        performedOn,
        offeredContactTransfer,
        note,
        performedBy: { id: actor.userId, displayName: row!.display_name },
        recordedAt: row!.recorded_at,
      };
    });
  }
}
