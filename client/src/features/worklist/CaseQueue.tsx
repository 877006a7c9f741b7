import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { ROUTES } from '../../app/routes';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { CaseFilter } from '../../gql/graphql';
import { formatDateTime, formatPersonName, formatNumber } from '../../lib/format';
import { Button, TextLink } from '../../ui/Button';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { TextField } from '../../ui/Field';
import { EmptyState, QueryError } from '../../ui/QueryState';
import { Skeleton } from '../../ui/Skeleton';
import { StatusBadge } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { CaseStatusBadge } from '../cases';

export const PAGE_SIZE = 20;

const CaseRowFragment = graphql(`
  fragment CaseRow_case on Case {
    id
    reference
    status
    coarseStatus
    crisis
    updatedAt
    origin {
      id
      name
    }
    assignees {
      id
      displayName
    }
    contact {
      initials
      prefix
      surname
    }
  }
`);

export const CaseQueueDocument = graphql(`
  query CaseQueue($first: Int!, $after: String, $filter: CaseFilter) {
    cases(first: $first, after: $after, filter: $filter) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          ...CaseRow_case
        }
      }
    }
  }
`);

function CaseRow({ caseRef }: { caseRef: FragmentType<typeof CaseRowFragment> }) {
  const { t } = useTranslation();
  const row = getFragmentData(CaseRowFragment, caseRef);
  return (
    <tr className="utrecht-table__row">
      <th scope="row" className="utrecht-table__header-cell">
        <TextLink to={ROUTES.case(row.id)}>{row.reference}</TextLink>
      </th>
      <td className="utrecht-table__cell">
        {row.contact ? (
          formatPersonName(row.contact)
        ) : (
          <span className="muted">{t('worklist.cases.withheld')}</span>
        )}
      </td>
      <td className="utrecht-table__cell">
        <CaseStatusBadge status={row.status} coarseStatus={row.coarseStatus} />{' '}
        {row.crisis ? <StatusBadge tone="danger">{t('case.crisis')}</StatusBadge> : null}
      </td>
      <td className="utrecht-table__cell">
        {row.assignees.length > 0
          ? row.assignees.map((user) => user.displayName).join(', ')
          : t('worklist.cases.unassigned')}
      </td>
      <td className="utrecht-table__cell">{row.origin.name}</td>
      <td className="utrecht-table__cell">{formatDateTime(row.updatedAt)}</td>
    </tr>
  );
}

export interface CaseQueueProps {
  /** The heading of the table. */
  readonly caption: string;
  /** true: mine; false: my organisation's queue; undefined: every case I may see. */
  readonly assignedToMe: boolean | undefined;
  readonly emptyText: string;
}

/** A searchable, paged list of cases (cursor pagination: "Meer laden"). */
export function CaseQueue({ caption, assignedToMe, emptyText }: CaseQueueProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [reference, setReference] = useState('');
  // A search by reference looks through every case I may see, whichever list is open.
  const filter: CaseFilter = reference ? { reference } : assignedToMe === undefined ? {} : { assignedToMe };
  const { data, loading, error, refetch, fetchMore } = useQuery(CaseQueueDocument, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.cases;

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setReference(search.trim().toUpperCase());
  }

  return (
    <div className="case-queue">
      <form
        role="search"
        aria-label={t('worklist.search.label')}
        onSubmit={submitSearch}
        className="search-form"
      >
        <TextField
          id={searchId}
          label={t('worklist.search.field')}
          description={t('worklist.search.description')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="search-form__buttons">
          <Button type="submit" variant="secondary">
            {t('worklist.search.submit')}
          </Button>
          {reference ? (
            <Button
              variant="subtle"
              onClick={() => {
                setSearch('');
                setReference('');
              }}
            >
              {t('worklist.search.clear')}
            </Button>
          ) : null}
        </div>
      </form>
      <div aria-live="polite" className="case-queue__status">
        {connection ? (
          <p className="utrecht-paragraph">
            {reference
              ? t('worklist.cases.countSearch', { count: connection.totalCount, reference })
              : connection.totalCountCapped
                ? t('worklist.cases.countMore', {
                    shown: connection.edges.length,
                    total: formatNumber(connection.totalCount),
                  })
                : t('worklist.cases.count', { shown: connection.edges.length, count: connection.totalCount })}
          </p>
        ) : null}
      </div>
      {connection ? (
        connection.edges.length === 0 ? (
          <EmptyState>{reference ? t('worklist.cases.noMatch', { reference }) : emptyText}</EmptyState>
        ) : (
          <>
            <Table caption={reference ? t('worklist.search.results', { reference }) : caption}>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.reference')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.tenant')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.status')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.assignees')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.origin')}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('worklist.cases.updatedAt')}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {connection.edges.map((edge) => (
                  <CaseRow key={edge.node.id} caseRef={edge.node} />
                ))}
              </tbody>
            </Table>
            <LoadMoreButton
              hasNextPage={connection.pageInfo.hasNextPage}
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          </>
        )
      ) : loading ? (
        <Skeleton height="14rem" label={t('worklist.cases.loading')} />
      ) : error ? (
        <QueryError error={error} onRetry={() => void refetch()} />
      ) : null}
    </div>
  );
}
