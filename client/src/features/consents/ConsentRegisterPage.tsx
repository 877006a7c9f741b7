import { useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { ConsentRegisterFilter, ConsentState } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { PagedList } from '../../ui/PagedList';
import { useActor } from '../auth';
import { ConsentRegisterTable } from './ConsentRegisterTable';

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
          ...ConsentRegisterTable_Consent
        }
      }
    }
  }
`);

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
      <PageHeading className="long-words-heading">{t('register.title')}</PageHeading>
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
