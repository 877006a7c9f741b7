import { describe, expect, it } from 'vitest';

import en from './en/common.json';
import nl from './nl/common.json';

/** Flattens nested translation objects to dotted keys, e.g. `status.ok`. */
function flattenKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [prefix];
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    flattenKeys(child, prefix ? `${prefix}.${key}` : key),
  );
}

function leafValues(value: unknown): unknown[] {
  if (typeof value !== 'object' || value === null) return [value];
  return Object.values(value as Record<string, unknown>).flatMap(leafValues);
}

describe('locales', () => {
  it('nl and en have exactly the same keys', () => {
    expect(flattenKeys(en).sort()).toEqual(flattenKeys(nl).sort());
  });

  it.each([
    ['nl', nl],
    ['en', en],
  ])('%s has only non-empty string values', (_language, messages) => {
    for (const value of leafValues(messages)) {
      expect(typeof value).toBe('string');
      expect((value as string).trim()).not.toBe('');
    }
  });
});
