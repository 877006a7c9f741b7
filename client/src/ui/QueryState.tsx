import { getApolloContext } from '@apollo/client/react';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';

import { toApiError } from '../lib/graphql-errors';
import { Alert } from './Alert';
import { Button } from './Button';

/**
 * A failed read, in plain words, with a way to try again. When Vangnet is only briefly unreachable
 * (SERVICE_UNAVAILABLE: database restarting, server behind a proxy restarting) it says so instead of
 * "something went wrong", and always offers to try again: without `onRetry`, every query on screen is
 * read again.
 */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const apollo = useContext(getApolloContext()).client;
  const apiError = toApiError(error);
  const unavailable = apiError.code === 'SERVICE_UNAVAILABLE';
  const retry =
    onRetry ?? (unavailable && apollo ? () => void apollo.refetchQueries({ include: 'active' }) : undefined);
  return (
    <Alert type="error" live heading={t('state.errorHeading')}>
      <p className="utrecht-paragraph">{t(`errors.${apiError.code}`)}</p>
      {retry ? (
        <Button variant="secondary" onClick={retry}>
          {unavailable ? t('state.retryNow') : t('state.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** Nothing to show: said in words, never an empty box. */
export function EmptyState({ children }: { children: string }) {
  return <p className="utrecht-paragraph empty-state">{children}</p>;
}
