import * as z from 'zod/mini';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, DATA_CATEGORIES } from '../../enums.js';
import { reportFieldIssue, requiredChoice, requiredId, requiredText, withRule } from '../fields.js';

/** A consent lasts at most five years (60 months of 30.44 days, as the register counts them). */
export const MAX_CONSENT_VALIDITY_MS = 60 * 30.44 * 86_400_000;
/** The wording the tenant saw is kept whole; anything shorter than this is not a consent text. */
export const MIN_CONSENT_WORDING = 20;
export const MAX_CONSENT_WORDING = 20_000;
const VERSION_LABEL = /^[\p{L}\p{N}._-]{1,50}$/u;

/** Each kind of data once, at least one. */
const dataCategories = () =>
  withRule(z.array(requiredChoice(DATA_CATEGORIES)), (categories) => {
    if (categories.length === 0) return { code: 'REQUIRED' };
    return new Set(categories).size === categories.length ? null : { code: 'DUPLICATE_VALUE' };
  });

/**
 * recordConsent: what the tenant agreed to, for whom, how long (after it starts, at most five years) and
 * the exact wording shown. Whether the recipient works on the case and the purpose fits its role is the
 * server's to check. `now` is when validFrom starts if none is given.
 */
export function recordConsentInputSchema(now: Date) {
  return z
    .object({
      caseId: requiredId(),
      recipientOrgId: requiredId(),
      purpose: requiredChoice(CONSENT_PURPOSES),
      categories: dataCategories(),
      validFrom: z.nullable(z.optional(z.date())),
      validUntil: z.nullable(z.optional(z.date())),
      channel: requiredChoice(CONSENT_CHANNELS),
      wordingVersion: withRule(requiredText({ max: 50 }), (version) =>
        VERSION_LABEL.test(version) ? null : { code: 'INVALID_VERSION_LABEL' },
      ),
      wordingText: requiredText({ min: MIN_CONSENT_WORDING, max: MAX_CONSENT_WORDING, multiline: true }),
    })
    .check(
      z.superRefine((consent, context) => {
        if (!consent.validUntil) return;
        const from = consent.validFrom ?? now;
        if (consent.validUntil <= from)
          reportFieldIssue(context, 'validUntil', 'DATE_BEFORE_OTHER', {
            min: from.toISOString().slice(0, 10),
            other: 'validFrom',
          });
        else if (consent.validUntil.getTime() - from.getTime() > MAX_CONSENT_VALIDITY_MS)
          reportFieldIssue(context, 'validUntil', 'DATE_TOO_LATE', {
            max: new Date(from.getTime() + MAX_CONSENT_VALIDITY_MS).toISOString().slice(0, 10),
          });
      }),
    );
}

/** withdrawConsent: which consent, and how the tenant withdrew it. */
export const withdrawConsentInputSchema = z.object({
  consentId: requiredId(),
  channel: requiredChoice(CONSENT_CHANNELS),
});
