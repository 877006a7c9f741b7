import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatInstantDate } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Button } from '../../ui/Button';
import { TextareaField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { addToCachedList } from '../../lib/cachedList';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';
import { actionPlanOf } from './planQuery';

export const PlanConditionFragment = graphql(`
  fragment PlanCondition_condition on ActionPlanCondition {
    id
    text
    createdAt
    createdByOrganization {
      id
      name
    }
  }
`);

const AddActionPlanConditionDocument = graphql(`
  mutation AddActionPlanCondition($input: AddActionPlanConditionInput!) {
    addActionPlanCondition(input: $input) {
      id
      ...PlanCondition_condition
    }
  }
`);

const MAX_CONDITION = 500;

function AddConditionForm({
  caseId,
  planId,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** Null while the plan is still empty: the first condition creates it. */
  planId: string | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const textId = useId();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [text, setText] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [add, { loading }] = useMutation(AddActionPlanConditionDocument, {
    // Append-only and oldest first: the new one goes last. A plan that did not exist yet is read again (the plan only).
    update(cache, { data }) {
      const condition = data?.addActionPlanCondition;
      if (!condition || !planId) return;
      addToCachedList(
        cache,
        { __typename: 'ActionPlan', id: planId },
        'conditions',
        { __typename: 'ActionPlanCondition', id: condition.id },
        'end',
      );
    },
    refetchQueries: planId ? [] : [actionPlanOf(caseId)],
    awaitRefetchQueries: true,
  });

  async function submit() {
    setMessage(null);
    const cleaned = text.trim();
    const found: Record<string, string> = cleaned ? {} : { text: t('planEditing.conditions.errors.text') };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({ variables: { input: { caseId, text: cleaned } } });
      onDone(t('planEditing.conditions.added'));
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      ref={formRef}
      className="form"
      onSubmit={submit}
      header={<Heading level={4}>{t('planEditing.conditions.addTitle')}</Heading>}
      errors={summaryOf(errors, { text: textId })}
      message={message}
      submitLabel={t('planEditing.conditions.save')}
      busy={loading}
      onCancel={onCancel}
    >
      <TextareaField
        id={textId}
        label={t('planEditing.conditions.text')}
        description={t('planEditing.conditions.textHint')}
        value={text}
        rows={2}
        maxLength={MAX_CONDITION}
        error={errors.text}
        onChange={(event) => setText(event.target.value)}
      />
    </FormShell>
  );
}

/** The plan's conditions (afspraken), e.g. "geen nieuwe schulden maken": append-only, never edited. */
export function PlanConditions({
  caseId,
  planId,
  conditions,
  mayEdit,
  onSaved,
}: {
  caseId: string;
  planId: string | null;
  conditions: readonly FragmentType<typeof PlanConditionFragment>[];
  mayEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const addOpenerId = useReturnFocus(adding);
  const headingId = useId();
  const rows = getFragmentData(PlanConditionFragment, conditions);
  return (
    <div className="plan-part">
      <Heading level={3} id={headingId}>
        {t('actionPlan.conditions')}
      </Heading>
      <Paragraph className="muted">{t('planEditing.conditions.intro')}</Paragraph>
      {rows.length === 0 ? (
        <EmptyState>{t('planEditing.conditions.empty')}</EmptyState>
      ) : (
        <ul className="condition-list" aria-labelledby={headingId}>
          {rows.map((condition) => (
            <li key={condition.id} className="condition-list__item">
              <span className="pre-line">{condition.text}</span>{' '}
              <span className="muted condition-list__meta">
                {t('planEditing.conditions.meta', {
                  organization: condition.createdByOrganization.name,
                  date: formatInstantDate(condition.createdAt),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {mayEdit ? (
        adding ? (
          <AddConditionForm
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
            {t('planEditing.conditions.add')}
          </Button>
        )
      ) : null}
    </div>
  );
}
