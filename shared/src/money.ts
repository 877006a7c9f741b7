/** Money is always an integer number of euro cents; these helpers keep it that way. */
export function assertCents(value: number, field = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be a whole number of cents`);
  return value;
}

const euroFormatters = new Map<string, Intl.NumberFormat>();

export function formatEuroCents(cents: number, locale: 'nl' | 'en' = 'nl'): string {
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  let formatter = euroFormatters.get(tag);
  if (!formatter) {
    formatter = new Intl.NumberFormat(tag, { style: 'currency', currency: 'EUR' });
    euroFormatters.set(tag, formatter);
  }
  return formatter.format(assertCents(cents) / 100);
}

/** The largest amount stored (a PostgreSQL integer of cents). */
export const MAX_EURO_CENTS = 2_147_483_647;

export type EuroParseProblem = 'empty' | 'negative' | 'invalid' | 'tooLarge';

export type EuroParseResult =
  { readonly ok: true; readonly cents: number } | { readonly ok: false; readonly problem: EuroParseProblem };

const GROUPED_EUROS = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/;
const PLAIN_EUROS = /^\d+(,\d{1,2})?$/;

/**
 * A Dutch amount in euros as people write it (`1234,56`, `1.234,56`, `€ 1.234,56`, `1234`, `1.234`) →
 * integer cents, exactly: no floating point on the way. A comma is the decimal separator and a dot only
 * ever groups thousands, so `12.34` is refused, never guessed. Each side words the problem itself.
 */
export function parseEuros(raw: string): EuroParseResult {
  const compact = raw.replace(/[\s\u00a0\u202f€]/g, '').replace(/^EUR/i, '');
  if (compact === '') return { ok: false, problem: 'empty' };
  if (compact.startsWith('-') || compact.endsWith('-')) return { ok: false, problem: 'negative' };
  if (!GROUPED_EUROS.test(compact) && !PLAIN_EUROS.test(compact)) return { ok: false, problem: 'invalid' };
  const [euros = '', decimals = ''] = compact.replace(/\./g, '').split(',');
  const cents = Number(euros) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_EURO_CENTS) return { ok: false, problem: 'tooLarge' };
  return { ok: true, cents };
}
