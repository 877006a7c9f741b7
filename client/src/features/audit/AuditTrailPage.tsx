import { useQuery } from '@apollo/client/react';
import { AUDIT_ACTIONS } from '@vangnet/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { AuditAction, AuditEventFilter } from '../../gql/graphql';
import { toApiError } from '../../lib/graphql-errors';
import { Button } from '../../ui/Button';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { SelectField, TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { PagedList } from '../../ui/PagedList';
import { useActor } from '../auth';
import { AuditChainStatusPanel } from './AuditChainStatusPanel';
import { AuditEventTable } from './AuditEventTable';
import { amsterdamMidnight } from './day-boundaries';

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
          ...AuditEventTable_Event
        }
      }
    }
  }
`);

/** The filter as it stands in the address: `?handeling=READ&dossier=VN-2026&van=2026-11-01&tot=2026-11-27`. */
interface FilterDraft {
  readonly action: AuditAction | '';
  readonly reference: string;
  readonly from: string;
  readonly to: string;
}

function isAuditAction(value: string | null): value is AuditAction {
  return value !== null && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

function draftFromSearch(search: URLSearchParams): FilterDraft {
  const action = search.get('handeling');
  return {
    action: isAuditAction(action) ? action : '',
    reference: search.get('dossier') ?? '',
    from: search.get('van') ?? '',
    to: search.get('tot') ?? '',
  };
}

/** Days are Amsterdam days; "to" includes the whole day. */
function filterOf(draft: FilterDraft): AuditEventFilter {
  const from = draft.from ? amsterdamMidnight(draft.from) : null;
  const to = draft.to ? amsterdamMidnight(draft.to, 1) : null;
  return {
    ...(draft.action ? { action: draft.action } : {}),
    ...(draft.reference.trim() ? { caseReference: draft.reference.trim().toUpperCase() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

type DraftProblems = Partial<Record<'from' | 'to', 'invalidDate' | 'toBeforeFrom'>>;

function problemsOf(draft: FilterDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.from && !amsterdamMidnight(draft.from)) problems.from = 'invalidDate';
  if (draft.to && !amsterdamMidnight(draft.to)) problems.to = 'invalidDate';
  if (!problems.from && !problems.to && draft.from && draft.to && draft.to < draft.from)
    problems.to = 'toBeforeFrom';
  return problems;
}

/** The privacy officer's audit trail of their own organisation's actors: who did what, never the content. */
export function AuditTrailPage() {
  const { t } = useTranslation();
  const { actor } = useActor();
  usePageTitle(t('audit.title'));
  const ids = { action: useId(), reference: useId(), from: useId(), to: useId() };
  const [search, setSearch] = useSearchParams();
  const applied = draftFromSearch(search);
  const [draft, setDraft] = useState<FilterDraft>(applied);
  const [problems, setProblems] = useState<DraftProblems>({});
  // Back and forward change the filter in the address: the fields follow it.
  const searchKey = search.toString();
  const [draftFor, setDraftFor] = useState(searchKey);
  if (draftFor !== searchKey) {
    setDraftFor(searchKey);
    setDraft(applied);
    setProblems({});
  }
  const filter = filterOf(applied);
  const filtered = Object.keys(filter).length > 0;
  const { data, error, refetch, fetchMore } = useQuery(AuditEventsDocument, {
    variables: { first: PAGE_SIZE, filter },
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.auditEvents;
  const apiError = error ? toApiError(error) : null;
  const serverFieldErrors = apiError?.code === 'BAD_USER_INPUT' ? apiError.fieldErrors : {};

  function applyFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = problemsOf(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const next = new URLSearchParams();
    if (draft.action) next.set('handeling', draft.action);
    if (draft.reference.trim()) next.set('dossier', draft.reference.trim().toUpperCase());
    if (draft.from) next.set('van', draft.from);
    if (draft.to) next.set('tot', draft.to);
    setSearch(next);
  }

  function clearFilter() {
    setDraft({ action: '', reference: '', from: '', to: '' });
    setProblems({});
    setSearch(new URLSearchParams());
  }

  const fieldMessage = (field: 'from' | 'to'): string | undefined => {
    const problem = problems[field];
    if (problem) return t(`privacy.auditFilter.${problem}`);
    return serverFieldErrors[field];
  };
  const summary: FieldError[] = (['from', 'to'] as const).flatMap((field) => {
    const message = fieldMessage(field);
    return message ? [{ fieldId: ids[field], message }] : [];
  });

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <Paragraph className="lead">{t('audit.intro', { organization: actor.organizationName })}</Paragraph>
      <AuditChainStatusPanel />
      <ErrorSummary errors={summary} />
      <form
        role="search"
        aria-label={t('audit.filterLabel')}
        onSubmit={applyFilter}
        className="filter-form"
        noValidate
      >
        <SelectField
          id={ids.action}
          label={t('audit.action')}
          placeholder={t('audit.allActions')}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`auditActions.${action}`) }))}
          value={draft.action}
          onChange={(event) =>
            setDraft({ ...draft, action: isAuditAction(event.target.value) ? event.target.value : '' })
          }
        />
        <TextField
          id={ids.reference}
          label={t('audit.reference')}
          value={draft.reference}
          autoComplete="off"
          onChange={(event) => setDraft({ ...draft, reference: event.target.value })}
        />
        <TextField
          id={ids.from}
          type="date"
          label={t('privacy.auditFilter.from')}
          value={draft.from}
          error={fieldMessage('from')}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
        <TextField
          id={ids.to}
          type="date"
          label={t('privacy.auditFilter.to')}
          value={draft.to}
          error={fieldMessage('to')}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
        <Button type="submit" variant="secondary">
          {t('audit.apply')}
        </Button>
        {filtered ? (
          <Button variant="subtle" onClick={clearFilter}>
            {t('privacy.auditFilter.clear')}
          </Button>
        ) : null}
      </form>
      <PagedList
        connection={connection}
        count={(shown, count) => t('audit.count', { shown, count })}
        empty={filtered ? t('audit.empty') : t('privacy.auditFilter.emptyUnfiltered')}
        loading={{ label: t('audit.loading'), height: '20rem' }}
        // A refused filter is shown at its fields.
        error={apiError?.code === 'BAD_USER_INPUT' ? undefined : error}
        onRetry={() => void refetch()}
        onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor } })}
      >
        {(events) => <AuditEventTable events={events} caption={t('audit.caption')} />}
      </PagedList>
    </>
  );
}
