import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { formatDateTime } from '../../lib/format';
import { Alert } from '../../ui/Alert';
import { QueryError } from '../../ui/QueryState';

export const AuditChainStatusDocument = graphql(`
  query AuditChainStatus {
    auditChainStatus {
      state
      verifiedThroughSeq
      checkedAt
      firstBrokenSeq
      waitingToBeSealed
    }
  }
`);

/** `26-11-2026 14:05` (Amsterdam) as the date and the time the sentences name separately. */
function moment(iso: string): { date: string; time: string } {
  const [date = '', time = ''] = formatDateTime(iso).split(' ');
  return { date, time };
}

/**
 * Whether the audit log is still as it was written, in plain words: the servers verify the sealed
 * rows as they seal them, and this shows their last verdict (with the rows still waiting).
 */
export function AuditChainStatusPanel() {
  const { t } = useTranslation();
  const { data, error, refetch } = useQuery(AuditChainStatusDocument, { fetchPolicy: 'cache-and-network' });
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const status = data?.auditChainStatus;
  if (!status) return <p className="utrecht-paragraph">{t('auditChain.loading')}</p>;

  const checked = status.checkedAt ? moment(status.checkedAt) : null;
  const waiting =
    status.waitingToBeSealed > 0 ? (
      <p className="utrecht-paragraph">{t('auditChain.waiting', { count: status.waitingToBeSealed })}</p>
    ) : null;
  const explanation = <p className="utrecht-paragraph">{t('auditChain.explanation')}</p>;

  if (status.state === 'BROKEN')
    return (
      <Alert type="error" heading={t('auditChain.brokenHeading')}>
        <p className="utrecht-paragraph">{t('auditChain.broken', { seq: status.firstBrokenSeq })}</p>
        {status.verifiedThroughSeq && checked ? (
          <p className="utrecht-paragraph">
            {t('auditChain.brokenIntactBefore', { seq: status.verifiedThroughSeq, ...checked })}
          </p>
        ) : null}
        <p className="utrecht-paragraph">{t('auditChain.brokenWhatToDo')}</p>
        {explanation}
      </Alert>
    );

  if (status.state === 'INTACT' && status.verifiedThroughSeq && checked)
    return (
      <Alert type="ok" heading={t('auditChain.title')}>
        <p className="utrecht-paragraph">
          {t('auditChain.intact', { seq: status.verifiedThroughSeq, ...checked })}
        </p>
        {waiting}
        {explanation}
      </Alert>
    );

  return (
    <Alert type="info" heading={t('auditChain.title')}>
      <p className="utrecht-paragraph">{t('auditChain.notChecked')}</p>
      {waiting}
      {explanation}
    </Alert>
  );
}
