import { useTranslation } from 'react-i18next';

import type { ConsentState } from '../../gql/graphql';
import { formatInstantDate } from '../../lib/format';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';

export const CONSENT_STATE_TONE: Record<ConsentState, BadgeTone> = {
  ACTIVE: 'safe',
  NOT_YET_VALID: 'neutral',
  EXPIRED: 'inactive',
  WITHDRAWN: 'danger',
};

export function ConsentStateBadge({ state }: { state: ConsentState }) {
  const { t } = useTranslation();
  return <StatusBadge tone={CONSENT_STATE_TONE[state]}>{t(`consentStates.${state}`)}</StatusBadge>;
}

/** "01-12-2026 t/m 01-12-2027" */
export function ValidityPeriod({ from, until }: { from: string; until: string }) {
  const { t } = useTranslation();
  return <>{t('consents.period', { from: formatInstantDate(from), until: formatInstantDate(until) })}</>;
}

/** The wording the tenant saw, verbatim, folded away until asked for. */
export function WordingDetails({ text, version }: { text: string; version: string }) {
  const { t } = useTranslation();
  return (
    <details className="wording-details">
      <summary>{t('consents.showWording', { version })}</summary>
      <blockquote className="consent-wording">{text}</blockquote>
    </details>
  );
}
