import { refuseClosed, type LockedCase, type ScopedTransaction } from '../../core/db/gateway.js';

/**
 * The writes of the referring corporation (arrears, the collection ladder, pauses, the pre-signal
 * gate, the signal) lock the case under the rule's manageArrears.
 */
const MANAGE_ARREARS = { action: 'manageArrears', subject: 'Case' } as const;

/** Refusal of a visible case whose corporation write is not the actor's (e.g. the municipality's). */
export const NOT_THE_CORPORATIONS_WRITE =
  'Dit kan alleen de woningcorporatie die het dossier heeft aangemaakt, en alleen wie het dossier behandelt.';

/**
 * Nothing is added to a closed dossier: the gateway's refusal in the wording the corporation's writes
 * (and the payment arrangement) have always used.
 */
export function refuseClosedForCorporation(locked: Pick<LockedCase, 'status'>): void {
  refuseClosed(
    locked,
    'Dit dossier is gesloten; er kan niets meer aan worden toegevoegd.',
    'Het dossier is gesloten.',
  );
}

/** Locks the case for a write of the referring corporation, refused as that write always was. */
export function lockForCorporationWrite(
  tx: ScopedTransaction,
  caseId: string,
  attempted: string,
): Promise<LockedCase> {
  return tx.lockFor(MANAGE_ARREARS, caseId, { attempted, forbiddenWhenVisible: NOT_THE_CORPORATIONS_WRITE });
}
