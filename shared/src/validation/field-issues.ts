/**
 * What is wrong with one input field, as data: a code and its parameters. The server sends these with
 * every BAD_USER_INPUT; the client puts them into words in the user's language (messages.ts). A field
 * is named by its path in the input, e.g. `tenant.postcode` or `lines.2.amountCents`.
 */
export const FIELD_ISSUE_CODES = [
  /** Nothing filled in where something is needed. */
  'REQUIRED',
  /** A yes/no question (or a choice) left unanswered. */
  'ANSWER_REQUIRED',
  /** Not the kind of value the field takes (e.g. a number where text belongs). */
  'INVALID_TYPE',
  /** Longer than `max` characters. */
  'TOO_LONG',
  /** A character that cannot be stored or shown, such as NUL or another control character. */
  'CONTROL_CHARACTERS',
  /** Not a real calendar date written as YYYY-MM-DD. */
  'INVALID_DATE',
  /** A date before `min` (YYYY-MM-DD). */
  'DATE_TOO_EARLY',
  /** A date after `max` (YYYY-MM-DD). */
  'DATE_TOO_LATE',
  /** A date that has not happened yet, where only the past makes sense (a birth date). */
  'DATE_IN_FUTURE',
  /** A date before the date in field `other` (e.g. a payment before its arrangement starts). */
  'DATE_BEFORE_OTHER',
  /** Not a whole number. */
  'NOT_WHOLE_NUMBER',
  /** Below `min`. */
  'TOO_SMALL',
  /** Above `max`. */
  'TOO_LARGE',
  /** An amount of money below `min` cents (usually: negative). */
  'AMOUNT_TOO_SMALL',
  /** Nothing (zero) where an amount of more than nothing is needed (a payment, an arrangement's total). */
  'AMOUNT_ZERO',
  /** An amount of money above `max` cents: no rent arrears or debt is that large. */
  'AMOUNT_TOO_LARGE',
  /** Not one of the values the field allows. */
  'NOT_ALLOWED_VALUE',
  /** Not an identifier Vangnet hands out. */
  'INVALID_ID',
  /** Not a Dutch postcode such as 1234 AB. */
  'INVALID_POSTCODE',
  /** Not an e-mail address. */
  'INVALID_EMAIL',
  /** Not a telephone number. */
  'INVALID_PHONE',
  /** Not a four-digit CBS municipality code. */
  'INVALID_MUNICIPALITY_CODE',
  /** Shorter than `min` characters (e.g. a consent's wording, which must be the whole text). */
  'TOO_SHORT',
  /** The same choice twice in a list that takes each value once. */
  'DUPLICATE_VALUE',
  /** Filled in, but it belongs to another kind of step (a reason of closing on a move that does not close). */
  'NOT_FOR_THIS_STEP',
  /** My own organisation, where another one is meant (a referral to oneself). */
  'OWN_ORGANIZATION',
  /** An organisation mine has no valid data-sharing agreement (convenant) with. */
  'NO_AGREEMENT',
  /** A role that does not fit the organisation (a municipality referred as debt counselling). */
  'ROLE_DOES_NOT_FIT',
  /** An organisation that takes no part in the case (the owner of an action). */
  'NOT_ON_CASE',
  /** Someone who does not work cases for the organisation meant (an assignee). */
  'NOT_A_CASE_WORKER_THERE',
  /** Not a version label: letters, digits, dot, dash or underscore. */
  'INVALID_VERSION_LABEL',
] as const;

export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];

/** Parameters a message may mention; numbers and dates only, never the value the user typed. */
export type FieldIssueParams = Readonly<Record<string, string | number>>;

export interface FieldIssue {
  /** Path of the field in the input, dot-separated. */
  readonly field: string;
  readonly code: FieldIssueCode;
  readonly params: FieldIssueParams;
}

export function isFieldIssueCode(value: unknown): value is FieldIssueCode {
  return typeof value === 'string' && (FIELD_ISSUE_CODES as readonly string[]).includes(value);
}
