import Holidays from 'date-holidays';

/**
 * The Dutch working-day calendar of SPEC §2 ("Deadlines, in Dutch working days: weekends and Dutch
 * public holidays excluded").
 *
 * Everything here works on calendar dates, never on instants: a `CalendarDate` is a `YYYY-MM-DD` string
 * read as a date in the Netherlands. A timestamp (a `Date`) is first converted to its date in
 * Europe/Amsterdam, so 23:30 on 1 April in Amsterdam (21:30 UTC) is 1 April, and 00:30 on 2 April
 * (22:30 UTC on 1 April) is 2 April. Arithmetic is done on whole days, so summer time never shifts a day.
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
export type CalendarDate = string;

/** The time zone in which a timestamp is read as a date. */
export const CALENDAR_TIME_ZONE = 'Europe/Amsterdam';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const amsterdamDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: CALENDAR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Days since 1970-01-01 of a valid calendar date. */
function dayNumber(date: CalendarDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (fromDayNumber(day) !== date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

function fromDayNumber(day: number): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar date of a value: a `YYYY-MM-DD` string is checked and returned as it is; a timestamp
 * becomes its date in Europe/Amsterdam.
 */
export function toCalendarDate(value: CalendarDate | Date): CalendarDate {
  if (typeof value === 'string') {
    dayNumber(value);
    return value;
  }
  if (Number.isNaN(value.getTime())) throw new RangeError('Invalid date');
  const parts = Object.fromEntries(
    amsterdamDateFormat.formatToParts(value).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today's date in the Netherlands. */
export function todayInAmsterdam(now: Date = new Date()): CalendarDate {
  return toCalendarDate(now);
}

/** Negative when a is before b, zero when equal, positive when after. */
export function compareCalendarDates(a: CalendarDate | Date, b: CalendarDate | Date): number {
  return dayNumber(toCalendarDate(a)) - dayNumber(toCalendarDate(b));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate | Date): number {
  return new Date(dayNumber(toCalendarDate(date)) * DAY_MS).getUTCDay();
}

export function isWeekend(date: CalendarDate | Date): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

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

/** The date n calendar days later (earlier when n is negative). */
export function addCalendarDays(date: CalendarDate | Date, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromDayNumber(dayNumber(toCalendarDate(date)) + days);
}

/**
 * The n-th working day after the date (before it when n is negative); the date itself is not counted,
 * so 5 working days after a Thursday is the Thursday a week later when nothing is in between. With
 * n = 0 the date itself is returned, whether or not it is a working day.
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
 * The number of working days from a to b: the working days after a up to and including b, negative
 * when b is before a. So `addWorkingDays(a, workingDaysBetween(a, b)) === b` whenever b is a working
 * day, and `workingDaysBetween(a, b) === -workingDaysBetween(b, a)`.
 */
export function workingDaysBetween(a: CalendarDate | Date, b: CalendarDate | Date): number {
  const from = dayNumber(toCalendarDate(a));
  const to = dayNumber(toCalendarDate(b));
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) if (isWorkingDay(fromDayNumber(day))) count += 1;
  return sign * count;
}

/** True for a real calendar date written as YYYY-MM-DD (no 31 February). */
export function isCalendarDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function calendarDaysBetween(from: CalendarDate | Date, to: CalendarDate | Date): number {
  return dayNumber(toCalendarDate(to)) - dayNumber(toCalendarDate(from));
}

/**
 * The rent months that fell due from `aroseOn` up to and including `today`: a tenant whose arrears
 * arose on 1 January is one month behind on 20 January and three months on 15 March.
 */
export function monthsSince(aroseOn: CalendarDate, today: CalendarDate): number {
  const [ay, am, ad] = toCalendarDate(aroseOn).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toCalendarDate(today).split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - ay) * 12 + (tm - am) + (td >= ad ? 1 : 0));
}

/** 2027-05-12 → 12-05-2027, as Dutch letters and screens write a date. */
export function formatDutchDate(date: CalendarDate | Date): string {
  const [year, month, day] = toCalendarDate(date).split('-');
  return `${day}-${month}-${year}`;
}
