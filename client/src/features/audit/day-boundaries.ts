const AMSTERDAM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Minutes Amsterdam is ahead of UTC at an instant (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of AMSTERDAM_PARTS.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  const wallClockAsUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  return Math.round((wallClockAsUtc - instant) / 60_000);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Midnight at the start of a calendar day in Amsterdam, as an ISO instant. The audit log's filter
 * speaks in instants; a privacy officer speaks in Dutch days, wherever the browser's clock is set.
 * `dayOffset` 1 gives the end of the day (the next midnight), for an inclusive "up to and including".
 */
export function amsterdamMidnight(date: string, dayOffset = 0): string | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + dayOffset);
  if (Number.isNaN(utcMidnight)) return null;
  // Clocks change at 02:00 or 03:00, so the offset at UTC midnight is the one of local midnight.
  return new Date(utcMidnight - amsterdamOffsetMinutes(utcMidnight) * 60_000).toISOString();
}
