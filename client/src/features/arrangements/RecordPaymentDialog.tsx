import { useMutation } from '@apollo/client/react';
import { recordPaymentInputSchema } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatMoney } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Paragraph } from '../../ui/Heading';
import { centsToEuroInput } from '../../lib/euro';
import { EuroField, readEuros } from '../../ui/EuroField';
import { ArrangementViewFragment } from './arrangement.fragment';

export const RecordPaymentDocument = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      ...ArrangementView_arrangement
    }
  }
`);

export interface PayableInstalment {
  readonly id: string;
  readonly sequence: number;
  readonly dueOn: string;
  readonly amountCents: number;
}

/**
 * A payment received for one instalment. The returned arrangement (status, streak, new milestones)
 * replaces the one in the cache, so the whole section shows the outcome at once.
 */
export function RecordPaymentDialog({
  instalment,
  onClose,
  onRecorded,
}: {
  instalment: PayableInstalment;
  onClose: () => void;
  onRecorded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const ids = { paidOn: useId(), paidCents: useId() };
  const [paidOn, setPaidOn] = useState(todayIso());
  const [amount, setAmount] = useState(centsToEuroInput(instalment.amountCents));
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [record, { loading }] = useMutation(RecordPaymentDocument);

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!paidOn) found.paidOn = t('arrangementView.payment.errors.paidOn');
    else if (paidOn > todayIso()) found.paidOn = t('arrangementView.payment.errors.paidOnFuture');
    const money = readEuros(amount, t);
    if (money.error !== undefined) found.paidCents = money.error;
    else if (money.cents < instalment.amountCents)
      found.paidCents = t('arrangementView.payment.errors.tooLittle', {
        amount: formatMoney(instalment.amountCents),
      });
    if (Object.keys(found).length > 0 || money.cents === undefined) {
      setErrors(found);
      return;
    }
    const input = { instalmentId: instalment.id, paidOn, paidCents: money.cents };
    // The rest of the rules (a day from 1990 on, a plausible amount) are the server's own, from the
    // shared schema, on the very input that would be sent.
    const issues = formIssues(recordPaymentInputSchema(todayIso()), input, t, Object.keys(ids));
    setErrors(issues);
    if (Object.keys(issues).length > 0) return;
    try {
      const result = await record({ variables: { input } });
      const arrangement = result.data
        ? getFragmentData(ArrangementViewFragment, result.data.recordPayment)
        : null;
      const paid = arrangement?.instalments.find((item) => item.id === instalment.id);
      onRecorded(
        t(
          paid?.status === 'PAID_LATE'
            ? 'arrangementView.payment.savedLate'
            : 'arrangementView.payment.savedOnTime',
          { sequence: instalment.sequence, date: formatDate(paidOn) },
        ),
      );
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <Dialog title={t('arrangementView.payment.title', { sequence: instalment.sequence })} onClose={onClose}>
      <FormShell
        className="form"
        onSubmit={submit}
        header={
          <Paragraph>
            {t('arrangementView.payment.intro', {
              amount: formatMoney(instalment.amountCents),
              date: formatDate(instalment.dueOn),
            })}
          </Paragraph>
        }
        errors={summaryOf(errors, ids)}
        message={message}
        submitLabel={t('arrangementView.payment.submit')}
        busy={loading}
        onCancel={onClose}
      >
        <TextField
          id={ids.paidOn}
          type="date"
          label={t('arrangementView.payment.paidOn')}
          description={t('arrangementView.payment.paidOnHint', { date: formatDate(instalment.dueOn) })}
          value={paidOn}
          max={todayIso()}
          error={errors.paidOn}
          onChange={(event) => setPaidOn(event.target.value)}
        />
        <EuroField
          id={ids.paidCents}
          label={t('arrangementView.payment.amount')}
          description={t('arrangementView.payment.amountHint')}
          value={amount}
          error={errors.paidCents}
          onChange={(event) => setAmount(event.target.value)}
        />
      </FormShell>
    </Dialog>
  );
}
