/**
 * The dashboard's period: whole calendar months, `YYYY-MM`, as the API counts them. It lives in the
 * address (`?van=2025-12&tot=2026-11`) so a period can be bookmarked and shared.
 */

export interface MonthPeriod {
  readonly from: string;
  readonly to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The API accepts at most five years in one request. */
export const MAX_PERIOD_MONTHS = 60;

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

function monthIndex(month: string): number {
  const [year, monthOfYear] = month.split('-').map(Number);
  return (year ?? 0) * 12 + (monthOfYear ?? 1) - 1;
}

function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const monthOfYear = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(monthOfYear).padStart(2, '0')}`;
}

/** The last twelve months, this month included. */
export function defaultPeriod(today: Date): MonthPeriod {
  const current = today.getFullYear() * 12 + today.getMonth();
  return { from: monthFromIndex(current - 11), to: monthFromIndex(current) };
}

export type PeriodProblem = 'fromInvalid' | 'toInvalid' | 'toBeforeFrom' | 'tooLong';

/** What is wrong with a period the user typed, per field; empty when it can be asked for. */
export function periodProblems(period: MonthPeriod): { from?: PeriodProblem; to?: PeriodProblem } {
  if (!isMonth(period.from))
    return { from: 'fromInvalid', ...(isMonth(period.to) ? {} : { to: 'toInvalid' }) };
  if (!isMonth(period.to)) return { to: 'toInvalid' };
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  if (length < 1) return { to: 'toBeforeFrom' };
  if (length > MAX_PERIOD_MONTHS) return { from: 'tooLong' };
  return {};
}

/** The period from the address, or the default when it is absent or wrong. */
export function periodFromSearch(search: URLSearchParams, today: Date): MonthPeriod {
  const period = { from: search.get('van') ?? '', to: search.get('tot') ?? '' };
  return Object.keys(periodProblems(period)).length === 0 ? period : defaultPeriod(today);
}

/** The API takes a day in the first and in the last month. */
export function periodVariables(period: MonthPeriod): { from: string; to: string } {
  return { from: `${period.from}-01`, to: `${period.to}-01` };
}

const monthLabel = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLabelLong = new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthDate(month: string): Date {
  const [year, monthOfYear] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (monthOfYear ?? 1) - 1, 1));
}

/** `2026-01` → `jan 2026` (chart axis), always Dutch like every figure on screen. */
export function formatMonthShort(month: string): string {
  return isMonth(month) ? monthLabel.format(monthDate(month)).replace('.', '') : month;
}

/** `2026-01` → `januari 2026` (tables, text). */
export function formatMonthLong(month: string): string {
  return isMonth(month) ? monthLabelLong.format(monthDate(month)) : month;
}
