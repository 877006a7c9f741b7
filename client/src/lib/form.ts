import type { TFunction } from 'i18next';

import type { FieldError } from '../ui/ErrorSummary';
import { toApiError } from './graphql-errors';

export interface SubmitFailure {
  /** Server field path → message (BAD_USER_INPUT). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** A message for the form as a whole, or null when the field errors say it all. */
  readonly message: string | null;
  readonly code: string;
}

/**
 * What went wrong with a write, in words for the user. Input and transition errors carry the server's
 * specific Dutch message; the rest get the UI's own text for their code.
 */
export function submitFailure(error: unknown, t: TFunction): SubmitFailure {
  const apiError = toApiError(error);
  switch (apiError.code) {
    case 'BAD_USER_INPUT': {
      const hasFields = Object.keys(apiError.fieldErrors).length > 0;
      return {
        code: apiError.code,
        fieldErrors: apiError.fieldErrors,
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
