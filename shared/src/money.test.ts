import { describe, expect, it } from 'vitest';
import { assertCents, formatEuroCents } from './money.js';

describe('money', () => {
  it('formats cents the Dutch way', () => {
    expect(formatEuroCents(123456).replace(/\s/g, ' ')).toBe('€ 1.234,56');
  });
  it('formats cents the English way', () => {
    expect(formatEuroCents(123456, 'en')).toBe('€1,234.56');
  });
  it('refuses fractions of a cent', () => {
    expect(() => assertCents(10.5)).toThrow(RangeError);
  });
});
