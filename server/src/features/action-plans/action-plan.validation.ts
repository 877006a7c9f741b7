import { isCalendarDate } from '@vangnet/shared';
import { UUID } from '../lifecycle/case-lock.js';

/** Field name → Dutch message (B1), as BAD_USER_INPUT's `fieldErrors`. */
export type FieldErrors = Record<string, string>;

export const LIMITS = {
  title: 200,
  description: 2000,
  helpRequest: 2000,
  goalText: 500,
  condition: 500,
  comment: 2000,
} as const;

/**
 * A text field of a create (`value` a string) or a patch (`undefined`: leave as it is). Trimmed; an
 * empty optional text becomes null. Returns undefined when the field is left alone or wrong.
 */
export function checkText(
  value: string | null | undefined,
  field: string,
  errors: FieldErrors,
  rule: { max: number; required?: string; tooLong: string },
): string | null | undefined {
  if (value === undefined) return undefined;
  const cleaned = value?.trim() ?? '';
  if (cleaned.length === 0) {
    if (rule.required) {
      errors[field] = rule.required;
      return undefined;
    }
    return null;
  }
  if (cleaned.length > rule.max) {
    errors[field] = rule.tooLong;
    return undefined;
  }
  return cleaned;
}

/** An optional date (YYYY-MM-DD, a real day); null clears it. */
export function checkDate(
  value: string | null | undefined,
  field: string,
  errors: FieldErrors,
): string | null | undefined {
  if (value === undefined) return undefined;
  const cleaned = value?.trim() ?? '';
  if (cleaned.length === 0) return null;
  if (!isCalendarDate(cleaned)) {
    errors[field] = 'Vul een bestaande datum in (jjjj-mm-dd).';
    return undefined;
  }
  return cleaned;
}

/** An id that must be well formed before it reaches SQL; the caller checks what it names. */
export function checkId(
  value: string | null | undefined,
  field: string,
  errors: FieldErrors,
  message: string,
  required = false,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value.trim() === '') {
    if (required) errors[field] = message;
    return required ? undefined : null;
  }
  if (!UUID.test(value.trim())) {
    errors[field] = message;
    return undefined;
  }
  return value.trim().toLowerCase();
}

export function checkExpectedVersion(value: number, errors: FieldErrors, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum)
    errors.expectedVersion = 'Onbekende versie; laad het plan opnieuw.';
}

export const MESSAGES = {
  title: {
    max: LIMITS.title,
    required: 'Geef de actie een korte titel.',
    tooLong: `Een titel is hoogstens ${LIMITS.title} tekens.`,
  },
  description: {
    max: LIMITS.description,
    tooLong: `De uitleg is hoogstens ${LIMITS.description} tekens. Houd het kort en eenvoudig.`,
  },
  helpRequest: {
    max: LIMITS.helpRequest,
    tooLong: `De hulpvraag is hoogstens ${LIMITS.helpRequest} tekens.`,
  },
  what: {
    max: LIMITS.goalText,
    required: 'Beschrijf wat de huurder wil bereiken.',
    tooLong: `Hoogstens ${LIMITS.goalText} tekens.`,
  },
  measure: {
    max: LIMITS.goalText,
    required: 'Beschrijf hoe je ziet dat het doel bereikt is.',
    tooLong: `Hoogstens ${LIMITS.goalText} tekens.`,
  },
  condition: {
    max: LIMITS.condition,
    required: 'Beschrijf de afspraak.',
    tooLong: `Een afspraak is hoogstens ${LIMITS.condition} tekens.`,
  },
  comment: {
    max: LIMITS.comment,
    required: 'Schrijf een opmerking.',
    tooLong: `Een opmerking is hoogstens ${LIMITS.comment} tekens.`,
  },
  ownerOrgId: 'Kies een organisatie die aan dit dossier werkt.',
  assigneeId: 'Kies iemand die werkt voor de organisatie die de actie uitvoert.',
  status: 'Kies een status: open, bezig, klaar of geannuleerd.',
} as const;
