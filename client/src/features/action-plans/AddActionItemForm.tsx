import { useMutation } from '@apollo/client/react';
import { addActionItemInputSchema } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { useFocusFirstField } from '../../lib/focus';
import { addToCachedList } from '../../lib/cachedList';
import { actionPlanOf } from './planQuery';

const AddActionItemDocument = graphql(`
  mutation AddActionItem($input: AddActionItemInput!) {
    addActionItem(input: $input) {
      id
      ...ActionItem_item
    }
  }
`);

/** A new action: what, for the tenant in plain words, which organisation does it, by when. */
export function AddActionItemForm({
  caseId,
  planId,
  organizations,
  defaultOwnerId,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** Null while the plan is still empty: the first action creates it. */
  planId: string | null;
  organizations: readonly { readonly id: string; readonly name: string }[];
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
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [add, { loading }] = useMutation(AddActionItemDocument, {
    // Actions are oldest first: the new one goes last. A plan that did not exist yet is read again
    // (its id and version are not in the answer); only the plan, not the whole case page.
    update(cache, { data }) {
      const item = data?.addActionItem;
      if (!item || !planId) return;
      addToCachedList(
        cache,
        { __typename: 'ActionPlan', id: planId },
        'items',
        { __typename: 'ActionItem', id: item.id },
        'end',
      );
    },
    refetchQueries: planId ? [] : [actionPlanOf(caseId)],
    awaitRefetchQueries: true,
  });

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('actionPlan.errors.title');
    if (!ownerOrgId) found.ownerOrgId = t('actionPlan.errors.owner');
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    const input = {
      caseId,
      title: title.trim(),
      ownerOrgId,
      ...(description.trim() ? { description: description.trim() } : {}),
      ...(dueDate ? { dueDate } : {}),
    };
    // The rest of the rules (a due date from 1990 to ten years ahead, lengths, stray control characters)
    // are the server's own, from the shared schema. The organisation is chosen from the case's own list:
    // whether it may own the action is the server's to say.
    const issues = formIssues(addActionItemInputSchema(todayIso()), input, t, [
      'title',
      'description',
      'dueDate',
    ]);
    setErrors(issues);
    if (Object.keys(issues).length > 0) return;
    try {
      await add({ variables: { input } });
      onDone(t('actionPlan.added', { title: title.trim() }));
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      ref={formRef}
      className="form"
      onSubmit={submit}
      header={<Heading level={4}>{t('actionPlan.addTitle')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('actionPlan.save')}
      busy={loading}
      onCancel={onCancel}
    >
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
        maxLength={2000}
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
    </FormShell>
  );
}
