import { formatEuroCents } from '@vangnet/shared';

/**
 * Dates, money and numbers the Dutch way: `€ 1.234,56`, `26-11-2026`, `1.234`. Everything on screen
 * goes through these helpers, whatever the UI language, so a figure reads the same for every partner.
 */

const AMSTERDAM = 'Europe/Amsterdam';

/** Integer euro cents → `€ 1.234,56` (a narrow no-break space never appears; a no-break space may). */
export function formatMoney(cents: number): string {
  return formatEuroCents(cents, 'nl');
}

const numberFormat = new Intl.NumberFormat('nl-NL');

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const percentFormat = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

/** 0.42 → `42%`. */
export function formatPercent(fraction: number): string {
  return percentFormat.format(fraction);
}

/** A calendar date `YYYY-MM-DD` → `26-11-2026`, without any time-zone shift. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}-${match[2]}-${match[1]}` : date;
}

const dateTimeParts = new Intl.DateTimeFormat('nl-NL', {
  timeZone: AMSTERDAM,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function amsterdamParts(iso: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of dateTimeParts.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return parts;
}

/** An instant (ISO 8601) → its date in Amsterdam, `26-11-2026`. */
export function formatInstantDate(iso: string): string {
  const { day, month, year } = amsterdamParts(iso);
  return `${day}-${month}-${year}`;
}

/** An instant (ISO 8601) → `26-11-2026 14:05`, Amsterdam time. */
export function formatDateTime(iso: string): string {
  const { day, month, year, hour, minute } = amsterdamParts(iso);
  return `${day}-${month}-${year} ${hour}:${minute}`;
}

/** `Woonstichting De Linde` style names need nothing; a person's name from initials, prefix and surname. */
export function formatPersonName(parts: {
  initials: string;
  prefix?: string | null;
  surname: string;
}): string {
  return [parts.initials, parts.prefix, parts.surname].filter(Boolean).join(' ');
}
