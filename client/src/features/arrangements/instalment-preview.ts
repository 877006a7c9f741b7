import {
  instalmentPlanProblems,
  isCalendarDate,
  planInstalments,
  type InstalmentPlanInput,
} from '@vangnet/shared';

/**
 * What a new payment arrangement will look like, shown while the case worker fills in the form: the
 * regular instalment, the last one (which absorbs the rounding, so the sum is the total exactly) and
 * the first and last due dates, from `planInstalments` of `@vangnet/shared`: the very arithmetic the
 * server generates the instalments with.
 */
export interface InstalmentPreview {
  readonly regularCents: number;
  readonly lastCents: number;
  readonly firstDueOn: string;
  readonly lastDueOn: string;
}

/** Null while the plan is incomplete or impossible (the form then says why, field by field). */
export function previewInstalments(input: InstalmentPlanInput): InstalmentPreview | null {
  if (!isCalendarDate(input.startDate) || Object.keys(instalmentPlanProblems(input)).length > 0) return null;
  const planned = planInstalments(input);
  const first = planned[0];
  const last = planned[planned.length - 1];
  if (!first || !last) return null;
  return {
    regularCents: first.amountCents,
    lastCents: last.amountCents,
    firstDueOn: first.dueOn,
    lastDueOn: last.dueOn,
  };
}
