import { useMutation } from '@apollo/client/react';
import { actionItemPatchSchema } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ActionItemStatus } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { ConflictDialog, type ConflictField } from '../../ui/ConflictDialog';
import { ActionComments } from './ActionComments';
import { ChangeHistory } from './ChangeHistory';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';
import { chosenValue, textOf, useVersionedEdit } from './useVersionedEdit';

export const ActionItemFragment = graphql(`
  fragment ActionItem_item on ActionItem {
    id
    title
    description
    status
    dueDate
    version
    updatedAt
    ownerOrganization {
      id
      name
    }
    assignee {
      id
      displayName
    }
    createdByOrganization {
      id
      name
    }
    comments {
      id
      ...ActionComment_comment
    }
    history {
      ...ChangeHistory_change
    }
  }
`);

const UpdateActionItemDocument = graphql(`
  mutation UpdateActionItem($input: UpdateActionItemInput!) {
    updateActionItem(input: $input) {
      id
      ...ActionItem_item
    }
  }
`);

export const ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'];

const STATUS_TONE: Record<ActionItemStatus, BadgeTone> = {
  OPEN: 'neutral',
  IN_PROGRESS: 'active',
  DONE: 'safe',
  CANCELLED: 'inactive',
};

function isActionItemStatus(value: unknown): value is ActionItemStatus {
  return typeof value === 'string' && (ACTION_ITEM_STATUSES as readonly string[]).includes(value);
}

/** Past its due date while still to be done. */
export function isOverdue(item: { dueDate?: string | null; status: ActionItemStatus }, today = todayIso()) {
  return (
    Boolean(item.dueDate) &&
    (item.dueDate ?? '') < today &&
    (item.status === 'OPEN' || item.status === 'IN_PROGRESS')
  );
}

/** The editable fields of an action, as the form holds them. */
interface ItemDraft {
  title: string;
  description: string;
  status: ActionItemStatus;
  dueDate: string;
}

/** What updateActionItem gets from the form: trimmed text, and null for what was left empty. */
function patchOf(values: ItemDraft) {
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    status: values.status,
    dueDate: values.dueDate || null,
  };
}

function ItemEditor({
  item,
  onDone,
  onCancel,
}: {
  item: { id: string; version: number } & ItemDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { title: useId(), description: useId(), status: useId(), dueDate: useId() };
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [update, { loading }] = useMutation(UpdateActionItemDocument);
  const edit = useVersionedEdit<ItemDraft>({
    initial: {
      title: item.title,
      description: item.description,
      status: item.status,
      dueDate: item.dueDate,
    },
    version: item.version,
    // An empty title gets the form's own words; the rest (dates from 1990 to ten years ahead, lengths,
    // stray control characters) the server's own rules from the shared schema, on the patch it would get.
    validate: (values): Record<string, string> =>
      values.title.trim()
        ? formIssues(actionItemPatchSchema(todayIso()), patchOf(values), t)
        : { title: t('actionPlan.errors.title') },
    write: (values, expectedVersion) =>
      update({ variables: { input: { id: item.id, expectedVersion, patch: patchOf(values) } } }),
    theirsOf: (current, mine) => ({
      title: textOf(current.title),
      description: textOf(current.description),
      status: isActionItemStatus(current.status) ? current.status : mine.status,
      dueDate: textOf(current.dueDate),
    }),
    onSaved: (values) => onDone(t('actionPlan.saved', { title: values.title.trim() })),
  });
  const { draft, setDraft, errors, conflict } = edit;

  const statusLabel = (status: ActionItemStatus) => t(`actionItemStatus.${status}`);
  const dateLabel = (date: string) => (date ? formatDate(date) : '');
  const conflictFields: ConflictField[] = conflict
    ? [
        {
          key: 'title',
          label: t('actionPlan.fields.title'),
          mine: draft.title,
          theirs: conflict.theirs.title,
        },
        {
          key: 'description',
          label: t('actionPlan.fields.description'),
          mine: draft.description,
          theirs: conflict.theirs.description,
          multiline: true,
        },
        {
          key: 'status',
          label: t('actionPlan.fields.status'),
          mine: statusLabel(draft.status),
          theirs: statusLabel(conflict.theirs.status),
          editable: false,
        },
        {
          key: 'dueDate',
          label: t('actionPlan.fields.dueDate'),
          mine: dateLabel(draft.dueDate),
          theirs: dateLabel(conflict.theirs.dueDate),
          editable: false,
        },
      ]
    : [];

  return (
    <>
      <FormShell
        ref={formRef}
        className="form action-item__editor"
        onSubmit={() => void edit.submit()}
        errors={summaryOf(errors, ids)}
        message={edit.message}
        submitLabel={t('actionPlan.save')}
        busy={loading}
        onCancel={onCancel}
      >
        <TextField
          id={ids.title}
          label={t('actionPlan.fields.title')}
          value={draft.title}
          error={errors.title}
          maxLength={200}
          onChange={(event) => setDraft({ ...draft, title: event.target.value })}
        />
        <TextareaField
          id={ids.description}
          label={t('actionPlan.fields.description')}
          description={t('actionPlan.descriptionHint')}
          value={draft.description}
          rows={3}
          maxLength={2000}
          error={errors.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
        <SelectField
          id={ids.status}
          label={t('actionPlan.fields.status')}
          options={ACTION_ITEM_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
          value={draft.status}
          error={errors.status}
          onChange={(event) => {
            const status = event.target.value;
            if (isActionItemStatus(status)) setDraft({ ...draft, status });
          }}
        />
        <TextField
          id={ids.dueDate}
          type="date"
          label={t('actionPlan.fields.dueDate')}
          description={t('common.optional')}
          value={draft.dueDate}
          error={errors.dueDate}
          onChange={(event) => setDraft({ ...draft, dueDate: event.target.value })}
        />
      </FormShell>
      {conflict ? (
        <ConflictDialog
          title={t('conflict.titleAction')}
          fields={conflictFields}
          {...conflict.savedBy}
          busy={loading}
          onCancel={edit.dismissConflict}
          onResolve={(merged) => {
            const theirs = conflict.theirs;
            void edit.resolve({
              title: merged.title ?? theirs.title,
              description: merged.description ?? theirs.description,
              status: chosenValue(merged.status, draft.status, theirs.status, statusLabel),
              dueDate: chosenValue(merged.dueDate, draft.dueDate, theirs.dueDate, dateLabel),
            });
          }}
        />
      ) : null}
    </>
  );
}

/**
 * One action of the plan: what, who (organisation and person), by when — overdue ones stand out —,
 * its comments and its change history. Editing names the version it started from.
 */
export function ActionItemView({
  itemRef,
  mayEdit,
  onSaved,
}: {
  itemRef: FragmentType<typeof ActionItemFragment>;
  mayEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const item = getFragmentData(ActionItemFragment, itemRef);
  const [editing, setEditing] = useState(false);
  const editOpenerId = useReturnFocus(editing);
  const overdue = isOverdue(item);

  return (
    <li className={['action-item', overdue ? 'action-item--overdue' : ''].filter(Boolean).join(' ')}>
      <div className="action-item__header">
        <Heading level={4} className="action-item__title">
          {item.title}
        </Heading>
        <span className="action-item__badges">
          <StatusBadge tone={STATUS_TONE[item.status]}>{t(`actionItemStatus.${item.status}`)}</StatusBadge>
          {overdue ? <StatusBadge tone="danger">{t('planEditing.actions.overdue')}</StatusBadge> : null}
        </span>
      </div>
      {editing ? (
        <ItemEditor
          item={{
            id: item.id,
            version: item.version,
            title: item.title,
            description: item.description ?? '',
            status: item.status,
            dueDate: item.dueDate ?? '',
          }}
          onCancel={() => setEditing(false)}
          onDone={(message) => {
            setEditing(false);
            onSaved(message);
          }}
        />
      ) : (
        <>
          {item.description ? <p className="utrecht-paragraph pre-line">{item.description}</p> : null}
          <DataList
            items={[
              {
                key: 'owner',
                label: t('actionPlan.fields.owner'),
                value: item.ownerOrganization.name,
              },
              {
                key: 'assignee',
                label: t('planEditing.actions.assignee'),
                value: item.assignee?.displayName ?? t('planEditing.actions.noAssignee'),
              },
              {
                key: 'due',
                label: t('actionPlan.fields.dueDate'),
                value: item.dueDate ? (
                  <span className={overdue ? 'action-item__due--overdue' : undefined}>
                    {formatDate(item.dueDate)}
                    {overdue ? ` (${t('planEditing.actions.overdueLong')})` : ''}
                  </span>
                ) : (
                  t('actionPlan.noDueDate')
                ),
              },
              {
                key: 'updated',
                label: t('actionPlan.updatedAt'),
                value: formatDateTime(item.updatedAt),
              },
            ]}
          />
          {mayEdit ? (
            <Button id={editOpenerId} variant="secondary" onClick={() => setEditing(true)}>
              {t('actionPlan.edit')}
              <span className="visually-hidden">{`: ${item.title}`}</span>
            </Button>
          ) : null}
          <ActionComments
            actionItemId={item.id}
            actionTitle={item.title}
            comments={item.comments}
            mayComment={mayEdit}
            onAdded={onSaved}
          />
          <ChangeHistory changes={item.history} subject={item.title} />
        </>
      )}
    </li>
  );
}
