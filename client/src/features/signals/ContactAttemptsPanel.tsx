import { useMutation } from '@apollo/client/react';
import { CONTACT_CHANNELS, DAY_PARTS, recordContactAttemptInputSchema } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ContactChannel, DayPart } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Button } from '../../ui/Button';
import { ChoiceGroup, RadioField, SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';
import { addToCachedListByDate, forgetMyDeadlines } from '../../lib/cachedList';

export const ContactAttemptsPanelFragment = graphql(`
  fragment ContactAttemptsPanel_case on Case {
    contactAttempts {
      id
      attemptedOn
      dayPart
      channel
      reached
      note
      followsSignal
      recordedBy {
        id
        displayName
      }
    }
  }
`);

const RecordContactAttemptDocument = graphql(`
  mutation RecordContactAttempt($input: RecordContactAttemptInput!) {
    recordContactAttempt(input: $input) {
      id
      attemptedOn
      dayPart
      channel
      reached
      note
      followsSignal
      recordedBy {
        id
        displayName
      }
    }
  }
`);

interface AttemptForm {
  attemptedOn: string;
  dayPart: DayPart | '';
  channel: ContactChannel | '';
  reached: 'yes' | 'no' | '';
  note: string;
}

function ContactAttemptForm({
  caseId,
  onSaved,
  onCancel,
}: {
  caseId: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = {
    attemptedOn: useId(),
    dayPart: useId(),
    channel: useId(),
    reached: useId(),
    note: useId(),
  };
  const [form, setForm] = useState<AttemptForm>({
    attemptedOn: todayIso(),
    dayPart: '',
    channel: '',
    reached: '',
    note: '',
  });
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordContactAttemptDocument, {
    // The answer is the attempt as the panel shows it: it goes into the case's attempts where a read
    // would put it (by date). It may end the first-contact clock: the work list reads its deadlines anew.
    update(cache, { data }) {
      const attempt = data?.recordContactAttempt;
      if (!attempt) return;
      addToCachedListByDate(
        cache,
        { __typename: 'Case', id: caseId },
        'contactAttempts',
        { __typename: 'ContactAttempt', id: attempt.id },
        'attemptedOn',
      );
      forgetMyDeadlines(cache);
    },
  });

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!form.attemptedOn) found.attemptedOn = t('contactAttempts.errors.attemptedOn');
    if (!form.dayPart) found.dayPart = t('contactAttempts.errors.dayPart');
    if (!form.channel) found.channel = t('contactAttempts.errors.channel');
    if (!form.reached) found.reached = t('contactAttempts.errors.reached');
    if (Object.keys(found).length > 0 || !form.dayPart || !form.channel) {
      setErrors(found);
      return;
    }
    const input = {
      caseId,
      attemptedOn: form.attemptedOn,
      dayPart: form.dayPart,
      channel: form.channel,
      reached: form.reached === 'yes',
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    };
    // The rest of the rules (a day from 1990 to today, the note's length, stray control characters) are
    // the server's own, from the shared schema, on the very input that would be sent.
    const issues = formIssues(recordContactAttemptInputSchema(todayIso()), input, t, Object.keys(ids));
    setErrors(issues);
    if (Object.keys(issues).length > 0) return;
    try {
      await record({ variables: { input } });
      onSaved();
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      className="form"
      onSubmit={submit}
      header={<Heading level={3}>{t('contactAttempts.formTitle')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('contactAttempts.submit')}
      busy={loading}
      onCancel={onCancel}
    >
      <TextField
        id={ids.attemptedOn}
        type="date"
        label={t('contactAttempts.attemptedOn')}
        value={form.attemptedOn}
        max={todayIso()}
        error={errors.attemptedOn}
        onChange={(event) => setForm({ ...form, attemptedOn: event.target.value })}
        required
      />
      <ChoiceGroup id={ids.dayPart} legend={t('contactAttempts.dayPart')} error={errors.dayPart}>
        {DAY_PARTS.map((part) => (
          <RadioField
            key={part}
            name="dayPart"
            value={part}
            checked={form.dayPart === part}
            onChange={() => setForm({ ...form, dayPart: part })}
            label={t(`dayParts.${part}`)}
          />
        ))}
      </ChoiceGroup>
      <SelectField
        id={ids.channel}
        label={t('contactAttempts.channel')}
        placeholder={t('common.choose')}
        options={CONTACT_CHANNELS.map((channel) => ({
          value: channel,
          label: t(`contactChannels.${channel}`),
        }))}
        value={form.channel}
        error={errors.channel}
        onChange={(event) => setForm({ ...form, channel: event.target.value as ContactChannel | '' })}
      />
      <ChoiceGroup id={ids.reached} legend={t('contactAttempts.reachedQuestion')} error={errors.reached}>
        <RadioField
          name="reached"
          value="yes"
          checked={form.reached === 'yes'}
          onChange={() => setForm({ ...form, reached: 'yes' })}
          label={t('common.yes')}
        />
        <RadioField
          name="reached"
          value="no"
          checked={form.reached === 'no'}
          onChange={() => setForm({ ...form, reached: 'no' })}
          label={t('common.no')}
        />
      </ChoiceGroup>
      <TextareaField
        id={ids.note}
        label={t('contactAttempts.note')}
        description={t('common.optional')}
        value={form.note}
        error={errors.note}
        rows={3}
        onChange={(event) => setForm({ ...form, note: event.target.value })}
      />
    </FormShell>
  );
}

/** DDAS contact attempts: what was tried, when and whether the tenant was reached. */
export function ContactAttemptsPanel({
  caseId,
  caseRef,
  mayRecord,
}: {
  caseId: string;
  caseRef: FragmentType<typeof ContactAttemptsPanelFragment>;
  mayRecord: boolean;
}) {
  const { t } = useTranslation();
  const { contactAttempts } = getFragmentData(ContactAttemptsPanelFragment, caseRef);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      {contactAttempts.length === 0 ? (
        <EmptyState>{t('contactAttempts.empty')}</EmptyState>
      ) : (
        <Table caption={t('contactAttempts.caption', { count: contactAttempts.length })}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('contactAttempts.attemptedOn')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('contactAttempts.channel')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('contactAttempts.reached')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('contactAttempts.note')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {contactAttempts.map((attempt) => (
              <tr key={attempt.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  {formatDate(attempt.attemptedOn)} ({t(`dayParts.${attempt.dayPart}`)})
                </td>
                <td className="utrecht-table__cell">{t(`contactChannels.${attempt.channel}`)}</td>
                <td className="utrecht-table__cell">{attempt.reached ? t('common.yes') : t('common.no')}</td>
                <td className="utrecht-table__cell">
                  {attempt.note ?? ''}
                  {attempt.recordedBy ? (
                    <span className="muted"> — {attempt.recordedBy.displayName}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p role="status" className="utrecht-paragraph status-line">
        {saved ? t('contactAttempts.saved') : ''}
      </p>
      {mayRecord ? (
        open ? (
          <ContactAttemptForm
            caseId={caseId}
            onSaved={() => {
              setOpen(false);
              setSaved(true);
            }}
            onCancel={() => setOpen(false)}
          />
        ) : (
          <Button
            variant="secondary"
            onClick={() => {
              setSaved(false);
              setOpen(true);
            }}
          >
            {t('contactAttempts.add')}
          </Button>
        )
      ) : null}
    </>
  );
}
