import { useMutation } from '@apollo/client/react';
import { PRE_SIGNAL_STEP_KINDS } from '@vangnet/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import type { PreSignalStepKind } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { submitFailure, summaryOf } from '../../lib/form';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextareaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';

const RecordPreSignalStepDocument = graphql(`
  mutation RecordPreSignalStep($input: RecordPreSignalStepInput!) {
    recordPreSignalStep(input: $input) {
      id
      kind
      performedOn
    }
  }
`);

const SendSignalDocument = graphql(`
  mutation SendSignal($input: SendSignalInput!) {
    sendSignal(input: $input) {
      id
      signalDate
      recipient {
        id
        name
      }
    }
  }
`);

function PreSignalStepForm({ caseId, onSaved }: { caseId: string; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const ids = { kind: useId(), performedOn: useId(), offeredContactTransfer: useId(), note: useId() };
  const [kind, setKind] = useState<PreSignalStepKind | ''>('');
  const [performedOn, setPerformedOn] = useState(todayIso());
  const [offered, setOffered] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [record, { loading }] = useMutation(RecordPreSignalStepDocument);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const found: Record<string, string> = {};
    if (!kind) found.kind = t('preSignal.errors.kind');
    if (!performedOn) found.performedOn = t('preSignal.errors.performedOn');
    setErrors(found);
    if (!kind || !performedOn) return;
    try {
      const result = await record({
        variables: {
          input: {
            caseId,
            kind,
            performedOn,
            ...(kind === 'WRITTEN_REMINDER' ? { offeredContactTransfer: offered } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        },
      });
      const step = result.data?.recordPreSignalStep;
      onSaved(
        step
          ? t('preSignal.saved', {
              step: t(`preSignalSteps.${step.kind}`),
              date: formatDate(step.performedOn),
            })
          : '',
      );
      setKind('');
      setNote('');
      setOffered(false);
    } catch (error) {
      const failure = submitFailure(error, t);
      setErrors({ ...failure.fieldErrors });
      setMessage(failure.message);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <Heading level={3}>{t('preSignal.formTitle')}</Heading>
      <ErrorSummary errors={summaryOf(errors, ids)} />
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      <SelectField
        id={ids.kind}
        label={t('preSignal.kind')}
        placeholder={t('common.choose')}
        options={PRE_SIGNAL_STEP_KINDS.map((step) => ({ value: step, label: t(`preSignalSteps.${step}`) }))}
        value={kind}
        error={errors.kind}
        onChange={(event) => setKind(event.target.value as PreSignalStepKind | '')}
      />
      <TextField
        id={ids.performedOn}
        type="date"
        label={t('preSignal.performedOn')}
        value={performedOn}
        max={todayIso()}
        error={errors.performedOn}
        onChange={(event) => setPerformedOn(event.target.value)}
      />
      {kind === 'WRITTEN_REMINDER' ? (
        <CheckboxField
          id={ids.offeredContactTransfer}
          label={t('preSignal.offeredContactTransfer')}
          checked={offered}
          onChange={(event) => setOffered(event.target.checked)}
        />
      ) : null}
      <TextareaField
        id={ids.note}
        label={t('preSignal.note')}
        description={t('common.optional')}
        value={note}
        rows={2}
        error={errors.note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button type="submit" variant="secondary" busy={loading}>
        {t('preSignal.submit')}
      </Button>
    </form>
  );
}

function SendSignalForm({ caseId, crisisDefault }: { caseId: string; crisisDefault: boolean }) {
  const { t } = useTranslation();
  const [crisis, setCrisis] = useState(crisisDefault);
  const [warmHandover, setWarmHandover] = useState(false);
  const [failure, setFailure] = useState<{ message: string | null; missing: string[] } | null>(null);
  const [send, { loading }] = useMutation(SendSignalDocument, {
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    try {
      await send({ variables: { input: { caseId, crisis, warmHandover } } });
    } catch (error) {
      const result = submitFailure(error, t);
      setFailure({ message: result.message, missing: Object.values(result.fieldErrors) });
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <Heading level={3}>{t('preSignal.sendTitle')}</Heading>
      {failure ? (
        <Alert type="error" live heading={t('preSignal.sendFailed')}>
          {failure.message ? <p className="utrecht-paragraph">{failure.message}</p> : null}
          {failure.missing.length > 0 ? (
            <ul className="utrecht-unordered-list">
              {failure.missing.map((line) => (
                <li key={line} className="utrecht-unordered-list__item">
                  {line}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <CheckboxField
        label={t('preSignal.crisis')}
        checked={crisis}
        onChange={(event) => setCrisis(event.target.checked)}
      />
      <CheckboxField
        label={t('preSignal.warmHandover')}
        checked={warmHandover}
        onChange={(event) => setWarmHandover(event.target.checked)}
      />
      <Button type="submit" variant="primary" busy={loading}>
        {t('preSignal.send')}
      </Button>
    </form>
  );
}

/**
 * The corporation's own dossier before the early signal (Besluit gemeentelijke schuldhulpverlening
 * art. 2): record the three steps, then send the signal. The server checks the gate.
 */
export function PreSignalPanel({ caseId, crisis }: { caseId: string; crisis: boolean }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  return (
    <>
      <Paragraph>{t('preSignal.intro')}</Paragraph>
      <ol className="utrecht-ordered-list">
        <li className="utrecht-ordered-list__item">{t('preSignal.gate.WRITTEN_REMINDER')}</li>
        <li className="utrecht-ordered-list__item">{t('preSignal.gate.PERSONAL_CONTACT_ATTEMPT')}</li>
        <li className="utrecht-ordered-list__item">{t('preSignal.gate.DEBT_HELP_POINTER')}</li>
      </ol>
      <Paragraph>{t('preSignal.objection')}</Paragraph>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      <div className="two-columns">
        <PreSignalStepForm caseId={caseId} onSaved={setStatus} />
        <SendSignalForm caseId={caseId} crisisDefault={crisis} />
      </div>
    </>
  );
}
