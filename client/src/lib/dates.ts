const amsterdamDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today in the Netherlands as `YYYY-MM-DD` (the default of every date field, and "today" of every
 * countdown). The same rule as `todayInAmsterdam` of `@vangnet/shared`, without loading its holiday
 * calendar into the first page.
 */
export function todayIso(now: Date = new Date()): string {
  const parts = Object.fromEntries(amsterdamDate.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
