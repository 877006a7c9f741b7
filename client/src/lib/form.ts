import { validateInput, type FieldIssue } from '@vangnet/shared';
import type { TFunction } from 'i18next';
import type { ZodMiniType } from 'zod/mini';

import type { FieldError } from '../ui/ErrorSummary';
import { toApiError } from './graphql-errors';

export interface SubmitFailure {
  /** Server field path → message (BAD_USER_INPUT). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** A message for the form as a whole, or null when the field errors say it all. */
  readonly message: string | null;
  readonly code: string;
}

/** Field issues in the user's language, the first issue of each field. */
export function fieldIssueMessages(issues: readonly FieldIssue[], t: TFunction): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const issue of issues) messages[issue.field] ??= t(`fieldIssues.${issue.code}`, issue.params);
  return messages;
}

/**
 * The problems a shared input schema finds in what a form is about to send, worded for the user: the
 * same rules the server applies, so most refusals never need a round trip. With `fields`, only issues
 * on those fields count: the ids a page fills in itself (the case, the plan) are not the user's to
 * correct, so whether they exist stays the server's to say.
 */
export function formIssues<Schema extends ZodMiniType>(
  schema: Schema,
  input: unknown,
  t: TFunction,
  fields?: readonly string[],
): Record<string, string> {
  const result = validateInput(schema, input);
  if (result.success) return {};
  const issues = fields ? result.issues.filter((issue) => fields.includes(issue.field)) : result.issues;
  return fieldIssueMessages(issues, t);
}

/**
 * What went wrong with a write, in words for the user. Input and transition errors carry the server's
 * specific Dutch message; the rest get the UI's own text for their code.
 */
export function submitFailure(error: unknown, t: TFunction): SubmitFailure {
  const apiError = toApiError(error);
  switch (apiError.code) {
    case 'BAD_USER_INPUT': {
      // Issues given as codes are worded in the user's language; the rest keep the server's words.
      const fieldErrors = { ...apiError.fieldErrors, ...fieldIssueMessages(apiError.fieldIssues, t) };
      const hasFields = Object.keys(fieldErrors).length > 0;
      return {
        code: apiError.code,
        fieldErrors,
        message: hasFields ? null : apiError.message || t('errors.BAD_USER_INPUT'),
      };
    }
    case 'INVALID_TRANSITION':
      return {
        code: apiError.code,
        fieldErrors: {},
        message: apiError.message || t('errors.INVALID_TRANSITION'),
      };
    default:
      return { code: apiError.code, fieldErrors: {}, message: t(`errors.${apiError.code}`) };
  }
}

/** The error summary's lines: known fields link to their input, unknown ones are listed as text. */
export function summaryOf(
  fieldErrors: Readonly<Record<string, string>>,
  fieldIds: Readonly<Record<string, string>>,
): FieldError[] {
  return Object.entries(fieldErrors).map(([field, message]) => {
    const fieldId = fieldIds[field];
    return fieldId ? { fieldId, message } : { message };
  });
}
