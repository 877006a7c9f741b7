import * as z from 'zod/mini';
import { addCalendarDays, isCalendarDate, type CalendarDate } from '../deadlines/calendar-dates.js';
import type { FieldIssue, FieldIssueCode, FieldIssueParams } from './field-issues.js';
import { isFieldIssueCode } from './field-issues.js';

/**
 * Building blocks for the input schemas that the server's resolvers and the client's forms share.
 * Every block turns what arrived (unknown) into a clean value or into exactly one field issue with a
 * code (field-issues.ts), so a refusal is data that each side words in its own language.
 *
 * zod's `mini` flavour keeps what the client ships small; the schemas are plain zod all the same.
 */

type Outcome<T> =
  { readonly value: T } | { readonly issue: FieldIssueCode; readonly params?: FieldIssueParams };

/**
 * A field from a check: the one place a block's outcome becomes a zod issue carrying our code. A key
 * that is missing from the input is read as null, so the check (not zod) decides whether that is allowed.
 */
function field<T>(check: (input: unknown) => Outcome<T>) {
  const checked = z.pipe(
    z.unknown(),
    z.transform((input: unknown, context): T => {
      const outcome = check(input);
      if ('value' in outcome) return outcome.value;
      context.issues.push({
        code: 'custom',
        message: outcome.issue,
        input,
        params: { fieldIssue: outcome.issue, ...outcome.params },
      });
      return z.NEVER;
    }),
  );
  return z.prefault(checked, null);
}

/**
 * A block with one more rule on its clean value (a pattern, a list without doubles). The rule runs only
 * when the block itself accepted the value, and reports on the same field.
 */
export function withRule<Schema extends z.ZodMiniType>(
  schema: Schema,
  rule: (
    value: z.output<Schema>,
  ) => { readonly code: FieldIssueCode; readonly params?: FieldIssueParams } | null,
) {
  return z.pipe(
    schema,
    z.transform((value: z.output<Schema>, context): z.output<Schema> => {
      const found = rule(value);
      if (found === null) return value;
      context.issues.push({
        code: 'custom',
        message: found.code,
        input: value,
        params: { fieldIssue: found.code, ...found.params },
      });
      return z.NEVER;
    }),
  );
}

/** What a cross-field check (zod's superRefine) reports a field issue to. */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; path: string[]; message: string; params: Record<string, unknown> }): void;
}

/** Reports a field issue from a check over several fields (e.g. an end date before its start date). */
export function reportFieldIssue(
  sink: IssueSink,
  field: string,
  code: FieldIssueCode,
  params: FieldIssueParams = {},
): void {
  sink.addIssue({ code: 'custom', path: [field], message: code, params: { fieldIssue: code, ...params } });
}

const ok = <T>(value: T): Outcome<T> => ({ value });
const issue = (code: FieldIssueCode, params?: FieldIssueParams): Outcome<never> =>
  params ? { issue: code, params } : { issue: code };
const isAbsent = (input: unknown): input is null | undefined => input === null || input === undefined;

/**
 * Characters PostgreSQL cannot store (NUL), that no keyboard types on purpose (C0 and C1 control
 * characters other than tab and line breaks, DEL), and halves of a character (lone UTF-16 surrogates,
 * which are not valid UTF-8).
 */
const FORBIDDEN_CHARACTERS =
  // Matching control characters is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacters(value: string): boolean {
  return FORBIDDEN_CHARACTERS.test(value);
}

/** Length as people count it: characters, not UTF-16 units. */
const characterCount = (value: string): number => [...value].length;

export interface TextOptions {
  readonly max: number;
  /** At least this many characters (after trimming), when a short text cannot be complete. */
  readonly min?: number;
  /** Line breaks kept (a note, a message); otherwise all whitespace becomes one space. */
  readonly multiline?: boolean;
}

function cleanText(input: unknown, options: TextOptions): Outcome<string | null> {
  if (isAbsent(input)) return ok(null);
  if (typeof input !== 'string') return issue('INVALID_TYPE');
  if (hasForbiddenCharacters(input)) return issue('CONTROL_CHARACTERS');
  const cleaned = options.multiline
    ? input.replace(/\r\n?/g, '\n').trim()
    : input.replace(/\s+/g, ' ').trim();
  if (cleaned === '') return ok(null);
  if (characterCount(cleaned) > options.max) return issue('TOO_LONG', { max: options.max });
  if (options.min !== undefined && characterCount(cleaned) < options.min)
    return issue('TOO_SHORT', { min: options.min });
  return ok(cleaned);
}

/** Text that must be there: trimmed, at most `max` characters, no control characters. */
export function requiredText(options: TextOptions) {
  return field((input) => {
    const outcome = cleanText(input, options);
    if ('value' in outcome && outcome.value === null) return issue('REQUIRED');
    return outcome as Outcome<string>;
  });
}

/** Text that may be left empty (null); otherwise as requiredText. */
export function optionalText(options: TextOptions) {
  return field((input) => cleanText(input, options));
}

/** The plausible range of dates in case work: nothing before 1990, nothing more than ten years ahead. */
export const EARLIEST_CASE_DATE: CalendarDate = '1990-01-01';
export const CASE_DATE_YEARS_AHEAD = 10;

export function latestPlausibleDate(today: CalendarDate): CalendarDate {
  return addCalendarDays(today, Math.round(CASE_DATE_YEARS_AHEAD * 365.25));
}

export interface DateOptions {
  readonly earliest: CalendarDate;
  readonly latest: CalendarDate;
  /** Refused after this date with DATE_IN_FUTURE (today, for things that have happened). */
  readonly notAfterToday?: CalendarDate;
}

function checkDate(input: unknown, options: DateOptions): Outcome<CalendarDate | null> {
  if (isAbsent(input) || input === '') return ok(null);
  if (typeof input !== 'string') return issue('INVALID_TYPE');
  const trimmed = input.trim();
  if (!isCalendarDate(trimmed)) return issue('INVALID_DATE');
  if (options.notAfterToday !== undefined && trimmed > options.notAfterToday) return issue('DATE_IN_FUTURE');
  if (trimmed < options.earliest) return issue('DATE_TOO_EARLY', { min: options.earliest });
  if (trimmed > options.latest) return issue('DATE_TOO_LATE', { max: options.latest });
  return ok(trimmed);
}

export function requiredDate(options: DateOptions) {
  return field((input) => {
    const outcome = checkDate(input, options);
    if ('value' in outcome && outcome.value === null) return issue('REQUIRED');
    return outcome as Outcome<CalendarDate>;
  });
}

export function optionalDate(options: DateOptions) {
  return field((input) => checkDate(input, options));
}

/** The dates of case work (arrears, steps, plans, payments), given today. */
export function caseDateRange(today: CalendarDate): DateOptions {
  return { earliest: EARLIEST_CASE_DATE, latest: latestPlausibleDate(today) };
}

/** Something that has happened: between 1990 and today. */
export function pastCaseDateRange(today: CalendarDate): DateOptions {
  return { earliest: EARLIEST_CASE_DATE, latest: today, notAfterToday: today };
}

/** A birth date: a person alive today, so after 1900 and not in the future. */
export function birthDateRange(today: CalendarDate): DateOptions {
  return { earliest: '1900-01-01', latest: today, notAfterToday: today };
}

export interface WholeNumberOptions {
  readonly min: number;
  readonly max: number;
}

function checkWholeNumber(input: unknown, options: WholeNumberOptions): Outcome<number | null> {
  if (isAbsent(input)) return ok(null);
  if (typeof input !== 'number' || Number.isNaN(input)) return issue('INVALID_TYPE');
  if (!Number.isSafeInteger(input)) return issue('NOT_WHOLE_NUMBER');
  if (input < options.min) return issue('TOO_SMALL', { min: options.min });
  if (input > options.max) return issue('TOO_LARGE', { max: options.max });
  return ok(input);
}

export function requiredWholeNumber(options: WholeNumberOptions) {
  return field((input) => {
    const outcome = checkWholeNumber(input, options);
    if ('value' in outcome && outcome.value === null) return issue('REQUIRED');
    return outcome as Outcome<number>;
  });
}

export function optionalWholeNumber(options: WholeNumberOptions) {
  return field((input) => checkWholeNumber(input, options));
}

/**
 * Money in whole euro cents. The default ceiling, one million euro, is far above any rent arrears or
 * household debt a case holds; a larger number is a typing error (or an attack), not a situation.
 */
export const MAX_AMOUNT_CENTS = 100_000_000;

export interface MoneyOptions {
  /** 0 (the default: nothing negative) or 1 (more than nothing, e.g. a payment). */
  readonly min?: 0 | 1;
  readonly max?: number;
}

function checkCents(input: unknown, options: MoneyOptions): Outcome<number | null> {
  if (isAbsent(input)) return ok(null);
  if (typeof input !== 'number' || Number.isNaN(input)) return issue('INVALID_TYPE');
  if (!Number.isSafeInteger(input)) return issue('NOT_WHOLE_NUMBER');
  const min = options.min ?? 0;
  const max = options.max ?? MAX_AMOUNT_CENTS;
  if (input < min) return issue(input < 0 ? 'AMOUNT_TOO_SMALL' : 'AMOUNT_ZERO', { min });
  if (input > max) return issue('AMOUNT_TOO_LARGE', { max });
  return ok(input);
}

export function requiredCents(options: MoneyOptions = {}) {
  return field((input) => {
    const outcome = checkCents(input, options);
    if ('value' in outcome && outcome.value === null) return issue('REQUIRED');
    return outcome as Outcome<number>;
  });
}

export function optionalCents(options: MoneyOptions = {}) {
  return field((input) => checkCents(input, options));
}

/** One of a fixed list (an enum of the API). */
export function requiredChoice<const T extends string>(choices: readonly T[]) {
  return field((input): Outcome<T> => {
    if (isAbsent(input) || input === '') return issue('REQUIRED');
    return typeof input === 'string' && (choices as readonly string[]).includes(input)
      ? ok(input as T)
      : issue('NOT_ALLOWED_VALUE');
  });
}

export function optionalChoice<const T extends string>(choices: readonly T[]) {
  return field((input): Outcome<T | null> => {
    if (isAbsent(input) || input === '') return ok(null);
    return typeof input === 'string' && (choices as readonly string[]).includes(input)
      ? ok(input as T)
      : issue('NOT_ALLOWED_VALUE');
  });
}

/** The form of every id Vangnet hands out (PostgreSQL's uuid). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

declare const uuidBrand: unique symbol;
/**
 * A string in the form of an id. Branded, so that a failed `isUuid` leaves a string a string (a plain
 * `value is string` would narrow it to `never`).
 */
export type Uuid = string & { readonly [uuidBrand]: true };

/** Whether a value has the form of an id: the one check, on both sides (ids in paths, filters, audit bases). */
export function isUuid(value: unknown): value is Uuid {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

export function requiredId() {
  return field((input): Outcome<string> => {
    if (isAbsent(input) || input === '') return issue('REQUIRED');
    return isUuid(input) ? ok(input.toLowerCase()) : issue('INVALID_ID');
  });
}

/** An id that may be left out (null): clearing a reference, or none chosen. */
export function optionalId() {
  return field((input): Outcome<string | null> => {
    if (isAbsent(input) || input === '') return ok(null);
    return isUuid(input) ? ok(input.toLowerCase()) : issue('INVALID_ID');
  });
}

/**
 * A field of a patch: left out (undefined) means "leave it as it is", so the block runs only on a value
 * that was sent (null included, which clears an optional field).
 */
export function unlessLeftOut<Schema extends z.ZodMiniType>(schema: Schema) {
  return z.optional(
    z.pipe(
      z.unknown(),
      z.transform((input: unknown, context): z.output<Schema> | undefined => {
        if (input === undefined) return undefined;
        const result = schema.safeParse(input);
        if (result.success) return result.data;
        for (const zodIssue of result.error.issues) context.issues.push({ ...zodIssue, input } as never);
        return z.NEVER;
      }),
    ),
  );
}

const POSTCODE = /^[1-9][0-9]{3}[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,28}$/;
const MUNICIPALITY_CODE = /^[0-9]{4}$/;

/** "1234 ab" → "1234AB"; null when it is not a Dutch postcode. */
export function normalisePostcode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  return POSTCODE.test(compact) ? compact : null;
}

interface FormatRule {
  readonly pattern: { test(value: string): boolean };
  readonly code: FieldIssueCode;
  readonly max: number;
  readonly normalise?: (value: string) => string;
}

function checkFormatted(input: unknown, rule: FormatRule): Outcome<string | null> {
  const outcome = cleanText(input, { max: rule.max });
  if (!('value' in outcome) || outcome.value === null) return outcome;
  const value = rule.normalise ? rule.normalise(outcome.value) : outcome.value;
  return rule.pattern.test(value) ? ok(value) : issue(rule.code);
}

function requiredFormatted(rule: FormatRule) {
  return field((input) => {
    const outcome = checkFormatted(input, rule);
    if ('value' in outcome && outcome.value === null) return issue('REQUIRED');
    return outcome as Outcome<string>;
  });
}

function optionalFormatted(rule: FormatRule) {
  return field((input) => checkFormatted(input, rule));
}

const POSTCODE_RULE: FormatRule = {
  pattern: POSTCODE,
  code: 'INVALID_POSTCODE',
  max: 20,
  normalise: (value) => value.replace(/\s+/g, '').toUpperCase(),
};
const EMAIL_RULE: FormatRule = {
  pattern: EMAIL,
  code: 'INVALID_EMAIL',
  max: 320,
  normalise: (value) => value.toLowerCase(),
};
const PHONE_RULE: FormatRule = { pattern: PHONE, code: 'INVALID_PHONE', max: 30 };
const MUNICIPALITY_CODE_RULE: FormatRule = {
  pattern: MUNICIPALITY_CODE,
  code: 'INVALID_MUNICIPALITY_CODE',
  max: 10,
};

/** A Dutch postcode, stored without the space: "1234 ab" → "1234AB". */
export const postcode = () => requiredFormatted(POSTCODE_RULE);
export const optionalPostcode = () => optionalFormatted(POSTCODE_RULE);
/** An e-mail address, stored in lower case. */
export const email = () => requiredFormatted(EMAIL_RULE);
export const optionalEmail = () => optionalFormatted(EMAIL_RULE);
export const optionalPhone = () => optionalFormatted(PHONE_RULE);
/** A CBS gemeentecode: four digits. */
export const optionalMunicipalityCode = () => optionalFormatted(MUNICIPALITY_CODE_RULE);

export type ValidationResult<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly issues: readonly FieldIssue[] };

/**
 * Runs a schema and turns zod's issues into field issues: ours keep their code and parameters;
 * zod's own (an object where a list belongs, say) become INVALID_TYPE on their path.
 */
export function validateInput<Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
): ValidationResult<z.output<Schema>> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, value: result.data };
  const issues = result.error.issues.map((zodIssue): FieldIssue => {
    const fieldName = zodIssue.path.map(String).join('.');
    const params = zodIssue.code === 'custom' ? (zodIssue.params ?? {}) : {};
    const { fieldIssue, ...rest } = params as Record<string, unknown>;
    return {
      field: fieldName,
      code: isFieldIssueCode(fieldIssue) ? fieldIssue : 'INVALID_TYPE',
      params: Object.fromEntries(
        Object.entries(rest).filter(
          (entry): entry is [string, string | number] =>
            typeof entry[1] === 'string' || typeof entry[1] === 'number',
        ),
      ),
    };
  });
  return { success: false, issues };
}
