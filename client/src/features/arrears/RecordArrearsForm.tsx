import { useApolloClient, useMutation } from '@apollo/client/react';
import { recordArrearsInputSchema } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { graphql } from '../../gql';
import { todayIso } from '../../lib/dates';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { toApiError } from '../../lib/graphql-errors';
import { useFormErrors } from '../../lib/useFormErrors';
import { TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { ConflictDialog, type ConflictField } from '../../ui/ConflictDialog';
import { centsToEuroInput } from '../../lib/euro';
import { EuroField, readEuros } from '../../ui/EuroField';
import { patchEmbeddedSection } from '../../lib/cachedList';
import { CaseArrearsDocument } from './arrearsQuery';

export const RecordArrearsDocument = graphql(`
  mutation RecordArrears($input: RecordArrearsInput!) {
    recordArrears(input: $input) {
      caseId
      version
      amountCents
      aroseOn
      monthsInArrears
      history {
        amountCents
        aroseOn
        monthsInArrears
        recordedAt
      }
    }
  }
`);

/** The highest number of months the server accepts. */
const MAX_MONTHS = 240;

export interface ArrearsFigures {
  readonly amountCents: number;
  readonly aroseOn: string;
  readonly monthsInArrears: number;
}

/** The arrears as someone else saved them, from a CONFLICT (`extensions.current`). */
interface CurrentArrears extends Partial<ArrearsFigures> {
  readonly version: number;
  readonly updatedAt?: string;
}

function isCurrentArrears(value: unknown): value is CurrentArrears {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.version === 'number' &&
    (row.amountCents === undefined || typeof row.amountCents === 'number') &&
    (row.aroseOn === undefined || typeof row.aroseOn === 'string') &&
    (row.monthsInArrears === undefined || typeof row.monthsInArrears === 'number')
  );
}

/**
 * New arrears for the case, saved against the version they were read at. When someone else changed them
 * meanwhile the server answers CONFLICT with the current figures: both are shown side by side, and the
 * user saves the figures they choose against the current version — nothing is overwritten unseen.
 */
export function RecordArrearsForm({
  caseId,
  current,
  version,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** What the page shows now; null when the case has no arrears yet. */
  current: ArrearsFigures | null;
  /** The version of the arrears that were read (0 when there are none). */
  version: number;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const ids = { amountCents: useId(), aroseOn: useId(), monthsInArrears: useId() };
  const [baseVersion, setBaseVersion] = useState(version);
  const [amount, setAmount] = useState(current ? centsToEuroInput(current.amountCents) : '');
  const [aroseOn, setAroseOn] = useState(current?.aroseOn ?? '');
  const [months, setMonths] = useState(current ? String(current.monthsInArrears) : '');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [conflict, setConflict] = useState<{ mine: ArrearsFigures; theirs: CurrentArrears } | null>(null);
  const [record, { loading }] = useMutation(RecordArrearsDocument, {
    // The answer is the arrears as they now are, with their history: they replace the case's arrears
    // section in the cache (the section has no id of its own), instead of the page being read again.
    update(cache, { data }) {
      const saved = data?.recordArrears;
      if (!saved) return;
      const { amountCents, aroseOn, monthsInArrears, version, history } = saved;
      patchEmbeddedSection(cache, { __typename: 'Case', id: saved.caseId }, 'arrears', {
        amountCents,
        aroseOn,
        monthsInArrears,
        version,
        history,
      });
    },
  });

  function readForm(): ArrearsFigures | null {
    const found: Record<string, string> = {};
    const money = readEuros(amount, t, { allowZero: true });
    if (money.error !== undefined) found.amountCents = money.error;
    if (!aroseOn) found.aroseOn = t('arrearsEdit.errors.aroseOn');
    else if (aroseOn > todayIso()) found.aroseOn = t('arrearsEdit.errors.aroseOnFuture');
    const monthsValue = /^\d{1,3}$/.test(months.trim()) ? Number(months.trim()) : null;
    if (monthsValue === null || monthsValue > MAX_MONTHS)
      found.monthsInArrears = t('arrearsEdit.errors.months', { max: MAX_MONTHS });
    if (Object.keys(found).length > 0 || money.cents === undefined || monthsValue === null) {
      setErrors(found);
      return null;
    }
    const figures = { amountCents: money.cents, aroseOn, monthsInArrears: monthsValue };
    // The rest of the rules (a date from 1990 on, a plausible amount) are the server's own, from the
    // shared schema, applied to the very input that would be sent.
    const issues = formIssues(
      recordArrearsInputSchema(todayIso()),
      { caseId, expectedVersion: baseVersion, ...figures },
      t,
      Object.keys(ids),
    );
    setErrors(issues);
    return Object.keys(issues).length > 0 ? null : figures;
  }

  async function save(figures: ArrearsFigures, expectedVersion: number) {
    setMessage(null);
    try {
      const result = await record({ variables: { input: { caseId, expectedVersion, ...figures } } });
      setConflict(null);
      const saved = result.data?.recordArrears;
      onDone(
        t('arrearsEdit.saved', {
          amount: formatMoney(saved?.amountCents ?? figures.amountCents),
        }),
      );
    } catch (error) {
      const apiError = toApiError(error);
      const theirs = apiError.extensions.current;
      if (apiError.code === 'CONFLICT' && isCurrentArrears(theirs)) {
        setBaseVersion(theirs.version);
        setConflict({ mine: figures, theirs });
        // Their figures are in the dialog; the section behind it is read again (the arrears alone).
        void client
          .query({ query: CaseArrearsDocument, variables: { id: caseId }, fetchPolicy: 'network-only' })
          .catch(() => undefined);
        return;
      }
      showFailure(error);
    }
  }

  function submit() {
    const figures = readForm();
    if (figures) void save(figures, baseVersion);
  }

  const display = {
    amountCents: (figures: Partial<ArrearsFigures>) =>
      figures.amountCents === undefined ? '' : formatMoney(figures.amountCents),
    aroseOn: (figures: Partial<ArrearsFigures>) => (figures.aroseOn ? formatDate(figures.aroseOn) : ''),
    monthsInArrears: (figures: Partial<ArrearsFigures>) =>
      figures.monthsInArrears === undefined ? '' : formatNumber(figures.monthsInArrears),
  } as const;
  const conflictFields: ConflictField[] = conflict
    ? [
        { key: 'amountCents', label: t('arrears.amount') },
        { key: 'aroseOn', label: t('arrears.aroseOn') },
        { key: 'monthsInArrears', label: t('arrears.months') },
      ].map(({ key, label }) => {
        const show = display[key as keyof typeof display];
        return { key, label, mine: show(conflict.mine), theirs: show(conflict.theirs), editable: false };
      })
    : [];

  return (
    <>
      <FormShell
        className="form"
        aria-labelledby={`${ids.amountCents}-title`}
        onSubmit={submit}
        header={
          <Heading level={3} id={`${ids.amountCents}-title`}>
            {current ? t('arrearsEdit.titleUpdate') : t('arrearsEdit.titleNew')}
          </Heading>
        }
        errors={summaryOf(errors, ids)}
        message={message}
        submitLabel={t('arrearsEdit.submit')}
        busy={loading}
        onCancel={onCancel}
      >
        <EuroField
          id={ids.amountCents}
          label={t('arrearsEdit.amount')}
          description={t('euroAmount.hint')}
          value={amount}
          error={errors.amountCents}
          onChange={(event) => setAmount(event.target.value)}
        />
        <TextField
          id={ids.aroseOn}
          type="date"
          label={t('arrears.aroseOn')}
          value={aroseOn}
          max={todayIso()}
          error={errors.aroseOn}
          onChange={(event) => setAroseOn(event.target.value)}
        />
        <TextField
          id={ids.monthsInArrears}
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_MONTHS}
          label={t('arrears.months')}
          value={months}
          error={errors.monthsInArrears}
          className="field--short"
          onChange={(event) => setMonths(event.target.value)}
        />
      </FormShell>
      {conflict ? (
        <ConflictDialog
          title={t('arrearsEdit.conflictTitle')}
          fields={conflictFields}
          {...(conflict.theirs.updatedAt ? { theirSavedAt: formatDateTime(conflict.theirs.updatedAt) } : {})}
          busy={loading}
          onCancel={() => setConflict(null)}
          onResolve={(merged) => {
            const { mine, theirs } = conflict;
            // The dialog hands back display text per field: mine when it equals mine, else theirs.
            const keepsMine = (key: keyof ArrearsFigures) => merged[key] === display[key](mine);
            const resolved: ArrearsFigures = {
              amountCents: keepsMine('amountCents')
                ? mine.amountCents
                : (theirs.amountCents ?? mine.amountCents),
              aroseOn: keepsMine('aroseOn') ? mine.aroseOn : (theirs.aroseOn ?? mine.aroseOn),
              monthsInArrears: keepsMine('monthsInArrears')
                ? mine.monthsInArrears
                : (theirs.monthsInArrears ?? mine.monthsInArrears),
            };
            setAmount(centsToEuroInput(resolved.amountCents));
            setAroseOn(resolved.aroseOn);
            setMonths(String(resolved.monthsInArrears));
            void save(resolved, theirs.version);
          }}
        />
      ) : null}
    </>
  );
}
