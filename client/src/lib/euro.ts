/**
 * Euro amounts as a Dutch case worker types them: read by the shared `parseEuros` (the same reading as
 * the server's CSV import), shown back for editing by `centsToEuroInput`.
 */

export { MAX_EURO_CENTS, parseEuros, type EuroParseProblem, type EuroParseResult } from '@vangnet/shared';

/** Cents → what the amount field shows to edit: `1.234,56` (no euro sign, always two decimals). */
export function centsToEuroInput(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${rest}`;
}
