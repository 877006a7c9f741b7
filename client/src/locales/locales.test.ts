import { describe, expect, it } from 'vitest';

import en, { FILES as EN_FILES } from './en';
import nl, { FILES as NL_FILES } from './nl';

const LOCALE_FILES = { nl: NL_FILES, en: EN_FILES };

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

function lookup(messages: unknown, key: string): string {
  const value = key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof value === 'string' ? value : '';
}

/** The {{placeholders}} of a message, sorted. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('locales', () => {
  it.each(Object.entries(LOCALE_FILES))(
    '%s: no two feature files define the same top-level key',
    (_language, files) => {
      const owners = new Map<string, string[]>();
      for (const [file, messages] of Object.entries(files)) {
        for (const key of Object.keys(messages)) owners.set(key, [...(owners.get(key) ?? []), file]);
      }
      expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    },
  );

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

  it('every message uses the same placeholders in both languages', () => {
    const mismatches = flattenKeys(nl).filter(
      (key) => placeholders(lookup(nl, key)).join() !== placeholders(lookup(en, key)).join(),
    );
    expect(mismatches).toEqual([]);
  });

  it('plural messages come in complete pairs (_one and _other)', () => {
    const keys = new Set(flattenKeys(nl));
    const incomplete = [...keys]
      .filter((key) => key.endsWith('_one') || key.endsWith('_other'))
      .map((key) => key.replace(/_(one|other)$/, ''))
      .filter((base) => !keys.has(`${base}_one`) || !keys.has(`${base}_other`));
    expect(incomplete).toEqual([]);
  });

  it('the withheld-data explanations name the organisation', () => {
    for (const messages of [nl, en]) {
      for (const sentence of Object.values(messages.withheld.reasons)) {
        expect(sentence).toContain('{{organization}}');
      }
    }
  });
});
