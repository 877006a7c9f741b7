import { useTranslation } from 'react-i18next';

import type { AccessReason, DataCategory } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { CONSENT_RESOLVES } from './access';

export interface WithheldPanelProps {
  readonly category: DataCategory;
  readonly reason: AccessReason | null | undefined;
  /** My (acting) organisation: the one the data is not shared with. */
  readonly organizationName: string;
  /** Offered when a consent of the tenant would resolve it and I may record consents on this case. */
  readonly onRecordConsent?: (category: DataCategory) => void;
}

/**
 * "Why can't I see this": the section is absent (the API sent null), and this says why in plain
 * words, naming my organisation, and what I can do about it.
 */
export function WithheldPanel({ category, reason, organizationName, onRecordConsent }: WithheldPanelProps) {
  const { t } = useTranslation();
  const why = reason ?? 'NO_CONSENT';
  const canAsk = onRecordConsent !== undefined && CONSENT_RESOLVES.includes(why);
  return (
    <div className="withheld" data-reason={why}>
      <p className="utrecht-paragraph withheld__title">
        <strong>{t('withheld.title')}</strong>
      </p>
      <p className="utrecht-paragraph">{t(`withheld.reasons.${why}`, { organization: organizationName })}</p>
      {why === 'CONSENT_WITHDRAWN' ? (
        <p className="utrecht-paragraph">{t('withheld.respectWithdrawal')}</p>
      ) : null}
      {canAsk ? (
        <Button variant="secondary" onClick={() => onRecordConsent(category)}>
          {`${why === 'NO_CONSENT' ? t('withheld.recordConsent') : t('withheld.renewConsent')} `}
          <span className="visually-hidden">
            {t('withheld.recordConsentFor', { category: t(`categories.${category}`) })}
          </span>
        </Button>
      ) : null}
    </div>
  );
}
