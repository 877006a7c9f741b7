import type { PreSignalStepKind } from './enums.js';

/**
 * The pre-signal gate (Besluit gemeentelijke schuldhulpverlening art. 2), written once: the server
 * decides with it whether a signal may be sent; the client shows beforehand what the signal still
 * needs. A written reminder counts only when it offered to pass the contact details on to the
 * municipality; the tenant's objection stops the signal.
 */
export const REQUIRED_PRE_SIGNAL_STEPS = [
  'WRITTEN_REMINDER',
  'PERSONAL_CONTACT_ATTEMPT',
  'DEBT_HELP_POINTER',
] as const satisfies readonly PreSignalStepKind[];
export type RequiredPreSignalStep = (typeof REQUIRED_PRE_SIGNAL_STEPS)[number];

export interface RecordedGateStep {
  readonly kind: PreSignalStepKind;
  readonly offeredContactTransfer?: boolean | null;
}

export interface PreSignalGateReading<T extends RecordedGateStep> {
  /** The recorded objection, if any: then no signal may be sent. */
  readonly objection: T | null;
  /** Per required step, the first recorded step that fulfils it, or null. */
  readonly fulfilledBy: Readonly<Record<RequiredPreSignalStep, T | null>>;
  /** The required steps not (validly) recorded, in the order of the Besluit. */
  readonly missing: readonly RequiredPreSignalStep[];
  /** A written reminder was recorded, but none offered to pass the contact details on. */
  readonly reminderWithoutOffer: boolean;
}

export function readPreSignalGate<T extends RecordedGateStep>(steps: readonly T[]): PreSignalGateReading<T> {
  const counts = (step: T) => step.kind !== 'WRITTEN_REMINDER' || step.offeredContactTransfer === true;
  const first = (kind: PreSignalStepKind) => steps.find((step) => step.kind === kind && counts(step)) ?? null;
  const fulfilledBy = {
    WRITTEN_REMINDER: first('WRITTEN_REMINDER'),
    PERSONAL_CONTACT_ATTEMPT: first('PERSONAL_CONTACT_ATTEMPT'),
    DEBT_HELP_POINTER: first('DEBT_HELP_POINTER'),
  };
  return {
    objection: first('TENANT_OBJECTION'),
    fulfilledBy,
    missing: REQUIRED_PRE_SIGNAL_STEPS.filter((kind) => fulfilledBy[kind] === null),
    reminderWithoutOffer:
      fulfilledBy.WRITTEN_REMINDER === null && steps.some((step) => step.kind === 'WRITTEN_REMINDER'),
  };
}
