import { useMutation } from '@apollo/client/react';
import { createArrangementInputSchema, MAX_DUE_DAY, MAX_INSTALMENTS } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { centsToEuroInput, parseEuros } from '../../lib/euro';
import { EuroField, readEuros } from '../../ui/EuroField';
import { previewInstalments } from './instalment-preview';

export const CreateArrangementDocument = graphql(`
  mutation CreateArrangement($input: CreateArrangementInput!) {
    createArrangement(input: $input) {
      id
      caseId
      ...ArrangementView_arrangement
    }
  }
`);

function wholeNumber(text: string): number | null {
  return /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * A new payment arrangement: total, number of instalments, start date and due day. While typing, the
 * form shows what will be generated — the regular instalment, the last one (which absorbs the rounding)
 * and the first and last due dates — so the case worker can read it to the tenant before saving.
 */
export function CreateArrangementForm({
  caseId,
  suggestedTotalCents,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** The current arrears, when known: the usual total of an arrangement. */
  suggestedTotalCents: number | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = {
    totalCents: useId(),
    instalmentCount: useId(),
    startDate: useId(),
    dueDay: useId(),
    preview: useId(),
  };
  const [total, setTotal] = useState(suggestedTotalCents ? centsToEuroInput(suggestedTotalCents) : '');
  const [count, setCount] = useState('');
  const [startDate, setStartDate] = useState(todayIso());
  const [dueDay, setDueDay] = useState('1');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [create, { loading }] = useMutation(CreateArrangementDocument, {
    // The answer is the arrangement as the panel shows it: the case now points at it.
    update(cache, { data }) {
      const arrangement = data?.createArrangement;
      const caseId = arrangement ? cache.identify({ __typename: 'Case', id: arrangement.caseId }) : undefined;
      if (!arrangement || !caseId) return;
      cache.modify({
        id: caseId,
        fields: {
          arrangement: (_existing, { toReference }) =>
            toReference({ __typename: 'PaymentArrangement', id: arrangement.id }),
        },
      });
    },
  });

  const parsedTotal = parseEuros(total);
  const preview = parsedTotal.ok
    ? previewInstalments({
        totalCents: parsedTotal.cents,
        count: wholeNumber(count) ?? 0,
        startDate,
        dueDay: wholeNumber(dueDay) ?? 0,
      })
    : null;
  const instalmentCount = wholeNumber(count) ?? 0;

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    const money = readEuros(total, t);
    if (money.error !== undefined) found.totalCents = money.error;
    const countValue = wholeNumber(count);
    if (countValue === null || countValue < 1 || countValue > MAX_INSTALMENTS)
      found.instalmentCount = t('arrangementView.create.errors.count', { max: MAX_INSTALMENTS });
    else if (money.cents !== undefined && money.cents < countValue)
      found.instalmentCount = t('arrangementView.create.errors.countTooHigh');
    if (!startDate) found.startDate = t('arrangementView.create.errors.startDate');
    const dueDayValue = wholeNumber(dueDay);
    if (dueDayValue === null || dueDayValue < 1 || dueDayValue > MAX_DUE_DAY)
      found.dueDay = t('arrangementView.create.errors.dueDay', { max: MAX_DUE_DAY });
    if (Object.keys(found).length > 0 || money.cents === undefined || !countValue || !dueDayValue) {
      setErrors(found);
      return;
    }
    const input = {
      caseId,
      totalCents: money.cents,
      instalmentCount: countValue,
      startDate,
      dueDay: dueDayValue,
    };
    // The rest of the rules (a start from three months back to a year ahead, a plausible total) are the
    // server's own, from the shared schema, on the very input that would be sent.
    const issues = formIssues(createArrangementInputSchema(todayIso()), input, t, [
      'totalCents',
      'instalmentCount',
      'startDate',
      'dueDay',
    ]);
    setErrors(issues);
    if (Object.keys(issues).length > 0) return;
    try {
      await create({ variables: { input } });
      onDone(t('arrangementView.create.saved', { count: countValue, total: formatMoney(money.cents) }));
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <FormShell
      className="form"
      onSubmit={submit}
      header={<Heading level={3}>{t('arrangementView.create.title')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('arrangementView.create.submit')}
      busy={loading}
      onCancel={onCancel}
    >
      <EuroField
        id={ids.totalCents}
        label={t('arrangementView.create.total')}
        description={t('euroAmount.hint')}
        value={total}
        error={errors.totalCents}
        onChange={(event) => setTotal(event.target.value)}
      />
      <div className="date-range">
        <TextField
          id={ids.instalmentCount}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_INSTALMENTS}
          label={t('arrangementView.create.count')}
          value={count}
          error={errors.instalmentCount}
          onChange={(event) => setCount(event.target.value)}
        />
        <TextField
          id={ids.dueDay}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_DUE_DAY}
          label={t('arrangementView.create.dueDay')}
          description={t('arrangementView.create.dueDayHint', { max: MAX_DUE_DAY })}
          value={dueDay}
          error={errors.dueDay}
          onChange={(event) => setDueDay(event.target.value)}
        />
      </div>
      <TextField
        id={ids.startDate}
        type="date"
        label={t('arrangementView.create.startDate')}
        description={t('arrangementView.create.startDateHint')}
        value={startDate}
        error={errors.startDate}
        onChange={(event) => setStartDate(event.target.value)}
      />
      <div id={ids.preview} className="instalment-preview" aria-live="polite">
        {preview ? (
          <>
            <p className="utrecht-paragraph">
              {preview.regularCents === preview.lastCents
                ? t('arrangementView.create.previewEqual', {
                    count: instalmentCount,
                    amount: formatMoney(preview.regularCents),
                  })
                : t('arrangementView.create.previewRounding', {
                    number: formatNumber(instalmentCount),
                    amount: formatMoney(preview.regularCents),
                    last: formatMoney(preview.lastCents),
                  })}
            </p>
            <p className="utrecht-paragraph">
              {t('arrangementView.create.previewDates', {
                first: formatDate(preview.firstDueOn),
                last: formatDate(preview.lastDueOn),
              })}
            </p>
          </>
        ) : (
          <p className="utrecht-paragraph muted">{t('arrangementView.create.previewEmpty')}</p>
        )}
      </div>
    </FormShell>
  );
}
