import { describe, expect, it } from 'vitest';

import {
  formatDate,
  formatDateTime,
  formatInstantDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPersonName,
} from './format';

/** Intl puts a no-break space between the euro sign and the amount; on screen it reads as a space. */
const plain = (value: string) => value.replace(/\u00a0|\u202f/g, ' ');

describe('Dutch formatting', () => {
  it.each([
    [123456, '€ 1.234,56'],
    [5, '€ 0,05'],
    [0, '€ 0,00'],
    [100_000_000, '€ 1.000.000,00'],
    [-4250, '€ -42,50'],
  ])('money: %i cents is %s', (cents, expected) => {
    expect(plain(formatMoney(cents))).toBe(expected);
  });

  it('refuses money that is not a whole number of cents', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
  });

  it('writes a calendar date as dd-mm-jjjj without shifting it', () => {
    expect(formatDate('2026-11-26')).toBe('26-11-2026');
    expect(formatDate('2027-01-01')).toBe('01-01-2027');
  });

  it('reads an instant in Amsterdam time, summer and winter', () => {
    // 23:30 UTC on 31 December is already 1 January in Amsterdam (UTC+1).
    expect(formatInstantDate('2026-12-31T23:30:00Z')).toBe('01-01-2027');
    expect(formatDateTime('2026-12-31T23:30:00Z')).toBe('01-01-2027 00:30');
    // Summer time: UTC+2.
    expect(formatDateTime('2026-07-01T12:05:00Z')).toBe('01-07-2026 14:05');
  });

  it('groups numbers with dots and writes percentages', () => {
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(12.5)).toBe('12,5');
    expect(plain(formatPercent(0.42))).toBe('42%');
  });

  it('writes a name with its prefix', () => {
    expect(formatPersonName({ initials: 'J.', prefix: 'van der', surname: 'Berg' })).toBe('J. van der Berg');
    expect(formatPersonName({ initials: 'A.', prefix: null, surname: 'Smit' })).toBe('A. Smit');
  });
});
