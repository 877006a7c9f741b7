import { useApolloClient, useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ActionItemStatus, ActionPlanPanel_CaseFragment } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime } from '../../lib/format';
import { submitFailure, summaryOf } from '../../lib/form';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { ConflictDialog, type ConflictField } from '../conflicts/ConflictDialog';

export const ActionPlanPanelFragment = graphql(`
  fragment ActionPlanPanel_case on Case {
    id
    participants {
      role
      organization {
        id
        name
      }
    }
    actionPlan {
      id
      version
      helpRequest
      tenantSignedOffOn
      tenantSignOffChannel
      referredOrganizations {
        id
        name
      }
      goals {
        id
        what
        measure
        targetDate
        version
      }
      conditions {
        id
        text
        createdByOrganization {
          id
          name
        }
      }
      items {
        ...ActionItem_item
      }
    }
  }
`);

const ActionItemFragment = graphql(`
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
      body
      createdAt
      author {
        id
        displayName
      }
      organization {
        id
        name
      }
    }
  }
`);

const AddActionItemDocument = graphql(`
  mutation AddActionItem($input: AddActionItemInput!) {
    addActionItem(input: $input) {
      id
      ...ActionItem_item
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

type Organization = { readonly id: string; readonly name: string };

/** The editable fields of an action, as the form holds them. */
interface ItemDraft {
  title: string;
  description: string;
  status: ActionItemStatus;
  dueDate: string;
}

/** The current action from a CONFLICT error (`extensions.current`): the row as someone else saved it. */
interface CurrentItem {
  readonly version: number;
  readonly title: string;
  readonly description: string | null;
  readonly status: ActionItemStatus;
  readonly dueDate: string | null;
  readonly history?: readonly {
    changedAt: string;
    changedBy?: { displayName?: string };
    changedByOrganization?: { name?: string };
  }[];
}

function isCurrentItem(value: unknown): value is CurrentItem {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return typeof row.version === 'number' && typeof row.title === 'string' && typeof row.status === 'string';
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
  const client = useApolloClient();
  const ids = { title: useId(), description: useId(), status: useId(), dueDate: useId() };
  // The version this edit started from: a save names it, so a change by someone else meanwhile is a
  // conflict, never silently overwritten (even when the page has refreshed underneath the form).
  const [baseVersion, setBaseVersion] = useState(item.version);
  const [draft, setDraft] = useState<ItemDraft>({
    title: item.title,
    description: item.description,
    status: item.status,
    dueDate: item.dueDate,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<CurrentItem | null>(null);
  const [update, { loading }] = useMutation(UpdateActionItemDocument);

  async function save(values: ItemDraft, expectedVersion: number) {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!values.title.trim()) found.title = t('actionPlan.errors.title');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await update({
        variables: {
          input: {
            id: item.id,
            expectedVersion,
            patch: {
              title: values.title.trim(),
              description: values.description.trim() || null,
              status: values.status,
              dueDate: values.dueDate || null,
            },
          },
        },
      });
      setConflict(null);
      onDone(t('actionPlan.saved', { title: values.title.trim() }));
    } catch (error) {
      const apiError = toApiError(error);
      const current = apiError.extensions.current;
      if (apiError.code === 'CONFLICT' && isCurrentItem(current)) {
        setDraft(values);
        setBaseVersion(current.version);
        setConflict(current);
        void client.refetchQueries({ include: ['CasePage'] });
        return;
      }
      const failure = submitFailure(error, t);
      setErrors({ ...failure.fieldErrors });
      setMessage(failure.message);
    }
  }

  const statusLabel = (status: ActionItemStatus) => t(`actionItemStatus.${status}`);
  const conflictFields: ConflictField[] = conflict
    ? [
        { key: 'title', label: t('actionPlan.fields.title'), mine: draft.title, theirs: conflict.title },
        {
          key: 'description',
          label: t('actionPlan.fields.description'),
          mine: draft.description,
          theirs: conflict.description ?? '',
          multiline: true,
        },
        {
          key: 'status',
          label: t('actionPlan.fields.status'),
          mine: statusLabel(draft.status),
          theirs: statusLabel(conflict.status),
          editable: false,
        },
        {
          key: 'dueDate',
          label: t('actionPlan.fields.dueDate'),
          mine: draft.dueDate ? formatDate(draft.dueDate) : '',
          theirs: conflict.dueDate ? formatDate(conflict.dueDate) : '',
          editable: false,
        },
      ]
    : [];
  const lastChange = conflict?.history?.[0];

  return (
    <>
      <form
        className="form action-item__editor"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void save(draft, baseVersion);
        }}
      >
        <ErrorSummary errors={summaryOf(errors, ids)} />
        {message ? (
          <Alert type="error" live>
            {message}
          </Alert>
        ) : null}
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
          error={errors.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
        />
        <SelectField
          id={ids.status}
          label={t('actionPlan.fields.status')}
          options={ACTION_ITEM_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
          value={draft.status}
          error={errors.status}
          onChange={(event) => setDraft({ ...draft, status: event.target.value as ActionItemStatus })}
        />
        <TextField
          id={ids.dueDate}
          type="date"
          label={t('actionPlan.fields.dueDate')}
          value={draft.dueDate}
          error={errors.dueDate}
          onChange={(event) => setDraft({ ...draft, dueDate: event.target.value })}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" busy={loading}>
            {t('actionPlan.save')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
      {conflict ? (
        <ConflictDialog
          title={t('conflict.titleAction')}
          fields={conflictFields}
          {...(lastChange?.changedBy?.displayName
            ? {
                theirAuthor: [lastChange.changedBy.displayName, lastChange.changedByOrganization?.name]
                  .filter(Boolean)
                  .join(', '),
                theirSavedAt: formatDateTime(lastChange.changedAt),
              }
            : {})}
          busy={loading}
          onCancel={() => setConflict(null)}
          onResolve={(merged) => {
            const theirs: ItemDraft = {
              title: conflict.title,
              description: conflict.description ?? '',
              status: conflict.status,
              dueDate: conflict.dueDate ?? '',
            };
            // Chosen (not typed) fields come back as display text: map them back to their value.
            const pick = <K extends keyof ItemDraft>(key: K, display: (value: ItemDraft[K]) => string) =>
              merged[key] === display(draft[key]) ? draft[key] : theirs[key];
            const resolved: ItemDraft = {
              title: merged.title ?? theirs.title,
              description: merged.description ?? theirs.description,
              status: pick('status', statusLabel),
              dueDate: pick('dueDate', (value) => (value ? formatDate(value) : '')),
            };
            void save(resolved, conflict.version);
          }}
        />
      ) : null}
    </>
  );
}

function ActionItemView({
  itemRef,
  onSaved,
}: {
  itemRef: FragmentType<typeof ActionItemFragment>;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const item = getFragmentData(ActionItemFragment, itemRef);
  const [editing, setEditing] = useState(false);
  return (
    <li className="action-item">
      <Heading level={4} className="action-item__title">
        {item.title}
      </Heading>
      <p className="utrecht-paragraph">
        <StatusBadge tone={STATUS_TONE[item.status]}>{t(`actionItemStatus.${item.status}`)}</StatusBadge>
      </p>
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
                value: item.assignee
                  ? `${item.ownerOrganization.name} (${item.assignee.displayName})`
                  : item.ownerOrganization.name,
              },
              {
                key: 'due',
                label: t('actionPlan.fields.dueDate'),
                value: item.dueDate ? formatDate(item.dueDate) : t('actionPlan.noDueDate'),
              },
              { key: 'updated', label: t('actionPlan.updatedAt'), value: formatDateTime(item.updatedAt) },
            ]}
          />
          {item.comments.length > 0 ? (
            <ul className="action-item__comments" aria-label={t('actionPlan.comments')}>
              {item.comments.map((comment) => (
                <li key={comment.id}>
                  <span className="muted">
                    {formatDateTime(comment.createdAt)} — {comment.author.displayName} (
                    {comment.organization.name}):
                  </span>{' '}
                  {comment.body}
                </li>
              ))}
            </ul>
          ) : null}
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('actionPlan.edit')}
            <span className="visually-hidden">{`: ${item.title}`}</span>
          </Button>
        </>
      )}
    </li>
  );
}

function AddActionItemForm({
  caseId,
  organizations,
  defaultOwnerId,
  onDone,
  onCancel,
}: {
  caseId: string;
  organizations: readonly Organization[];
  defaultOwnerId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { title: useId(), description: useId(), ownerOrgId: useId(), dueDate: useId() };
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [ownerOrgId, setOwnerOrgId] = useState(defaultOwnerId);
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [add, { loading }] = useMutation(AddActionItemDocument, {
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('actionPlan.errors.title');
    if (!ownerOrgId) found.ownerOrgId = t('actionPlan.errors.owner');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({
        variables: {
          input: {
            caseId,
            title: title.trim(),
            ownerOrgId,
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(dueDate ? { dueDate } : {}),
          },
        },
      });
      onDone(t('actionPlan.added', { title: title.trim() }));
    } catch (error) {
      const failure = submitFailure(error, t);
      setErrors({ ...failure.fieldErrors });
      setMessage(failure.message);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <Heading level={3}>{t('actionPlan.addTitle')}</Heading>
      <ErrorSummary errors={summaryOf(errors, ids)} />
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      <TextField
        id={ids.title}
        label={t('actionPlan.fields.title')}
        value={title}
        maxLength={200}
        error={errors.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextareaField
        id={ids.description}
        label={t('actionPlan.fields.description')}
        description={t('actionPlan.descriptionHint')}
        value={description}
        rows={3}
        error={errors.description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <SelectField
        id={ids.ownerOrgId}
        label={t('actionPlan.fields.owner')}
        options={organizations.map((organization) => ({ value: organization.id, label: organization.name }))}
        value={ownerOrgId}
        error={errors.ownerOrgId}
        onChange={(event) => setOwnerOrgId(event.target.value)}
      />
      <TextField
        id={ids.dueDate}
        type="date"
        label={t('actionPlan.fields.dueDate')}
        description={t('common.optional')}
        min={todayIso()}
        value={dueDate}
        error={errors.dueDate}
        onChange={(event) => setDueDate(event.target.value)}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" busy={loading}>
          {t('actionPlan.save')}
        </Button>
        <Button variant="subtle" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

type Plan = NonNullable<ActionPlanPanel_CaseFragment['actionPlan']>;

function PlanFacts({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <>
      <DataList
        items={[
          {
            key: 'help',
            label: t('actionPlan.helpRequest'),
            value: plan.helpRequest ?? t('actionPlan.notYet'),
          },
          {
            key: 'signoff',
            label: t('actionPlan.signOff'),
            value: plan.tenantSignedOffOn
              ? `${formatDate(plan.tenantSignedOffOn)}${plan.tenantSignOffChannel ? ` (${t(`consentChannels.${plan.tenantSignOffChannel}`)})` : ''}`
              : t('actionPlan.notYet'),
          },
          ...(plan.referredOrganizations.length > 0
            ? [
                {
                  key: 'referred',
                  label: t('actionPlan.referredTo'),
                  value: plan.referredOrganizations.map((organization) => organization.name).join(', '),
                },
              ]
            : []),
        ]}
      />
      {plan.goals.length > 0 ? (
        <>
          <Heading level={3}>{t('actionPlan.goals')}</Heading>
          <ul className="utrecht-unordered-list">
            {plan.goals.map((goal) => (
              <li key={goal.id} className="utrecht-unordered-list__item">
                <strong>{goal.what}</strong> — {goal.measure}
                {goal.targetDate ? ` (${t('actionPlan.goalBy', { date: formatDate(goal.targetDate) })})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {plan.conditions.length > 0 ? (
        <>
          <Heading level={3}>{t('actionPlan.conditions')}</Heading>
          <ul className="utrecht-unordered-list">
            {plan.conditions.map((condition) => (
              <li key={condition.id} className="utrecht-unordered-list__item">
                {condition.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * The plan van aanpak (category ACTION_PLAN), co-edited by the partners: its help request, goals and
 * conditions, and the actions, each edited against the version it was read at. A save that crossed
 * someone else's opens the conflict dialog: both versions side by side, merged per field.
 */
export function ActionPlanPanel({
  caseRef,
  actingOrgId,
  mayEdit,
}: {
  caseRef: FragmentType<typeof ActionPlanPanelFragment>;
  actingOrgId: string;
  mayEdit: boolean;
}) {
  const { t } = useTranslation();
  const data = getFragmentData(ActionPlanPanelFragment, caseRef);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const plan = data.actionPlan;
  if (!plan) return null;
  const organizations: Organization[] = [];
  for (const participant of data.participants) {
    if (!organizations.some((organization) => organization.id === participant.organization.id)) {
      organizations.push(participant.organization);
    }
  }

  return (
    <>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      <PlanFacts plan={plan} />
      <Heading level={3}>{t('actionPlan.actions')}</Heading>
      {plan.items.length === 0 ? (
        <EmptyState>{t('actionPlan.noActions')}</EmptyState>
      ) : (
        <ul className="action-list" aria-label={t('actionPlan.actions')}>
          {plan.items.map((itemRef, index) => (
            <ActionItemView
              key={getFragmentData(ActionItemFragment, itemRef).id ?? index}
              itemRef={itemRef}
              onSaved={setStatus}
            />
          ))}
        </ul>
      )}
      {mayEdit ? (
        adding ? (
          <AddActionItemForm
            caseId={data.id}
            organizations={organizations}
            defaultOwnerId={actingOrgId}
            onCancel={() => setAdding(false)}
            onDone={(message) => {
              setAdding(false);
              setStatus(message);
            }}
          />
        ) : (
          <Button
            variant="secondary"
            onClick={() => {
              setStatus('');
              setAdding(true);
            }}
          >
            {t('actionPlan.add')}
          </Button>
        )
      ) : (
        <Paragraph className="muted">{t('actionPlan.readOnly')}</Paragraph>
      )}
    </>
  );
}
