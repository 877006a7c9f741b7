import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import {
  birthDateRange,
  caseDateRange,
  optionalEmail,
  optionalId,
  optionalText,
  postcode,
  requiredCents,
  requiredChoice,
  requiredDate,
  requiredId,
  requiredText,
  requiredWholeNumber,
  unlessLeftOut,
  validateInput,
  withRule,
} from './fields.js';
import { fieldIssueMessage } from './messages.js';

const TODAY = '2026-12-06';

describe('text fields', () => {
  const schema = z.object({
    surname: requiredText({ max: 10 }),
    note: optionalText({ max: 50, multiline: true }),
  });

  it('trims and collapses whitespace on one line, keeps line breaks where text has lines', () => {
    expect(validateInput(schema, { surname: '  de   Vries ', note: ' eerste\r\ntweede ' })).toEqual({
      success: true,
      value: { surname: 'de Vries', note: 'eerste\ntweede' },
    });
  });

  it('refuses NUL, other control characters and half characters, naming the field', () => {
    for (const bad of ['Jan\u0000sen', 'Jan\u0007', 'Jan\u009b', 'Jan\ud800']) {
      expect(validateInput(schema, { surname: bad })).toEqual({
        success: false,
        issues: [{ field: 'surname', code: 'CONTROL_CHARACTERS', params: {} }],
      });
    }
  });

  it('counts characters, not UTF-16 units, against the maximum', () => {
    expect(validateInput(schema, { surname: '😀'.repeat(10) }).success).toBe(true);
    expect(validateInput(schema, { surname: 'a'.repeat(11) })).toEqual({
      success: false,
      issues: [{ field: 'surname', code: 'TOO_LONG', params: { max: 10 } }],
    });
  });

  it('says what is missing and what has the wrong type', () => {
    expect(validateInput(schema, { surname: '   ', note: 42 })).toEqual({
      success: false,
      issues: [
        { field: 'surname', code: 'REQUIRED', params: {} },
        { field: 'note', code: 'INVALID_TYPE', params: {} },
      ],
    });
  });
});

describe('date fields', () => {
  it('keeps case dates between 1990 and ten years from today', () => {
    const schema = z.object({ due: requiredDate(caseDateRange(TODAY)) });
    expect(validateInput(schema, { due: '2027-01-04' })).toEqual({
      success: true,
      value: { due: '2027-01-04' },
    });
    expect(validateInput(schema, { due: '1989-12-31' })).toEqual({
      success: false,
      issues: [{ field: 'due', code: 'DATE_TOO_EARLY', params: { min: '1990-01-01' } }],
    });
    expect(validateInput(schema, { due: '2036-12-07' })).toEqual({
      success: false,
      issues: [{ field: 'due', code: 'DATE_TOO_LATE', params: { max: '2036-12-06' } }],
    });
    expect(validateInput(schema, { due: '2026-02-30' })).toEqual({
      success: false,
      issues: [{ field: 'due', code: 'INVALID_DATE', params: {} }],
    });
  });

  it('refuses a birth date in the future', () => {
    const schema = z.object({ birthDate: requiredDate(birthDateRange(TODAY)) });
    expect(validateInput(schema, { birthDate: '2026-12-07' })).toEqual({
      success: false,
      issues: [{ field: 'birthDate', code: 'DATE_IN_FUTURE', params: {} }],
    });
    expect(validateInput(schema, { birthDate: '1950-05-01' }).success).toBe(true);
  });
});

describe('numbers and money', () => {
  const schema = z.object({
    amountCents: requiredCents(),
    adults: requiredWholeNumber({ min: 1, max: 20 }),
  });

  it('refuses negative, fractional and absurd amounts', () => {
    const codes = (amountCents: unknown) => {
      const result = validateInput(schema, { amountCents, adults: 1 });
      return result.success ? [] : result.issues.map((found) => found.code);
    };
    expect(codes(-1)).toEqual(['AMOUNT_TOO_SMALL']);
    expect(codes(10.5)).toEqual(['NOT_WHOLE_NUMBER']);
    expect(codes(1e300)).toEqual(['NOT_WHOLE_NUMBER']);
    expect(codes(100_000_001)).toEqual(['AMOUNT_TOO_LARGE']);
    expect(codes(Number.NaN)).toEqual(['INVALID_TYPE']);
    expect(codes('100')).toEqual(['INVALID_TYPE']);
    expect(codes(0)).toEqual([]);
  });

  it('keeps whole numbers within their range', () => {
    expect(validateInput(schema, { amountCents: 100, adults: 0 })).toEqual({
      success: false,
      issues: [{ field: 'adults', code: 'TOO_SMALL', params: { min: 1 } }],
    });
  });
});

describe('formats, choices and ids', () => {
  const schema = z.object({
    postcode: postcode(),
    email: optionalEmail(),
    channel: requiredChoice(['MAIL', 'PHONE']),
    caseId: requiredId(),
  });

  it('normalises a postcode and an e-mail address', () => {
    expect(
      validateInput(schema, {
        postcode: '1234 ab',
        email: 'Anna@Example.NL',
        channel: 'MAIL',
        caseId: '0F8FAD5B-D9CB-469F-A165-70867728950E',
      }),
    ).toEqual({
      success: true,
      value: {
        postcode: '1234AB',
        email: 'anna@example.nl',
        channel: 'MAIL',
        caseId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      },
    });
  });

  it('names every wrong field with its own code', () => {
    expect(
      validateInput(schema, { postcode: '0123 AB', email: 'nope', channel: 'FAX', caseId: '1' }),
    ).toEqual({
      success: false,
      issues: [
        { field: 'postcode', code: 'INVALID_POSTCODE', params: {} },
        { field: 'email', code: 'INVALID_EMAIL', params: {} },
        { field: 'channel', code: 'NOT_ALLOWED_VALUE', params: {} },
        { field: 'caseId', code: 'INVALID_ID', params: {} },
      ],
    });
  });
});

describe('messages', () => {
  it('puts an issue into words in both languages, with its parameters', () => {
    expect(fieldIssueMessage({ code: 'TOO_LONG', params: { max: 200 } }, 'nl')).toBe('Hoogstens 200 tekens.');
    expect(fieldIssueMessage({ code: 'TOO_LONG', params: { max: 200 } }, 'en')).toBe(
      'At most 200 characters.',
    );
  });
});

describe('patch fields (unlessLeftOut)', () => {
  const patch = z.object({
    title: unlessLeftOut(requiredText({ max: 5 })),
    assigneeId: unlessLeftOut(optionalId()),
  });

  it('leaves a field that was left out alone, and checks one that was sent (null included)', () => {
    expect(validateInput(patch, {})).toEqual({ success: true, value: {} });
    expect(validateInput(patch, { title: ' ab ', assigneeId: null })).toEqual({
      success: true,
      value: { title: 'ab', assigneeId: null },
    });
    expect(validateInput(patch, { title: null, assigneeId: 'x' })).toEqual({
      success: false,
      issues: [
        { field: 'title', code: 'REQUIRED', params: {} },
        { field: 'assigneeId', code: 'INVALID_ID', params: {} },
      ],
    });
    expect(validateInput(patch, { title: 'abcdefg' })).toEqual({
      success: false,
      issues: [{ field: 'title', code: 'TOO_LONG', params: { max: 5 } }],
    });
  });
});

describe('a block with one more rule (withRule)', () => {
  const schema = z.object({
    tags: withRule(z.array(requiredText({ max: 10 })), (tags) =>
      new Set(tags).size === tags.length ? null : { code: 'DUPLICATE_VALUE' },
    ),
  });

  it('reports the rule on the field, and only once the block accepted the value', () => {
    expect(validateInput(schema, { tags: ['a', 'b'] })).toEqual({
      success: true,
      value: { tags: ['a', 'b'] },
    });
    expect(validateInput(schema, { tags: ['a', ' a'] })).toEqual({
      success: false,
      issues: [{ field: 'tags', code: 'DUPLICATE_VALUE', params: {} }],
    });
    expect(validateInput(schema, { tags: [''] })).toEqual({
      success: false,
      issues: [{ field: 'tags.0', code: 'REQUIRED', params: {} }],
    });
  });
});
