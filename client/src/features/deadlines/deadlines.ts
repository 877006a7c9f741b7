/** The fields ordering and the countdown need; the generated Deadline type fits. */
export interface DeadlineLike {
  readonly state: 'OVERDUE' | 'DUE_SOON' | 'UPCOMING';
  readonly dueOn: string;
  readonly workingDaysLeft: number;
  readonly caseReference: string;
}

const STATE_RANK: Record<DeadlineLike['state'], number> = { OVERDUE: 0, DUE_SOON: 1, UPCOMING: 2 };

/**
 * The work list order: overdue first (the longest overdue on top), then by due date, then by case
 * reference so equal deadlines keep a stable order. The server sorts the same way; sorting again keeps
 * the list right when the cache merges updates.
 */
export function orderDeadlines<T extends DeadlineLike>(deadlines: readonly T[]): T[] {
  return [...deadlines].sort(
    (a, b) =>
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      a.dueOn.localeCompare(b.dueOn) ||
      a.workingDaysLeft - b.workingDaysLeft ||
      a.caseReference.localeCompare(b.caseReference),
  );
}

export type Countdown =
  | { readonly kind: 'overdue'; readonly count: number }
  | { readonly kind: 'today' }
  | { readonly kind: 'left'; readonly count: number };

/** Working days left → what the countdown says ("3 werkdagen te laat", "vandaag", "nog 2 werkdagen"). */
export function countdown(workingDaysLeft: number, overdue = workingDaysLeft < 0): Countdown {
  if (overdue) return { kind: 'overdue', count: Math.max(1, -workingDaysLeft) };
  if (workingDaysLeft <= 0) return { kind: 'today' };
  return { kind: 'left', count: workingDaysLeft };
}
