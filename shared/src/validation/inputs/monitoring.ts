import * as z from 'zod/mini';
import type { CalendarDate } from '../../deadlines/calendar-dates.js';
import { caseDateRange, reportFieldIssue, requiredDate } from '../fields.js';

/** The longest period the monitoring figures cover: five years of whole months. */
export const MAX_MONITORING_MONTHS = 60;

/** The last day of the last month a period starting in the month of `from` may cover. */
export function latestMonitoringDay(from: CalendarDate): CalendarDate {
  const [year, month] = from.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + MAX_MONITORING_MONTHS, 0));
  return lastDay.toISOString().slice(0, 10);
}

/** monitoringFigures: a period from one day to another, at most five years of whole months. */
export function monitoringPeriodInputSchema(today: CalendarDate) {
  return z.object({ from: requiredDate(caseDateRange(today)), to: requiredDate(caseDateRange(today)) }).check(
    z.superRefine((period, context) => {
      const latest = latestMonitoringDay(period.from);
      if (period.to < period.from) reportFieldIssue(context, 'to', 'DATE_BEFORE_OTHER', { min: period.from });
      else if (period.to > latest) reportFieldIssue(context, 'to', 'DATE_TOO_LATE', { max: latest });
    }),
  );
}
