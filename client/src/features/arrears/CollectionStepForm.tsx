import { useMutation } from '@apollo/client/react';
import { COLLECTION_STEP_KINDS } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import type { CollectionStepKind } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { isBlockedByPause, type PausePeriod } from './collection-pause';
import { addToEmbeddedListByDate } from '../../lib/cachedList';

export const RecordCollectionStepDocument = graphql(`
  mutation RecordCollectionStep($input: RecordCollectionStepInput!) {
    recordCollectionStep(input: $input) {
      id
      kind
      stepDate
      note
    }
  }
`);

function isCollectionStepKind(value: string): value is CollectionStepKind {
  return (COLLECTION_STEP_KINDS as readonly string[]).includes(value);
}

/**
 * One rung of the collection ladder. During a collection pause the form says beforehand which steps
 * the pause blocks (and until when), marks them in the list, and refuses them before asking the server;
 * should the server still refuse (a pause set a moment ago), its reason is shown at the step.
 */
export function CollectionStepForm({
  caseId,
  pause,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** The pause in force today, if any. */
  pause: PausePeriod | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { kind: useId(), stepDate: useId(), note: useId() };
  const [kind, setKind] = useState<CollectionStepKind | ''>('');
  const [stepDate, setStepDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordCollectionStepDocument, {
    // The answer is the new step: it goes into the case's ladder where a read would put it (by date).
    update(cache, { data }) {
      const step = data?.recordCollectionStep;
      if (!step) return;
      addToEmbeddedListByDate(
        cache,
        { __typename: 'Case', id: caseId },
        'arrears',
        'collectionSteps',
        { __typename: 'CollectionStep', id: step.id },
        'stepDate',
      );
    },
  });
  const pauseEnd = pause ? formatDate(pause.endsOn) : '';
  const future = kind === 'EVICTION_SCHEDULED';

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('collectionLadder.errors.kind');
    else if (pause && isBlockedByPause(kind))
      found.kind = t('collectionLadder.errors.blocked', {
        step: t(`collectionSteps.${kind}`),
        date: pauseEnd,
      });
    if (!stepDate) found.stepDate = t('collectionLadder.errors.stepDate');
    else if (!future && stepDate > todayIso()) found.stepDate = t('collectionLadder.errors.stepDateFuture');
    setErrors(found);
    if (Object.keys(found).length > 0 || !kind) return;
    try {
      const result = await record({
        variables: { input: { caseId, kind, stepDate, ...(note.trim() ? { note: note.trim() } : {}) } },
      });
      const step = result.data?.recordCollectionStep;
      onDone(
        t('collectionLadder.saved', {
          step: t(`collectionSteps.${step?.kind ?? kind}`),
          date: formatDate(step?.stepDate ?? stepDate),
        }),
      );
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      className="form"
      onSubmit={submit}
      header={<Heading level={4}>{t('collectionLadder.formTitle')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('collectionLadder.submit')}
      busy={loading}
      onCancel={onCancel}
    >
      <SelectField
        id={ids.kind}
        label={t('collectionLadder.kind')}
        description={pause ? t('collectionLadder.pauseBlocks', { date: pauseEnd }) : undefined}
        placeholder={t('common.choose')}
        options={COLLECTION_STEP_KINDS.map((step) => ({
          value: step,
          label:
            pause && isBlockedByPause(step)
              ? t('collectionLadder.blockedOption', { step: t(`collectionSteps.${step}`) })
              : t(`collectionSteps.${step}`),
        }))}
        value={kind}
        error={errors.kind}
        onChange={(event) => {
          const value = event.target.value;
          setKind(isCollectionStepKind(value) ? value : '');
        }}
      />
      {pause && kind && isBlockedByPause(kind) && !errors.kind ? (
        <Alert type="warning">
          {t('collectionLadder.errors.blocked', { step: t(`collectionSteps.${kind}`), date: pauseEnd })}
        </Alert>
      ) : null}
      <TextField
        id={ids.stepDate}
        type="date"
        label={future ? t('collectionLadder.evictionDate') : t('collectionLadder.stepDate')}
        value={stepDate}
        {...(future ? {} : { max: todayIso() })}
        error={errors.stepDate}
        onChange={(event) => setStepDate(event.target.value)}
      />
      <TextareaField
        id={ids.note}
        label={t('collectionLadder.note')}
        description={t('common.optional')}
        value={note}
        rows={2}
        maxLength={2000}
        error={errors.note}
        onChange={(event) => setNote(event.target.value)}
      />
    </FormShell>
  );
}
