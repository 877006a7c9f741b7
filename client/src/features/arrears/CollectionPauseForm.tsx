import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { addToEmbeddedListByDate } from '../../lib/cachedList';

export const SetCollectionPauseDocument = graphql(`
  mutation SetCollectionPause($input: SetCollectionPauseInput!) {
    setCollectionPause(input: $input) {
      id
      startsOn
      endsOn
      reason
      automatic
    }
  }
`);

/** A collection pause (adempauze) the corporation sets itself: from, until (at most a year), and why. */
export function CollectionPauseForm({
  caseId,
  onDone,
  onCancel,
}: {
  caseId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { startsOn: useId(), endsOn: useId(), reason: useId() };
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState('');
  const [reason, setReason] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [setPause, { loading }] = useMutation(SetCollectionPauseDocument, {
    // The answer is the new pause: it goes into the case's pauses where a read would put it (by start).
    update(cache, { data }) {
      const pause = data?.setCollectionPause;
      if (!pause) return;
      addToEmbeddedListByDate(
        cache,
        { __typename: 'Case', id: caseId },
        'arrears',
        'pauses',
        { __typename: 'CollectionPause', id: pause.id },
        'startsOn',
      );
    },
  });

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!startsOn) found.startsOn = t('collectionPause.errors.startsOn');
    if (!endsOn) found.endsOn = t('collectionPause.errors.endsOn');
    else if (endsOn < todayIso()) found.endsOn = t('collectionPause.errors.endsOnPast');
    else if (startsOn && endsOn < startsOn) found.endsOn = t('collectionPause.errors.endsBeforeStart');
    if (!reason.trim()) found.reason = t('collectionPause.errors.reason');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const result = await setPause({
        variables: { input: { caseId, startsOn, endsOn, reason: reason.trim() } },
      });
      const pause = result.data?.setCollectionPause;
      onDone(
        t('collectionPause.saved', {
          from: formatDate(pause?.startsOn ?? startsOn),
          until: formatDate(pause?.endsOn ?? endsOn),
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
      header={
        <>
          <Heading level={4}>{t('collectionPause.formTitle')}</Heading>
          <p className="utrecht-paragraph">{t('arrears.pause.rule')}</p>
        </>
      }
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('collectionPause.submit')}
      busy={loading}
      onCancel={onCancel}
    >
      <div className="date-range">
        <TextField
          id={ids.startsOn}
          type="date"
          label={t('collectionPause.startsOn')}
          value={startsOn}
          error={errors.startsOn}
          onChange={(event) => setStartsOn(event.target.value)}
        />
        <TextField
          id={ids.endsOn}
          type="date"
          label={t('collectionPause.endsOn')}
          description={t('collectionPause.endsOnHint')}
          value={endsOn}
          min={startsOn > todayIso() ? startsOn : todayIso()}
          error={errors.endsOn}
          onChange={(event) => setEndsOn(event.target.value)}
        />
      </div>
      <TextareaField
        id={ids.reason}
        label={t('collectionPause.reason')}
        description={t('collectionPause.reasonHint')}
        value={reason}
        rows={2}
        maxLength={2000}
        error={errors.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </FormShell>
  );
}
