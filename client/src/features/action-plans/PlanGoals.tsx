import { useMutation } from '@apollo/client/react';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { ConflictDialog, type ConflictField } from '../../ui/ConflictDialog';
import { ChangeHistory } from './ChangeHistory';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';
import { addToCachedList } from '../../lib/cachedList';
import { chosenValue, textOf, useVersionedEdit } from './useVersionedEdit';
import { actionPlanOf } from './planQuery';

export const PlanGoalFragment = graphql(`
  fragment PlanGoal_goal on ActionPlanGoal {
    id
    what
    measure
    targetDate
    version
    createdByOrganization {
      id
      name
    }
    history {
      ...ChangeHistory_change
    }
  }
`);

const AddActionPlanGoalDocument = graphql(`
  mutation AddActionPlanGoal($input: AddActionPlanGoalInput!) {
    addActionPlanGoal(input: $input) {
      id
      ...PlanGoal_goal
    }
  }
`);

const UpdateActionPlanGoalDocument = graphql(`
  mutation UpdateActionPlanGoal($input: UpdateActionPlanGoalInput!) {
    updateActionPlanGoal(input: $input) {
      id
      ...PlanGoal_goal
    }
  }
`);

const MAX_GOAL_TEXT = 500;

/** A SMART goal as the form holds it; '' is "no target date". */
interface GoalDraft {
  what: string;
  measure: string;
  targetDate: string;
}

function goalErrors(values: GoalDraft, t: TFunction): Record<string, string> {
  const found: Record<string, string> = {};
  if (!values.what.trim()) found.what = t('planEditing.goals.errors.what');
  if (!values.measure.trim()) found.measure = t('planEditing.goals.errors.measure');
  return found;
}

/** The three SMART fields, shared by adding and editing a goal. */
function GoalFields({
  ids,
  draft,
  errors,
  onChange,
  minDate,
}: {
  ids: Record<keyof GoalDraft, string>;
  draft: GoalDraft;
  errors: Record<string, string>;
  onChange: (draft: GoalDraft) => void;
  minDate?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextareaField
        id={ids.what}
        label={t('planEditing.goals.what')}
        description={t('planEditing.goals.whatHint')}
        value={draft.what}
        rows={2}
        maxLength={MAX_GOAL_TEXT}
        error={errors.what}
        onChange={(event) => onChange({ ...draft, what: event.target.value })}
      />
      <TextareaField
        id={ids.measure}
        label={t('planEditing.goals.measure')}
        description={t('planEditing.goals.measureHint')}
        value={draft.measure}
        rows={2}
        maxLength={MAX_GOAL_TEXT}
        error={errors.measure}
        onChange={(event) => onChange({ ...draft, measure: event.target.value })}
      />
      <TextField
        id={ids.targetDate}
        type="date"
        label={t('planEditing.goals.targetDate')}
        description={t('common.optional')}
        min={minDate}
        value={draft.targetDate}
        error={errors.targetDate}
        onChange={(event) => onChange({ ...draft, targetDate: event.target.value })}
      />
    </>
  );
}

function GoalEditor({
  goal,
  onDone,
  onCancel,
}: {
  goal: { id: string; version: number } & GoalDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { what: useId(), measure: useId(), targetDate: useId() };
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [update, { loading }] = useMutation(UpdateActionPlanGoalDocument);
  const edit = useVersionedEdit<GoalDraft>({
    initial: { what: goal.what, measure: goal.measure, targetDate: goal.targetDate },
    version: goal.version,
    validate: (values) => goalErrors(values, t),
    write: (values, expectedVersion) =>
      update({
        variables: {
          input: {
            id: goal.id,
            expectedVersion,
            patch: {
              what: values.what.trim(),
              measure: values.measure.trim(),
              targetDate: values.targetDate || null,
            },
          },
        },
      }),
    theirsOf: (current) => ({
      what: textOf(current.what),
      measure: textOf(current.measure),
      targetDate: textOf(current.targetDate),
    }),
    onSaved: (values) => onDone(t('planEditing.goals.saved', { what: values.what.trim() })),
  });
  const { draft, conflict } = edit;
  const dateLabel = (date: string) => (date ? formatDate(date) : '');
  const conflictFields: ConflictField[] = conflict
    ? [
        { key: 'what', label: t('planEditing.goals.what'), mine: draft.what, theirs: conflict.theirs.what },
        {
          key: 'measure',
          label: t('planEditing.goals.measure'),
          mine: draft.measure,
          theirs: conflict.theirs.measure,
        },
        {
          key: 'targetDate',
          label: t('planEditing.goals.targetDate'),
          mine: dateLabel(draft.targetDate),
          theirs: dateLabel(conflict.theirs.targetDate),
          editable: false,
        },
      ]
    : [];

  return (
    <>
      <FormShell
        ref={formRef}
        className="form goal__editor"
        onSubmit={() => void edit.submit()}
        errors={summaryOf(edit.errors, ids)}
        message={edit.message}
        submitLabel={t('planEditing.goals.save')}
        busy={loading}
        onCancel={onCancel}
      >
        <GoalFields ids={ids} draft={draft} errors={edit.errors} onChange={edit.setDraft} />
      </FormShell>
      {conflict ? (
        <ConflictDialog
          title={t('planEditing.goals.conflictTitle')}
          fields={conflictFields}
          {...conflict.savedBy}
          busy={loading}
          onCancel={edit.dismissConflict}
          onResolve={(merged) => {
            const theirs = conflict.theirs;
            void edit.resolve({
              what: merged.what ?? theirs.what,
              measure: merged.measure ?? theirs.measure,
              targetDate: chosenValue(merged.targetDate, draft.targetDate, theirs.targetDate, dateLabel),
            });
          }}
        />
      ) : null}
    </>
  );
}

function AddGoalForm({
  caseId,
  planId,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** Null while the plan is still empty: the first goal creates it. */
  planId: string | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { what: useId(), measure: useId(), targetDate: useId() };
  const [draft, setDraft] = useState<GoalDraft>({ what: '', measure: '', targetDate: '' });
  const formRef = useFocusFirstField<HTMLFormElement>();
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [add, { loading }] = useMutation(AddActionPlanGoalDocument, {
    // Goals are oldest first: the new one goes last. A plan that did not exist yet is read again (the plan only).
    update(cache, { data }) {
      const goal = data?.addActionPlanGoal;
      if (!goal || !planId) return;
      addToCachedList(
        cache,
        { __typename: 'ActionPlan', id: planId },
        'goals',
        { __typename: 'ActionPlanGoal', id: goal.id },
        'end',
      );
    },
    refetchQueries: planId ? [] : [actionPlanOf(caseId)],
    awaitRefetchQueries: true,
  });

  async function submit() {
    setMessage(null);
    const found = goalErrors(draft, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({
        variables: {
          input: {
            caseId,
            what: draft.what.trim(),
            measure: draft.measure.trim(),
            ...(draft.targetDate ? { targetDate: draft.targetDate } : {}),
          },
        },
      });
      onDone(t('planEditing.goals.added', { what: draft.what.trim() }));
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      ref={formRef}
      className="form"
      onSubmit={submit}
      header={<Heading level={4}>{t('planEditing.goals.addTitle')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('planEditing.goals.save')}
      busy={loading}
      onCancel={onCancel}
    >
      <GoalFields ids={ids} draft={draft} errors={errors} onChange={setDraft} minDate={todayIso()} />
    </FormShell>
  );
}

function GoalView({
  goalRef,
  mayEdit,
  onSaved,
}: {
  goalRef: FragmentType<typeof PlanGoalFragment>;
  mayEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const goal = getFragmentData(PlanGoalFragment, goalRef);
  const [editing, setEditing] = useState(false);
  const editOpenerId = useReturnFocus(editing);
  return (
    <li className="goal">
      <Heading level={4} className="goal__what">
        {goal.what}
      </Heading>
      {editing ? (
        <GoalEditor
          goal={{
            id: goal.id,
            version: goal.version,
            what: goal.what,
            measure: goal.measure,
            targetDate: goal.targetDate ?? '',
          }}
          onCancel={() => setEditing(false)}
          onDone={(message) => {
            setEditing(false);
            onSaved(message);
          }}
        />
      ) : (
        <>
          <DataList
            items={[
              { key: 'measure', label: t('planEditing.goals.measureShort'), value: goal.measure },
              {
                key: 'target',
                label: t('planEditing.goals.targetDate'),
                value: goal.targetDate ? (
                  formatDate(goal.targetDate)
                ) : (
                  <span className="muted">{t('planEditing.goals.noTargetDate')}</span>
                ),
              },
              {
                key: 'by',
                label: t('planEditing.goals.addedBy'),
                value: goal.createdByOrganization.name,
              },
            ]}
          />
          {mayEdit ? (
            <Button id={editOpenerId} variant="secondary" onClick={() => setEditing(true)}>
              {t('actionPlan.edit')}
              <span className="visually-hidden">{`: ${t('planEditing.goals.goal')} ${goal.what}`}</span>
            </Button>
          ) : null}
          <ChangeHistory changes={goal.history} subject={goal.what} />
        </>
      )}
    </li>
  );
}

/** The plan's SMART goals: what the tenant wants to reach, how you will know, by when. */
export function PlanGoals({
  caseId,
  planId,
  goals,
  mayEdit,
  onSaved,
}: {
  caseId: string;
  planId: string | null;
  goals: readonly (FragmentType<typeof PlanGoalFragment> & { readonly id: string })[];
  mayEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const addOpenerId = useReturnFocus(adding);
  const headingId = useId();
  return (
    <div className="plan-part">
      <Heading level={3} id={headingId}>
        {t('actionPlan.goals')}
      </Heading>
      {goals.length === 0 ? (
        <EmptyState>{t('planEditing.goals.empty')}</EmptyState>
      ) : (
        <ul className="goal-list" aria-labelledby={headingId}>
          {goals.map((goalRef) => (
            <GoalView key={goalRef.id} goalRef={goalRef} mayEdit={mayEdit} onSaved={onSaved} />
          ))}
        </ul>
      )}
      {mayEdit ? (
        adding ? (
          <AddGoalForm
            caseId={caseId}
            planId={planId}
            onCancel={() => setAdding(false)}
            onDone={(message) => {
              setAdding(false);
              onSaved(message);
            }}
          />
        ) : (
          <Button id={addOpenerId} variant="secondary" onClick={() => setAdding(true)}>
            {t('planEditing.goals.add')}
          </Button>
        )
      ) : null}
    </div>
  );
}
