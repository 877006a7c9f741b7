/**
 * Calendar dates (`YYYY-MM-DD`, read as a date in the Netherlands) for the corporation side: arrears,
 * the collection ladder, pauses, the pre-signal gate and the signal date. "Today" is the date in
 * Europe/Amsterdam of the request's moment, so 00:30 on 2 April in Amsterdam is 2 April.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const amsterdam = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function todayInAmsterdam(now: Date = new Date()): CalendarDate {
  return amsterdam.format(now);
}

/** True for a real calendar date written as YYYY-MM-DD (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS);
}

/**
 * The rent months that fell due from `aroseOn` up to and including `today`: a tenant whose arrears
 * arose on 1 January is one month behind on 20 January and three months on 15 March.
 */
export function monthsSince(aroseOn: CalendarDate, today: CalendarDate): number {
  const [ay, am, ad] = aroseOn.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - ay) * 12 + (tm - am) + (td >= ad ? 1 : 0));
}

/** 2027-05-12 → 12-05-2027, as Dutch letters and screens write a date. */
export function dutchDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-');
  return `${day}-${month}-${year}`;
}
