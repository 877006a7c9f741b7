import { useQuery } from '@apollo/client/react';
import { AUDIT_ACTIONS } from '@vangnet/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { AuditAction, AuditEventFilter } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Button } from '../../ui/Button';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { EmptyState, QueryError } from '../../ui/QueryState';
import { Skeleton } from '../../ui/Skeleton';
import { StatusBadge } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { useActor } from '../auth/session';

const PAGE_SIZE = 50;

export const AuditEventsDocument = graphql(`
  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          seq
          occurredAt
          action
          entityType
          caseReference
          categories
          basis
          listedCaseIds
          sealed
          actor {
            id
            displayName
          }
          actingOrganization {
            id
            name
          }
        }
      }
    }
  }
`);

/** The privacy officer's audit trail of their own organisation's actors: who did what, never the content. */
export function AuditTrailPage() {
  const { t } = useTranslation();
  const { actor } = useActor();
  usePageTitle(t('audit.title'));
  const ids = { action: useId(), reference: useId() };
  const [draft, setDraft] = useState<{ action: AuditAction | ''; reference: string }>({
    action: '',
    reference: '',
  });
  const [filter, setFilter] = useState<AuditEventFilter>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(AuditEventsDocument, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.auditEvents;

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter({
      ...(draft.action ? { action: draft.action } : {}),
      ...(draft.reference.trim() ? { caseReference: draft.reference.trim().toUpperCase() } : {}),
    });
  }

  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection.pageInfo.endCursor } });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <Paragraph className="lead">{t('audit.intro', { organization: actor.organizationName })}</Paragraph>
      <form role="search" aria-label={t('audit.filterLabel')} onSubmit={applyFilter} className="filter-form">
        <SelectField
          id={ids.action}
          label={t('audit.action')}
          placeholder={t('audit.allActions')}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`auditActions.${action}`) }))}
          value={draft.action}
          onChange={(event) => setDraft({ ...draft, action: event.target.value as AuditAction | '' })}
        />
        <TextField
          id={ids.reference}
          label={t('audit.reference')}
          value={draft.reference}
          autoComplete="off"
          onChange={(event) => setDraft({ ...draft, reference: event.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t('audit.apply')}
        </Button>
      </form>
      <div aria-live="polite">
        {connection ? (
          <p className="utrecht-paragraph">
            {t('audit.count', { shown: connection.edges.length, count: connection.totalCount })}
          </p>
        ) : null}
      </div>
      {connection ? (
        connection.edges.length === 0 ? (
          <EmptyState>{t('audit.empty')}</EmptyState>
        ) : (
          <>
            <Table caption={t('audit.caption')}>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.when')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.who')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.what')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.case')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.categories')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('audit.columns.basis')}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {connection.edges.map(({ node }) => (
                  <tr key={node.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">
                      {formatDateTime(node.occurredAt)}
                      <br />
                      <span className="muted">
                        #{node.seq} {node.sealed ? t('audit.sealed') : t('audit.unsealed')}
                      </span>
                    </td>
                    <td className="utrecht-table__cell">
                      {node.actor?.displayName ?? t('audit.system')}
                      {node.actingOrganization ? (
                        <span className="muted">
                          <br />
                          {node.actingOrganization.name}
                        </span>
                      ) : null}
                    </td>
                    <td className="utrecht-table__cell">
                      <StatusBadge tone={node.action === 'ACCESS_DENIED' ? 'danger' : 'neutral'}>
                        {t(`auditActions.${node.action}`)}
                      </StatusBadge>{' '}
                      <span className="muted">{node.entityType}</span>
                    </td>
                    <td className="utrecht-table__cell">
                      {node.caseReference ??
                        (node.listedCaseIds.length > 0
                          ? t('audit.listedCases', {
                              count: node.listedCaseIds.length,
                              formatted: formatNumber(node.listedCaseIds.length),
                            })
                          : '—')}
                    </td>
                    <td className="utrecht-table__cell">
                      {node.categories.length > 0
                        ? node.categories.map((category) => t(`categories.${category}`)).join(', ')
                        : '—'}
                    </td>
                    <td className="utrecht-table__cell">{node.basis ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <LoadMoreButton
              hasNextPage={connection.pageInfo.hasNextPage}
              loading={loadingMore}
              onLoadMore={loadMore}
            />
          </>
        )
      ) : loading ? (
        <Skeleton height="20rem" label={t('audit.loading')} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : null}
    </>
  );
}
