import { describe, expect, it } from 'vitest';

import { centsToEuroInput, parseEuros } from './euro';

describe('a euro amount field', () => {
  it('writes cents back as an editable amount that reads the same again', () => {
    expect(centsToEuroInput(123456)).toBe('1.234,56');
    expect(centsToEuroInput(5)).toBe('0,05');
    expect(centsToEuroInput(100000000)).toBe('1.000.000,00');
    for (const cents of [0, 1, 99, 100, 123400, 2_147_483_647]) {
      expect(parseEuros(centsToEuroInput(cents))).toEqual({ ok: true, cents });
    }
  });
});
