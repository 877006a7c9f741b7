import { useMutation } from '@apollo/client/react';
import { SIGNAL_END_RESULTS } from '@vangnet/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { SignalEndResult } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { SelectField } from '../../ui/Field';
import { EmptyState } from '../../ui/QueryState';
import { forgetMyDeadlines, patchEmbeddedSection } from '../../lib/cachedList';

export const SignalPanelFragment = graphql(`
  fragment SignalPanel_case on Case {
    signal {
      signalDate
      crisis
      warmHandover
      endResult
      endResultAt
    }
  }
`);

const RecordSignalEndResultDocument = graphql(`
  mutation RecordSignalEndResult($input: RecordSignalEndResultInput!) {
    recordSignalEndResult(input: $input) {
      endResult
      endResultAt
    }
  }
`);

function EndResultForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const fieldId = useId();
  const [value, setValue] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordSignalEndResultDocument, {
    // The answer is the signal's end result: it replaces the one on the case (the signal summary has no
    // id of its own and lives in its case). The work list reads its deadlines anew.
    update(cache, { data }) {
      const result = data?.recordSignalEndResult;
      if (!result) return;
      patchEmbeddedSection(cache, { __typename: 'Case', id: caseId }, 'signal', {
        endResult: result.endResult,
        endResultAt: result.endResultAt,
      });
      forgetMyDeadlines(cache);
    },
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    if (!value) {
      setErrors({ endResult: t('signal.endResultRequired') });
      return;
    }
    setErrors({});
    try {
      await record({ variables: { input: { caseId, endResult: value as SignalEndResult } } });
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="form" noValidate>
      <ErrorSummary errors={summaryOf(errors, { endResult: fieldId })} />
      {message ? (
        <Alert type="error" live>
          {message}
        </Alert>
      ) : null}
      <SelectField
        id={fieldId}
        label={t('signal.endResultLabel')}
        placeholder={t('common.choose')}
        options={SIGNAL_END_RESULTS.map((result) => ({ value: result, label: t(`endResults.${result}`) }))}
        value={value}
        error={errors.endResult}
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="submit" variant="primary" busy={loading}>
        {t('signal.recordEndResult')}
      </Button>
    </form>
  );
}

/**
 * The early signal, for the corporation that sent it and the municipality that received it. The
 * corporation sees "not picked up" without the reason (the API already masks it).
 */
export function SignalPanel({
  caseId,
  caseRef,
  mayRecordEndResult,
}: {
  caseId: string;
  caseRef: FragmentType<typeof SignalPanelFragment>;
  mayRecordEndResult: boolean;
}) {
  const { t } = useTranslation();
  const { signal } = getFragmentData(SignalPanelFragment, caseRef);
  if (!signal) return <EmptyState>{t('signal.none')}</EmptyState>;
  return (
    <>
      <DataList
        items={[
          { key: 'date', label: t('signal.date'), value: formatDate(signal.signalDate) },
          {
            key: 'crisis',
            label: t('signal.crisis'),
            value: signal.crisis ? t('common.yes') : t('common.no'),
          },
          {
            key: 'warm',
            label: t('signal.warmHandover'),
            value: signal.warmHandover ? t('common.yes') : t('common.no'),
          },
          {
            key: 'result',
            label: t('signal.endResult'),
            value: signal.endResult
              ? `${t(`endResults.${signal.endResult}`)}${signal.endResultAt ? ` (${formatDateTime(signal.endResultAt)})` : ''}`
              : t('signal.inProgress'),
          },
        ]}
      />
      {mayRecordEndResult && !signal.endResult ? <EndResultForm caseId={caseId} /> : null}
    </>
  );
}
