import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { submitFailure } from '../../lib/form';
import { Button } from '../../ui/Button';
import { Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { SelectField } from '../../ui/Field';
import { Skeleton } from '../../ui/Skeleton';

export const AssignableUsersDocument = graphql(`
  query AssignableUsers {
    assignableUsers {
      id
      displayName
    }
  }
`);

export const AssignCaseDocument = graphql(`
  mutation AssignCase($input: AssignCaseInput!) {
    assignCase(input: $input) {
      id
      assignees {
        id
        displayName
      }
    }
  }
`);

export interface AssignmentPanelProps {
  readonly caseId: string;
  /** My organisation's current assignees of the case. */
  readonly assignees: readonly { readonly id: string; readonly displayName: string }[];
}

/**
 * The team lead decides who of the organisation works the case (need-to-know: an assigned case leaves
 * the queue of the other case workers), or puts it back in the organisation's queue.
 */
export function AssignmentPanel({ caseId, assignees }: AssignmentPanelProps) {
  const { t } = useTranslation();
  const selectId = useId();
  const colleagues = useQuery(AssignableUsersDocument, { fetchPolicy: 'cache-first' });
  const current = assignees[0]?.id ?? '';
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [assign, { loading }] = useMutation(AssignCaseDocument, {
    // The queues filter by assignee: the cached lists must not keep the old assignment.
    update(cache) {
      cache.evict({ fieldName: 'cases' });
      cache.evict({ fieldName: 'myDeadlines' });
      cache.gc();
    },
  });
  const selected = chosen ?? current;

  async function save(assigneeId: string | null) {
    setError(undefined);
    setMessage(null);
    try {
      const result = await assign({ variables: { input: { caseId, assigneeId } } });
      const names = result.data?.assignCase.assignees.map((user) => user.displayName) ?? [];
      setChosen(null);
      setMessage(
        names.length > 0 ? t('assignment.assigned', { name: names.join(', ') }) : t('assignment.toQueueDone'),
      );
    } catch (failure) {
      const { fieldErrors, message: text } = submitFailure(failure, t);
      setError(fieldErrors.assigneeId ?? text ?? t('errors.INTERNAL_SERVER_ERROR'));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) {
      setError(t('assignment.chooseSomeone'));
      return;
    }
    void save(selected);
  }

  if (colleagues.error) {
    return <QueryError error={colleagues.error} onRetry={() => void colleagues.refetch()} />;
  }
  if (!colleagues.data) return <Skeleton lines={3} label={t('assignment.loading')} />;

  return (
    <form className="form assignment-form" onSubmit={submit} noValidate>
      <Paragraph>
        {assignees.length > 0
          ? t('assignment.currently', { name: assignees.map((user) => user.displayName).join(', ') })
          : t('assignment.inQueue')}
      </Paragraph>
      <SelectField
        id={selectId}
        label={t('assignment.colleague')}
        description={t('assignment.colleagueHint')}
        placeholder={t('assignment.choose')}
        options={colleagues.data.assignableUsers.map((user) => ({ value: user.id, label: user.displayName }))}
        value={selected}
        error={error}
        onChange={(event) => setChosen(event.target.value)}
      />
      <div className="button-row">
        <Button
          type="submit"
          variant="primary"
          busy={loading}
          disabled={selected === current && current !== ''}
        >
          {t('assignment.assign')}
        </Button>
        {assignees.length > 0 ? (
          <Button variant="secondary" busy={loading} onClick={() => void save(null)}>
            {t('assignment.toQueue')}
          </Button>
        ) : null}
      </div>
      <p role="status" className="utrecht-paragraph status-line">
        {message}
      </p>
    </form>
  );
}
