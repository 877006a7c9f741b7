/**
 * Calendar dates of the Netherlands: a `CalendarDate` is a `YYYY-MM-DD` string read as a date in the
 * Netherlands, never an instant. A timestamp (a `Date`) is first converted to its date in
 * Europe/Amsterdam, so 23:30 on 1 April in Amsterdam (21:30 UTC) is 1 April, and 00:30 on 2 April
 * (22:30 UTC on 1 April) is 2 April. Arithmetic is done on whole days, so summer time never shifts a day.
 * No holiday calendar here (see working-days.ts): what only needs dates stays light for the client.
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
export function dayNumber(date: CalendarDate): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (fromDayNumber(day) !== date) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return day;
}

export function fromDayNumber(day: number): CalendarDate {
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

/** The date in the Netherlands at a moment: pass the clock's now, never the machine's (time is an input). */
export function todayInAmsterdam(now: Date): CalendarDate {
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

/** The date n calendar days later (earlier when n is negative). */
export function addCalendarDays(date: CalendarDate | Date, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromDayNumber(dayNumber(toCalendarDate(date)) + days);
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
