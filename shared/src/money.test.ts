import { describe, expect, it } from 'vitest';
import { assertCents, formatEuroCents, parseEuros } from './money.js';

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

describe('reading a euro amount the Dutch way', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234,5', 123450],
    ['€ 12', 1200],
    ['€12,05', 1205],
    ['  0,99 ', 99],
    ['1.234', 123400],
    ['12.345.678,90', 1234567890],
    ['EUR 7,10', 710],
    ['0', 0],
  ])('%s is %i cents', (input, cents) => {
    expect(parseEuros(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ['12,345', 'invalid'],
    ['12.34', 'invalid'],
    ['1.23,45', 'invalid'],
    ['12,', 'invalid'],
    ['abc', 'invalid'],
    ['1 2 3,4x', 'invalid'],
    ['-12,50', 'negative'],
    ['€ -3', 'negative'],
    ['12-', 'negative'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['21.474.836,48', 'tooLarge'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseEuros(input)).toEqual({ ok: false, problem });
  });

  it('never goes through floating point: every cent of a large amount survives', () => {
    expect(parseEuros('21.474.836,47')).toEqual({ ok: true, cents: 2_147_483_647 });
    expect(parseEuros('0,07')).toEqual({ ok: true, cents: 7 });
  });
});
