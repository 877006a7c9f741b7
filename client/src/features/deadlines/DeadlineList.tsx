import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';

import { ROUTES } from '../../app/routes';
import { graphql } from '../../gql';
import type { MyDeadlinesQuery } from '../../gql/graphql';
import { TextLink } from '../../ui/Button';
import { EmptyState, QueryError } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { Skeleton } from '../../ui/Skeleton';
import { CountdownBadge } from './Countdown';
import { orderDeadlines } from './deadlines';

export const MyDeadlinesDocument = graphql(`
  query MyDeadlines {
    myDeadlines {
      caseId
      caseReference
      kind
      dueOn
      state
      workingDaysLeft
      description
    }
  }
`);

type Deadline = MyDeadlinesQuery['myDeadlines'][number];

export function DeadlineItems({ deadlines }: { deadlines: readonly Deadline[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="deadline-list" aria-label={t('worklist.deadlines.listLabel')}>
      {orderDeadlines(deadlines).map((deadline) => (
        <li
          key={`${deadline.caseId}:${deadline.kind}:${deadline.dueOn}`}
          className={`deadline-list__item deadline-list__item--${deadline.state.toLowerCase()}`}
        >
          <div className="deadline-list__main">
            <TextLink to={ROUTES.case(deadline.caseId)} className="deadline-list__reference">
              {deadline.caseReference}
            </TextLink>
            <span className="deadline-list__kind">{t(`deadlineKinds.${deadline.kind}`)}</span>
          </div>
          <CountdownBadge
            workingDaysLeft={deadline.workingDaysLeft}
            dueOn={deadline.dueOn}
            overdue={deadline.state === 'OVERDUE'}
          />
          {i18n.resolvedLanguage === 'nl' ? (
            <p className="utrecht-paragraph deadline-list__description">{deadline.description}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** My deadlines: overdue first, each with a countdown in working days. */
export function DeadlineList() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MyDeadlinesDocument, {
    fetchPolicy: 'cache-and-network',
  });
  const deadlines = data?.myDeadlines;
  const overdue = deadlines?.filter((deadline) => deadline.state === 'OVERDUE').length ?? 0;

  return (
    <Section title={t('worklist.deadlines.title')}>
      {deadlines ? (
        <>
          <p className="utrecht-paragraph" role="status">
            {deadlines.length === 0
              ? t('worklist.deadlines.empty')
              : t('worklist.deadlines.summary', { count: deadlines.length, overdue })}
          </p>
          {deadlines.length > 0 ? <DeadlineItems deadlines={deadlines} /> : null}
        </>
      ) : loading ? (
        <Skeleton lines={4} label={t('worklist.deadlines.loading')} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : (
        <EmptyState>{t('worklist.deadlines.empty')}</EmptyState>
      )}
    </Section>
  );
}
