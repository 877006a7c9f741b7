import { useApolloClient, useMutation } from '@apollo/client/react';
import { CASE_EXIT_REASONS, SOLUTION_KINDS } from '@vangnet/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { CaseExitReason, SolutionKind } from '../../gql/graphql';
import type { Actor } from '../../lib/ability';
import { todayIso } from '../../lib/dates';
import { formatDateTime } from '../../lib/format';
import { submitFailure, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, Paragraph } from '../../ui/Heading';
import { transitionOptions, type TransitionOption } from './lifecycle';
import { forgetMyDeadlines } from '../../lib/cachedList';

export const LifecyclePanelFragment = graphql(`
  fragment LifecyclePanel_case on Case {
    id
    status
    version
    intake {
      helpRequestedAt
      firstConversationAt
      solutionKind
      exitReason
    }
    signal {
      endResult
    }
  }
`);

const TransitionCaseDocument = graphql(`
  mutation TransitionCase($input: TransitionCaseInput!) {
    transitionCase(input: $input) {
      id
      ...CasePage_case
    }
  }
`);

const RecordFirstConversationDocument = graphql(`
  mutation RecordFirstConversation($input: RecordFirstConversationInput!) {
    recordFirstConversation(input: $input) {
      id
      ...CasePage_case
    }
  }
`);

function TransitionForm({
  caseId,
  version,
  option,
  onDone,
  onCancel,
}: {
  caseId: string;
  version: number;
  option: TransitionOption;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const ids = { exitReason: useId(), solutionKind: useId(), note: useId() };
  const { transition, blockedBy } = option;
  const needsExitReason = transition.requires?.includes('EXIT_REASON') ?? false;
  const needsSolution = transition.requires?.includes('SOLUTION_KIND') ?? false;
  const [exitReason, setExitReason] = useState('');
  const [solutionKind, setSolutionKind] = useState('');
  const [note, setNote] = useState('');
  const { errors, setErrors, message, setMessage } = useFormErrors();
  const [move, { loading }] = useMutation(TransitionCaseDocument, {
    // The answer is the case as the page shows it (the page's own fragment): status, timeline, intake,
    // what may be read now. It replaces the case in the cache; the work list reads its deadlines anew.
    update: (cache) => forgetMyDeadlines(cache),
  });
  const target = t(`caseStatus.${transition.to}`);

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (needsExitReason && !exitReason) found.exitReason = t('lifecycle.errors.exitReason');
    if (needsSolution && !solutionKind) found.solutionKind = t('lifecycle.errors.solutionKind');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await move({
        variables: {
          input: {
            caseId,
            to: transition.to,
            expectedVersion: version,
            ...(needsExitReason ? { exitReason: exitReason as CaseExitReason } : {}),
            ...(needsSolution ? { solutionKind: solutionKind as SolutionKind } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        },
      });
      onDone(t('lifecycle.moved', { status: target }));
    } catch (error) {
      const failure = submitFailure(error, t);
      setErrors({ ...failure.fieldErrors });
      if (failure.code === 'CONFLICT') {
        setMessage(t('lifecycle.conflict'));
        await client.refetchQueries({ include: ['CasePage'] });
      } else {
        setMessage(failure.message);
      }
    }
  }

  return (
    <FormShell
      className="form transition-form"
      onSubmit={submit}
      header={<Heading level={3}>{t('lifecycle.formTitle', { status: target })}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('lifecycle.confirm', { status: target })}
      submitDisabled={blockedBy.length > 0}
      busy={loading}
      onCancel={onCancel}
    >
      {blockedBy.map((precondition) => (
        <Alert key={precondition} type="warning">
          {t(`lifecycle.blocked.${precondition}`)}
        </Alert>
      ))}
      {needsExitReason ? (
        <SelectField
          id={ids.exitReason}
          label={t('lifecycle.exitReason')}
          placeholder={t('common.choose')}
          options={CASE_EXIT_REASONS.map((reason) => ({ value: reason, label: t(`exitReasons.${reason}`) }))}
          value={exitReason}
          error={errors.exitReason}
          onChange={(event) => setExitReason(event.target.value)}
        />
      ) : null}
      {needsSolution ? (
        <SelectField
          id={ids.solutionKind}
          label={t('lifecycle.solutionKind')}
          placeholder={t('common.choose')}
          options={SOLUTION_KINDS.map((kind) => ({ value: kind, label: t(`solutionKinds.${kind}`) }))}
          value={solutionKind}
          error={errors.solutionKind}
          onChange={(event) => setSolutionKind(event.target.value)}
        />
      ) : null}
      <TextareaField
        id={ids.note}
        label={t('lifecycle.note')}
        description={t('lifecycle.noteHint')}
        value={note}
        rows={3}
        error={errors.note}
        onChange={(event) => setNote(event.target.value)}
      />
    </FormShell>
  );
}

function FirstConversationForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const [heldOn, setHeldOn] = useState(todayIso());
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordFirstConversationDocument, {
    // As a transition: the answer is the whole case as the page shows it.
    update: (cache) => forgetMyDeadlines(cache),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    if (!heldOn) {
      setErrors({ heldOn: t('lifecycle.errors.heldOn') });
      return;
    }
    setErrors({});
    try {
      await record({ variables: { input: { caseId, heldOn } } });
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <Heading level={3}>{t('lifecycle.firstConversationTitle')}</Heading>
      <ErrorSummary errors={summaryOf(errors, { heldOn: fieldId })} />
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      <TextField
        id={fieldId}
        type="date"
        label={t('lifecycle.heldOn')}
        value={heldOn}
        max={todayIso()}
        error={errors.heldOn}
        onChange={(event) => setHeldOn(event.target.value)}
      />
      <Button type="submit" variant="secondary" busy={loading}>
        {t('lifecycle.recordFirstConversation')}
      </Button>
    </form>
  );
}

/**
 * Intake and the lifecycle: the facts (help request, first conversation, solution, exit reason) and
 * the moves this membership may make, from the shared lifecycle table and the access rules.
 */
export function LifecyclePanel({
  caseRef,
  actor,
  mayTransition,
  mayWorkSignal,
}: {
  caseRef: FragmentType<typeof LifecyclePanelFragment>;
  actor: Actor;
  mayTransition: boolean;
  mayWorkSignal: boolean;
}) {
  const { t } = useTranslation();
  const data = getFragmentData(LifecyclePanelFragment, caseRef);
  const [open, setOpen] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const options = transitionOptions(data.status, actor, mayTransition, {
    firstConversationAt: data.intake?.firstConversationAt ?? null,
    signalWithoutEndResult: data.signal !== null && data.signal !== undefined && !data.signal.endResult,
  });
  const intake = data.intake;
  const openOption = options.find((option) => option.transition.to === open);

  return (
    <>
      {intake ? (
        <DataList
          items={[
            {
              key: 'help',
              label: t('lifecycle.helpRequestedAt'),
              value: intake.helpRequestedAt ? formatDateTime(intake.helpRequestedAt) : t('common.notYet'),
            },
            {
              key: 'first',
              label: t('lifecycle.firstConversationAt'),
              value: intake.firstConversationAt
                ? formatDateTime(intake.firstConversationAt)
                : t('common.notYet'),
            },
            ...(intake.solutionKind
              ? [
                  {
                    key: 'solution',
                    label: t('lifecycle.solutionKind'),
                    value: t(`solutionKinds.${intake.solutionKind}`),
                  },
                ]
              : []),
            ...(intake.exitReason
              ? [
                  {
                    key: 'exit',
                    label: t('lifecycle.exitReason'),
                    value: t(`exitReasons.${intake.exitReason}`),
                  },
                ]
              : []),
          ]}
        />
      ) : null}
      {data.status === 'INTAKE' && intake && !intake.firstConversationAt && mayWorkSignal ? (
        <FirstConversationForm caseId={data.id} />
      ) : null}
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      {openOption ? (
        <TransitionForm
          key={openOption.transition.to}
          caseId={data.id}
          version={data.version}
          option={openOption}
          onDone={(message) => {
            setOpen(null);
            setStatus(message);
          }}
          onCancel={() => setOpen(null)}
        />
      ) : options.length > 0 ? (
        <>
          <Paragraph>{t('lifecycle.nextSteps')}</Paragraph>
          <div className="button-row">
            {options.map((option) => (
              <Button
                key={option.transition.to}
                variant={option.transition.to === 'CLOSED' ? 'secondary' : 'primary'}
                onClick={() => {
                  setStatus('');
                  setOpen(option.transition.to);
                }}
              >
                {t('lifecycle.moveTo', { status: t(`caseStatus.${option.transition.to}`) })}
              </Button>
            ))}
          </div>
        </>
      ) : data.status ? (
        <Paragraph className="muted">{t('lifecycle.noMoves')}</Paragraph>
      ) : null}
    </>
  );
}
