import { useTranslation } from 'react-i18next';

import { toApiError } from '../lib/graphql-errors';
import { Alert } from './Alert';
import { Button } from './Button';

/** A failed read, in plain words, with a way to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apiError = toApiError(error);
  return (
    <Alert type="error" live heading={t('state.errorHeading')}>
      <p className="utrecht-paragraph">{t(`errors.${apiError.code}`)}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t('state.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** Nothing to show: said in words, never an empty box. */
export function EmptyState({ children }: { children: string }) {
  return <p className="utrecht-paragraph empty-state">{children}</p>;
}
