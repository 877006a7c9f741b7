import Holidays from 'date-holidays';
import { dayNumber, fromDayNumber, isWeekend, toCalendarDate, type CalendarDate } from './calendar-dates.js';

/**
 * The Dutch working-day calendar of docs/product.md §2 ("Deadlines, in Dutch working days: weekends and Dutch
 * public holidays excluded").
 *
 * Everything here works on calendar dates (calendar-dates.ts), never on instants.
 *
 * Which days are public holidays comes from the maintained `date-holidays` library (country NL), and
 * only its holidays of type `public`: New Year's Day, Easter Sunday and Monday, King's Day (27 April, or
 * Saturday 26 April when the 27th is a Sunday), Ascension Day, Whit Sunday and Monday, Christmas Day and
 * Boxing Day.
 *
 * Decision on the two doubtful days (the library marks both as type `school`, not `public`):
 * - Good Friday (Goede Vrijdag) is a WORKING day. Housing corporations, municipalities and
 *   debt-counselling organisations are generally open; few collective agreements give the day off.
 * - Liberation Day (5 May) is a WORKING day, every year — also in the "lustrum" years (2025, 2030, …).
 *   Most employers give it off only once in five years, and not all of them even then, so counting it
 *   as a holiday would hand every organisation an extra day it usually does not have.
 * The Algemene termijnenwet (art. 3) does treat both as holidays, for extending statutory terms; a
 * deadline here can therefore end one day earlier than under that law. The clocks here are working
 * agreements and warnings on a work list, not time limits in court, so they follow the days the
 * organisations actually work. The tests pin both decisions down.
 */
const holidays = new Holidays('NL');
const holidaysByYear = new Map<number, ReadonlyMap<CalendarDate, string>>();

/** The Dutch public holidays of a year (type `public` of date-holidays), date → Dutch name. */
export function publicHolidaysOf(year: number): ReadonlyMap<CalendarDate, string> {
  let found = holidaysByYear.get(year);
  if (!found) {
    const map = new Map<CalendarDate, string>();
    for (const holiday of holidays.getHolidays(year)) {
      if (holiday.type === 'public') map.set(holiday.date.slice(0, 10), holiday.name);
    }
    found = map;
    holidaysByYear.set(year, found);
  }
  return found;
}

export function isPublicHoliday(date: CalendarDate | Date): boolean {
  const day = toCalendarDate(date);
  return publicHolidaysOf(Number(day.slice(0, 4))).has(day);
}

/** Monday to Friday, and not a Dutch public holiday. */
export function isWorkingDay(date: CalendarDate | Date): boolean {
  return !isWeekend(date) && !isPublicHoliday(date);
}

/**
 * The n-th working day after the date (before it when n is negative); the date itself is not counted,
 * so 5 working days after a Thursday is the Thursday a week later when nothing is in between, 1 working
 * day after a Saturday is the Monday and 1 working day before it the Friday. With n = 0 the date itself
 * is returned, whether or not it is a working day. `workingDaysBetween` is its exact inverse.
 */
export function addWorkingDays(date: CalendarDate | Date, workingDays: number): CalendarDate {
  if (!Number.isInteger(workingDays))
    throw new RangeError(`Not a whole number of working days: ${workingDays}`);
  const step = workingDays < 0 ? -1 : 1;
  let day = dayNumber(toCalendarDate(date));
  for (let left = Math.abs(workingDays); left > 0;) {
    day += step;
    if (isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDayOnOrAfter(date: CalendarDate | Date): CalendarDate {
  const start = toCalendarDate(date);
  return isWorkingDay(start) ? start : addWorkingDays(start, 1);
}

/**
 * The number of working days from a to b, the exact inverse of `addWorkingDays` for every start day:
 * `workingDaysBetween(a, addWorkingDays(a, n)) === n` for every a and n, and
 * `addWorkingDays(a, workingDaysBetween(a, b)) === b` whenever b is a working day (or a itself).
 *
 * The rule (docs/workflow.md, "Counting working days"), which matters only when a is not a working day:
 * - b on or after a: the working days after a up to and including b. A Saturday counts like the Friday
 *   before it: from Saturday to Monday is 1, as from Friday.
 * - b before a: minus the working days from b (not counted) up to and including the first working day
 *   from a on (a itself when it is a working day). A Saturday counts like the Monday after it: from
 *   Saturday back to Friday is −1 and back to Thursday −2, as from Monday. So a date that has passed is
 *   always at least one working day back, even when only a weekend lies in between.
 * Between two working days this is simply the working days in between, and then
 * `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`.
 */
export function workingDaysBetween(a: CalendarDate | Date, b: CalendarDate | Date): number {
  const from = toCalendarDate(a);
  const to = toCalendarDate(b);
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  if (toDay >= fromDay) return workingDaysAfterUpTo(fromDay, toDay);
  // Counting back from a day off starts at the first working day after it (addWorkingDays counts the
  // working days before a, not a itself, so from a Saturday the Friday is already 1 back).
  const startsFrom = isWorkingDay(from) ? fromDay : dayNumber(addWorkingDays(from, 1));
  return -workingDaysAfterUpTo(toDay, startsFrom);
}

/** The working days after day `low` up to and including day `high` (day numbers, low ≤ high). */
function workingDaysAfterUpTo(low: number, high: number): number {
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) if (isWorkingDay(fromDayNumber(day))) count += 1;
  return count;
}
