import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ConsentRegisterFilter, ConsentState } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { PagedList } from '../../ui/PagedList';
import { Table } from '../../ui/Table';
import { useActor } from '../auth/session';
import { TenantExportButton } from '../privacy/TenantExport';
import { ConsentStateBadge, ValidityPeriod, WordingDetails } from './ConsentList';
import '../privacy/privacy.css';

const CONSENT_STATES: readonly ConsentState[] = ['ACTIVE', 'NOT_YET_VALID', 'EXPIRED', 'WITHDRAWN'];
const PAGE_SIZE = 25;

/** One consent in the register: the tenant's case, to whom, what for, and who recorded it. */
export const ConsentRegisterRowFragment = graphql(`
  fragment ConsentRegisterTable_Consent on Consent {
    id
    caseId
    caseReference
    tenantId
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
`);

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
          ...ConsentRegisterTable_Consent
        }
      }
    }
  }
`);

export interface ConsentRegisterTableProps {
  readonly consents: readonly FragmentType<typeof ConsentRegisterRowFragment>[];
  readonly caption: string;
  /**
   * On the privacy page of one case the rows need no link to it, and the access export is offered
   * once for the case rather than per row.
   */
  readonly withinCase?: boolean;
}

/** The register's rows; also the consents section of the privacy officer's page of one case. */
export function ConsentRegisterTable({ consents, caption, withinCase = false }: ConsentRegisterTableProps) {
  const { t } = useTranslation();
  return (
    <Table caption={caption}>
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
          {withinCase ? null : (
            <th scope="col" className="utrecht-table__header-cell">
              {t('privacy.register.actions')}
            </th>
          )}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {consents.map((consentRef) => {
          const consent = getFragmentData(ConsentRegisterRowFragment, consentRef);
          return (
            <tr key={consent.id} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {!withinCase ? (
                  <Link
                    to={ROUTES.privacyCase(consent.caseId)}
                    state={{ reference: consent.caseReference }}
                    className="utrecht-link"
                  >
                    {consent.caseReference}
                  </Link>
                ) : (
                  consent.caseReference
                )}
              </th>
              <td className="utrecht-table__cell">{consent.recipient.name}</td>
              <td className="utrecht-table__cell">
                {t(`purposes.${consent.purpose}`)}
                <br />
                <span className="muted">
                  {consent.categories.map((category) => t(`categories.${category}`)).join(', ')}
                </span>
                <WordingDetails text={consent.wordingText} version={consent.wordingVersion} />
              </td>
              <td className="utrecht-table__cell">
                <ValidityPeriod from={consent.validFrom} until={consent.validUntil} />
              </td>
              <td className="utrecht-table__cell">
                <ConsentStateBadge state={consent.state} />
                {consent.withdrawnAt ? (
                  <span className="muted">
                    <br />
                    {t('register.withdrawnAt', {
                      date: formatDateTime(consent.withdrawnAt),
                      person: consent.withdrawnBy?.displayName ?? '—',
                    })}
                    {consent.withdrawalChannel
                      ? `, ${t(`consentChannels.${consent.withdrawalChannel}`)}`
                      : null}
                  </span>
                ) : null}
              </td>
              <td className="utrecht-table__cell">
                {formatDateTime(consent.recordedAt)}
                <br />
                <span className="muted">
                  {consent.recordedBy.displayName} ({consent.recordedByOrganization.name}),{' '}
                  {t(`consentChannels.${consent.channel}`)}
                </span>
              </td>
              {withinCase ? null : (
                <td className="utrecht-table__cell">
                  <TenantExportButton
                    tenantId={consent.tenantId}
                    caseReference={consent.caseReference}
                    variant="subtle"
                  />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

interface FilterDraft {
  readonly state: ConsentState | '';
  readonly reference: string;
}

function isConsentState(value: string | null): value is ConsentState {
  return value !== null && (CONSENT_STATES as readonly string[]).includes(value);
}

/** The filter as it stands in the address: `?status=ACTIVE&dossier=VN-2026`. */
function draftFromSearch(search: URLSearchParams): FilterDraft {
  const state = search.get('status');
  return { state: isConsentState(state) ? state : '', reference: search.get('dossier') ?? '' };
}

function filterOf(draft: FilterDraft): ConsentRegisterFilter {
  return {
    ...(draft.state ? { state: draft.state } : {}),
    ...(draft.reference.trim() ? { caseReference: draft.reference.trim().toUpperCase() } : {}),
  };
}

/** The privacy officer's register: every consent given to or recorded by my organisation. */
export function ConsentRegisterPage() {
  const { t } = useTranslation();
  const { actor } = useActor();
  usePageTitle(t('register.title'));
  const ids = { state: useId(), reference: useId() };
  const [search, setSearch] = useSearchParams();
  const applied = draftFromSearch(search);
  const [draft, setDraft] = useState<FilterDraft>(applied);
  // Back and forward change the filter in the address: the fields follow it.
  const searchKey = search.toString();
  const [draftFor, setDraftFor] = useState(searchKey);
  if (draftFor !== searchKey) {
    setDraftFor(searchKey);
    setDraft(applied);
  }
  const filter = filterOf(applied);
  const filtered = Object.keys(filter).length > 0;
  const { data, error, refetch, fetchMore } = useQuery(ConsentRegisterDocument, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.consentRegister;

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.state) next.set('status', draft.state);
    if (draft.reference.trim()) next.set('dossier', draft.reference.trim().toUpperCase());
    setSearch(next);
  }

  function clearFilter() {
    setDraft({ state: '', reference: '' });
    setSearch(new URLSearchParams());
  }

  return (
    <>
      <PageHeading className="privacy-page-heading">{t('register.title')}</PageHeading>
      <Paragraph className="lead">{t('register.intro', { organization: actor.organizationName })}</Paragraph>
      <Paragraph>{t('privacy.register.exportHint')}</Paragraph>
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
          onChange={(event) =>
            setDraft({ ...draft, state: isConsentState(event.target.value) ? event.target.value : '' })
          }
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
        {filtered ? (
          <Button variant="subtle" onClick={clearFilter}>
            {t('privacy.register.clear')}
          </Button>
        ) : null}
      </form>
      <PagedList
        connection={connection}
        count={(shown, count) => t('register.count', { shown, count })}
        empty={t('register.empty')}
        loading={{ label: t('register.loading'), height: '16rem' }}
        error={error}
        onRetry={() => void refetch()}
        onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor } })}
      >
        {(consents) => <ConsentRegisterTable consents={consents} caption={t('register.caption')} />}
      </PagedList>
    </>
  );
}
