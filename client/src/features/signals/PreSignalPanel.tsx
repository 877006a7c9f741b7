import { useMutation } from '@apollo/client/react';
import { PRE_SIGNAL_STEP_KINDS } from '@vangnet/shared';
import type { TFunction } from 'i18next';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { PreSignalPanel_CaseFragment, PreSignalStepKind } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime } from '../../lib/format';
import { submitFailure, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { CheckboxField, SelectField, TextareaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { readPreSignalGate, REQUIRED_PRE_SIGNAL_STEPS } from '@vangnet/shared';
import './signals.css';
import { addToCachedListByDate } from '../../lib/cachedList';

export const PreSignalPanelFragment = graphql(`
  fragment PreSignalPanel_case on Case {
    id
    crisis
    preSignalSteps {
      id
      kind
      performedOn
      offeredContactTransfer
      note
      recordedAt
      performedBy {
        id
        displayName
      }
    }
  }
`);

type RecordedStep = PreSignalPanel_CaseFragment['preSignalSteps'][number];

/** Staff of another organisation stay unnamed (the API returns no name for them). */
function performer(step: RecordedStep, t: TFunction): string {
  return step.performedBy?.displayName ?? t('preSignalRecorded.someoneElse');
}

const RecordPreSignalStepDocument = graphql(`
  mutation RecordPreSignalStep($input: RecordPreSignalStepInput!) {
    recordPreSignalStep(input: $input) {
      id
      kind
      performedOn
      offeredContactTransfer
      note
      recordedAt
      performedBy {
        id
        displayName
      }
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
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordPreSignalStepDocument, {
    // The answer is the step as the panel shows it: it goes into the case's steps where a read would
    // put it (by date).
    update(cache, { data }) {
      const step = data?.recordPreSignalStep;
      if (!step) return;
      addToCachedListByDate(
        cache,
        { __typename: 'Case', id: caseId },
        'preSignalSteps',
        { __typename: 'PreSignalStep', id: step.id },
        'performedOn',
      );
    },
  });

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
      showFailure(error);
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
    // Sending the signal changes the whole case (status, participants, referrals, timeline, what is
    // shown at all); the answer is the signal only, so the case page is read again.
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

/** Where the gate stands: per required step done (when, by whom) or still missing; an objection shuts it. */
function GateStatus({ steps }: { steps: readonly RecordedStep[] }) {
  const { t } = useTranslation();
  const gate = readPreSignalGate(steps);
  return (
    <>
      <ol className="gate-list" aria-label={t('preSignalRecorded.gateLabel')}>
        {REQUIRED_PRE_SIGNAL_STEPS.map((kind) => {
          const done = gate.fulfilledBy[kind];
          return (
            <li key={kind} className={`gate-list__item gate-list__item--${done ? 'done' : 'open'}`}>
              <span className="gate-list__text">{t(`preSignal.gate.${kind}`)}</span>{' '}
              {done ? (
                <StatusBadge tone="safe">
                  {t('preSignalRecorded.doneBy', {
                    date: formatDate(done.performedOn),
                    who: performer(done, t),
                  })}
                </StatusBadge>
              ) : (
                <StatusBadge tone="warning">{t('preSignalRecorded.notYet')}</StatusBadge>
              )}
              {!done && kind === 'WRITTEN_REMINDER' && gate.reminderWithoutOffer ? (
                <span className="gate-list__hint"> {t('preSignalRecorded.reminderWithoutOffer')}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {gate.objection ? (
        <Alert type="error" heading={t('preSignalRecorded.objection.title')}>
          <p className="utrecht-paragraph">
            {t('preSignalRecorded.objection.body', {
              date: formatDate(gate.objection.performedOn),
              who: performer(gate.objection, t),
            })}
          </p>
        </Alert>
      ) : gate.missing.length === 0 ? (
        <Alert type="ok">{t('preSignalRecorded.ready')}</Alert>
      ) : (
        <Alert type="warning" heading={t('preSignalRecorded.missingTitle', { count: gate.missing.length })}>
          <p className="utrecht-paragraph">
            {gate.missing.map((kind) => t(`preSignalSteps.${kind}`)).join(', ')}
          </p>
        </Alert>
      )}
    </>
  );
}

function RecordedSteps({ steps }: { steps: readonly RecordedStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) return <EmptyState>{t('preSignalRecorded.none')}</EmptyState>;
  return (
    <Table caption={t('preSignalRecorded.title')}>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t('preSignal.performedOn')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('preSignalRecorded.step')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('preSignalRecorded.who')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('preSignal.note')}
          </th>
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {steps.map((step) => (
          <tr key={step.id} className="utrecht-table__row">
            <td className="utrecht-table__cell">{formatDate(step.performedOn)}</td>
            <td className="utrecht-table__cell">
              {step.kind === 'TENANT_OBJECTION' ? (
                <StatusBadge tone="danger">{t(`preSignalSteps.${step.kind}`)}</StatusBadge>
              ) : (
                t(`preSignalSteps.${step.kind}`)
              )}
              {step.kind === 'WRITTEN_REMINDER' ? (
                <span className="muted">
                  {' — '}
                  {step.offeredContactTransfer
                    ? t('preSignalRecorded.offered')
                    : t('preSignalRecorded.notOffered')}
                </span>
              ) : null}
            </td>
            <td className="utrecht-table__cell">
              {performer(step, t)}
              <span className="muted">
                {' '}
                ({t('preSignalRecorded.recordedAt', { when: formatDateTime(step.recordedAt) })})
              </span>
            </td>
            <td className="utrecht-table__cell pre-line">{step.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/**
 * The corporation's own dossier before the early signal (Besluit gemeentelijke schuldhulpverlening
 * art. 2): the steps recorded so far (when, by whom), what the gate still misses, a form to record the
 * next step, and the signal itself. The server checks the gate again when the signal is sent.
 */
export function PreSignalPanel({ caseRef }: { caseRef: FragmentType<typeof PreSignalPanelFragment> }) {
  const { t } = useTranslation();
  const { id: caseId, crisis, preSignalSteps } = getFragmentData(PreSignalPanelFragment, caseRef);
  const [status, setStatus] = useState('');
  return (
    <>
      <Paragraph>{t('preSignal.intro')}</Paragraph>
      <GateStatus steps={preSignalSteps} />
      <Paragraph>{t('preSignal.objection')}</Paragraph>
      <RecordedSteps steps={preSignalSteps} />
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
