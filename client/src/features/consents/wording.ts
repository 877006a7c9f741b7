import type { TFunction } from 'i18next';

import type { ConsentPurpose, DataCategory } from '../../gql/graphql';
import type { Language } from '../../app/i18n';

/** Bump when the text in the locale files (consentWording.*) changes: the version is kept with every consent. */
export const CONSENT_WORDING_REVISION = 1;

export function consentWordingVersion(language: Language): string {
  return `vangnet-toestemming-v${CONSENT_WORDING_REVISION}-${language}`;
}

export interface ConsentWordingInput {
  readonly recipient: string;
  readonly recorder: string;
  readonly purpose: ConsentPurpose;
  readonly categories: readonly DataCategory[];
  /** Already formatted, e.g. 26-11-2027. */
  readonly validUntil: string;
}

/**
 * The B1 text shown to the tenant, in the tenant's language (a fixed `t` for it). Exactly this text is
 * sent with the consent and kept verbatim, so what the tenant saw can always be shown again.
 */
export function consentWording(t: TFunction, input: ConsentWordingInput): string {
  const lines = [
    t('consentWording.intro', { recipient: input.recipient }),
    ...input.categories.map((category) => `- ${t(`consentWording.categories.${category}`)}`),
    '',
    t('consentWording.purpose', { purpose: t(`consentWording.purposes.${input.purpose}`) }),
    t('consentWording.validUntil', { date: input.validUntil }),
    t('consentWording.withdraw', { recorder: input.recorder }),
    t('consentWording.noConsequences'),
  ];
  return lines.join('\n');
}
