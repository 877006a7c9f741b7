import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '../deadlines/calendar-dates.js';
import {
  caseDateRange,
  hasForbiddenCharacters,
  MAX_AMOUNT_CENTS,
  optionalText,
  requiredCents,
  requiredDate,
  requiredId,
  requiredText,
  requiredWholeNumber,
  validateInput,
} from './fields.js';

/**
 * The building blocks under generated input: whatever a string holds around it, one control character
 * (or NUL, or half a character) gets it refused; and every value a block accepts comes back as the same
 * clean value when it is checked again (so storing and re-reading never changes what was accepted).
 * Fixed seed: a failure replays the same way in CI.
 */
const SETTINGS = { seed: 20_261_207, numRuns: 1_000 };
const TODAY = '2026-12-06';

const forbiddenCharacter = fc.oneof(
  fc.integer({ min: 0x00, max: 0x08 }),
  fc.constantFrom(0x0b, 0x0c),
  fc.integer({ min: 0x0e, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
);
/** Text without forbidden characters: letters of every script, spaces, tabs and line breaks. */
const cleanText = fc
  .string({ unit: 'grapheme', maxLength: 60 })
  .map((text) => [...text].filter((character) => !hasForbiddenCharacters(character)).join(''));

function issueCodes(schema: Parameters<typeof validateInput>[0], value: unknown): string[] {
  const result = validateInput(schema, value);
  return result.success ? [] : result.issues.map((issue) => issue.code);
}

describe('text blocks under generated input', () => {
  const blocks = [
    ['requiredText', requiredText({ max: 500 })],
    ['optionalText', optionalText({ max: 500 })],
    ['multiline optionalText', optionalText({ max: 500, multiline: true })],
  ] as const;

  it.each(blocks)('%s refuses any string with a control character, NUL or half a character', (_, block) => {
    fc.assert(
      fc.property(cleanText, forbiddenCharacter, cleanText, (before, code, after) => {
        // A high surrogate followed by a low one would be a whole character: keep the pair apart.
        const value = `${before}${String.fromCharCode(code)}x${after}`;
        expect(issueCodes(block, value)).toEqual(['CONTROL_CHARACTERS']);
      }),
      SETTINGS,
    );
  });

  it.each(blocks)('%s gives back what it accepted, unchanged, when checked again', (_, block) => {
    fc.assert(
      fc.property(cleanText, (value) => {
        const first = validateInput(block, value);
        if (!first.success) return;
        const again = validateInput(block, first.value);
        expect(again).toEqual({ success: true, value: first.value });
        if (first.value !== null) expect([...first.value].length).toBeLessThanOrEqual(500);
      }),
      SETTINGS,
    );
  });

  it('never accepts a text longer than its maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.string({ minLength: 1, maxLength: 200 }),
        (max, text) => {
          const result = validateInput(optionalText({ max }), text);
          if (result.success && result.value !== null)
            expect([...result.value].length).toBeLessThanOrEqual(max);
        },
      ),
      SETTINGS,
    );
  });
});

describe('number, money, date and id blocks under generated input', () => {
  it('accepts exactly the whole numbers in range, and gives them back unchanged', () => {
    const block = requiredWholeNumber({ min: 0, max: 240 });
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (value) => {
        const result = validateInput(block, value);
        const fits = Number.isSafeInteger(value) && value >= 0 && value <= 240;
        expect(result).toEqual(fits ? { success: true, value } : expect.objectContaining({ success: false }));
      }),
      SETTINGS,
    );
  });

  it('refuses every negative, broken or absurd amount of money, and keeps every fitting one', () => {
    const block = requiredCents();
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }), fc.double()), (value) => {
        const fits = Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT_CENTS;
        expect(validateInput(block, value)).toEqual(
          fits ? { success: true, value } : expect.objectContaining({ success: false }),
        );
      }),
      SETTINGS,
    );
  });

  it('accepts a real date inside the plausible range as it is, and refuses every date outside it', () => {
    const block = requiredDate(caseDateRange(TODAY));
    const { earliest, latest } = caseDateRange(TODAY);
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 30_000 }), (offset) => {
        const date = addCalendarDays(TODAY, offset);
        const inRange = date >= earliest && date <= latest;
        expect(validateInput(block, date)).toEqual(
          inRange ? { success: true, value: date } : expect.objectContaining({ success: false }),
        );
      }),
      SETTINGS,
    );
  });

  it('accepts every uuid (in lower case) and refuses anything else', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(validateInput(requiredId(), id.toUpperCase())).toEqual({
          success: true,
          value: id.toLowerCase(),
        });
      }),
      SETTINGS,
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        fc.pre(!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text));
        expect(validateInput(requiredId(), text).success).toBe(false);
      }),
      SETTINGS,
    );
  });
});
