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
