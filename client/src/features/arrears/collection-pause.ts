import { COLLECTION_STEP_KINDS, type CollectionStepKind } from '@vangnet/shared';

/**
 * The collection pause (adempauze, docs/product.md §2): while one is in force — from its first to its last day —
 * the corporation adds nothing beyond DEMAND (aanmaning). The server enforces this; the client uses the
 * same reading to say beforehand which steps the pause blocks.
 */
export const STEPS_BLOCKED_BY_PAUSE: readonly CollectionStepKind[] = COLLECTION_STEP_KINDS.slice(
  COLLECTION_STEP_KINDS.indexOf('DEMAND') + 1,
);

export interface PausePeriod {
  readonly startsOn: string;
  readonly endsOn: string;
}

/** The pause in force on `today` (YYYY-MM-DD); of several, the one that lasts longest. */
export function activePause<T extends PausePeriod>(pauses: readonly T[], today: string): T | null {
  return pauses
    .filter((pause) => pause.startsOn <= today && today <= pause.endsOn)
    .reduce<T | null>(
      (longest, pause) => (!longest || pause.endsOn > longest.endsOn ? pause : longest),
      null,
    );
}

/** Pauses that start after `today`, soonest first. */
export function upcomingPauses<T extends PausePeriod>(pauses: readonly T[], today: string): T[] {
  return pauses
    .filter((pause) => pause.startsOn > today)
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

export function isBlockedByPause(kind: CollectionStepKind): boolean {
  return STEPS_BLOCKED_BY_PAUSE.includes(kind);
}
