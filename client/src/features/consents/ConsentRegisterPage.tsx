import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { ConsentRegisterFilter, ConsentState } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { EmptyState, QueryError } from '../../ui/QueryState';
import { Skeleton } from '../../ui/Skeleton';
import { Table } from '../../ui/Table';
import { useActor } from '../auth/session';
import { ConsentStateBadge, ValidityPeriod, WordingDetails } from './ConsentList';

const CONSENT_STATES: readonly ConsentState[] = ['ACTIVE', 'NOT_YET_VALID', 'EXPIRED', 'WITHDRAWN'];
const PAGE_SIZE = 25;

export const ConsentRegisterDocument = graphql(`
  query ConsentRegister($first: Int!, $after: String, $filter: ConsentRegisterFilter) {
    consentRegister(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          caseReference
          state
          purpose
          categories
          channel
          validFrom
          validUntil
          recordedAt
          withdrawnAt
          withdrawalChannel
          wordingText
          wordingVersion
          recipient {
            id
            name
          }
          recordedBy {
            id
            displayName
          }
          recordedByOrganization {
            id
            name
          }
          withdrawnBy {
            id
            displayName
          }
        }
      }
    }
  }
`);

/** The privacy officer's register: every consent given to or recorded by my organisation. */
export function ConsentRegisterPage() {
  const { t } = useTranslation();
  const { actor } = useActor();
  usePageTitle(t('register.title'));
  const ids = { state: useId(), reference: useId() };
  const [draft, setDraft] = useState<{ state: ConsentState | ''; reference: string }>({
    state: '',
    reference: '',
  });
  const [filter, setFilter] = useState<ConsentRegisterFilter>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, loading, error, refetch, fetchMore } = useQuery(ConsentRegisterDocument, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.consentRegister;

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilter({
      ...(draft.state ? { state: draft.state } : {}),
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
      <PageHeading>{t('register.title')}</PageHeading>
      <Paragraph className="lead">{t('register.intro', { organization: actor.organizationName })}</Paragraph>
      <form
        role="search"
        aria-label={t('register.filterLabel')}
        onSubmit={applyFilter}
        className="filter-form"
      >
        <SelectField
          id={ids.state}
          label={t('register.state')}
          placeholder={t('register.allStates')}
          options={CONSENT_STATES.map((state) => ({ value: state, label: t(`consentStates.${state}`) }))}
          value={draft.state}
          onChange={(event) => setDraft({ ...draft, state: event.target.value as ConsentState | '' })}
        />
        <TextField
          id={ids.reference}
          label={t('register.reference')}
          value={draft.reference}
          autoComplete="off"
          onChange={(event) => setDraft({ ...draft, reference: event.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t('register.apply')}
        </Button>
      </form>
      <div aria-live="polite">
        {connection ? (
          <p className="utrecht-paragraph">
            {t('register.count', { shown: connection.edges.length, count: connection.totalCount })}
          </p>
        ) : null}
      </div>
      {connection ? (
        connection.edges.length === 0 ? (
          <EmptyState>{t('register.empty')}</EmptyState>
        ) : (
          <>
            <Table caption={t('register.caption')}>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.case')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.recipient')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.purposeAndCategories')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.validity')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.state')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('register.columns.recorded')}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {connection.edges.map(({ node }) => (
                  <tr key={node.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell">
                      {node.caseReference}
                    </th>
                    <td className="utrecht-table__cell">{node.recipient.name}</td>
                    <td className="utrecht-table__cell">
                      {t(`purposes.${node.purpose}`)}
                      <br />
                      <span className="muted">
                        {node.categories.map((category) => t(`categories.${category}`)).join(', ')}
                      </span>
                      <WordingDetails text={node.wordingText} version={node.wordingVersion} />
                    </td>
                    <td className="utrecht-table__cell">
                      <ValidityPeriod from={node.validFrom} until={node.validUntil} />
                    </td>
                    <td className="utrecht-table__cell">
                      <ConsentStateBadge state={node.state} />
                      {node.withdrawnAt ? (
                        <span className="muted">
                          <br />
                          {t('register.withdrawnAt', {
                            date: formatDateTime(node.withdrawnAt),
                            person: node.withdrawnBy?.displayName ?? '—',
                          })}
                        </span>
                      ) : null}
                    </td>
                    <td className="utrecht-table__cell">
                      {formatDateTime(node.recordedAt)}
                      <br />
                      <span className="muted">
                        {node.recordedBy.displayName} ({node.recordedByOrganization.name}),{' '}
                        {t(`consentChannels.${node.channel}`)}
                      </span>
                    </td>
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
        <Skeleton height="16rem" label={t('register.loading')} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : null}
    </>
  );
}
