import { useMutation } from '@apollo/client/react';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { ArrearsImportOutcome, ImportArrearsMutation } from '../../gql/graphql';
import { formatNumber } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { SelectField, TextareaField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, PageHeading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { StatusBadge, type BadgeTone } from '../../ui/StatusBadge';
import { Table } from '../../ui/Table';
import { useActor } from '../auth';
import { NotAllowedPage } from '../../app/NotAllowedPage';
import './arrears.css';

export const ImportArrearsDocument = graphql(`
  mutation ImportArrears($input: ImportArrearsInput!) {
    importArrears(input: $input) {
      importId
      rowsTotal
      created
      updated
      unchanged
      errors
      rows {
        line
        contractNumber
        caseReference
        outcome
        message
      }
    }
  }
`);

/**
 * The header names the server's CSV parser expects (server/src/features/arrears/arrears-import.csv.ts,
 * REQUIRED_COLUMNS and OPTIONAL_COLUMNS), in that order.
 */
export const REQUIRED_CSV_COLUMNS = [
  'contractnummer',
  'voorletters',
  'tussenvoegsel',
  'achternaam',
  'straat',
  'huisnummer',
  'toevoeging',
  'postcode',
  'woonplaats',
  'bedrag',
  'ontstaan_op',
] as const;
export const OPTIONAL_CSV_COLUMNS = ['maandhuur', 'maanden_achterstand'] as const;

const EXAMPLE = [
  [...REQUIRED_CSV_COLUMNS, ...OPTIONAL_CSV_COLUMNS].join(';'),
  'HC-10234;J.;van der;Berg;Lindelaan;12;A;1234 AB;Rivierstad;1.234,56;01-09-2026;725,00;2',
  'HC-10235;M.;;Yilmaz;Dijkstraat;3;;1235 CD;Rivierstad;0;15-10-2026;;',
].join('\n');

/** The name the server records for a list pasted into the text box instead of a chosen file. */
const PASTED_FILE_NAME = 'geplakte-lijst.csv';

const OUTCOMES: readonly ArrearsImportOutcome[] = ['ERROR', 'CREATED', 'UPDATED', 'UNCHANGED'];

const OUTCOME_TONE: Record<ArrearsImportOutcome, BadgeTone> = {
  CREATED: 'active',
  UPDATED: 'warning',
  UNCHANGED: 'inactive',
  ERROR: 'danger',
};

/** Rows shown at once; a large file's results are read page by page. */
const PAGE_SIZE = 200;

type ImportResult = ImportArrearsMutation['importArrears'];

function isOutcome(value: string): value is ArrearsImportOutcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

function ColumnsHelp() {
  const { t } = useTranslation();
  return (
    <details className="wording-details csv-columns">
      <summary>{t('arrearsImport.columns.title')}</summary>
      <Paragraph>{t('arrearsImport.columns.intro')}</Paragraph>
      <Heading level={3}>{t('arrearsImport.columns.required')}</Heading>
      <ul className="utrecht-unordered-list">
        {REQUIRED_CSV_COLUMNS.map((column) => (
          <li key={column} className="utrecht-unordered-list__item">
            <code>{column}</code> — {t(`arrearsImport.column.${column}`)}
          </li>
        ))}
      </ul>
      <Heading level={3}>{t('arrearsImport.columns.optional')}</Heading>
      <ul className="utrecht-unordered-list">
        {OPTIONAL_CSV_COLUMNS.map((column) => (
          <li key={column} className="utrecht-unordered-list__item">
            <code>{column}</code> — {t(`arrearsImport.column.${column}`)}
          </li>
        ))}
      </ul>
      <Paragraph>{t('arrearsImport.columns.format')}</Paragraph>
      <Heading level={3}>{t('arrearsImport.columns.example')}</Heading>
      <pre className="csv-example" tabIndex={0} aria-label={t('arrearsImport.columns.example')}>
        {EXAMPLE}
      </pre>
    </details>
  );
}

function ImportResults({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [filter, setFilter] = useState<ArrearsImportOutcome | ''>(result.errors > 0 ? 'ERROR' : '');
  const [shown, setShown] = useState(PAGE_SIZE);
  const rows = filter ? result.rows.filter((row) => row.outcome === filter) : result.rows;
  const counts: { key: string; label: string; value: number }[] = [
    { key: 'total', label: t('arrearsImport.summary.total'), value: result.rowsTotal },
    { key: 'created', label: t('arrearsImport.outcome.CREATED'), value: result.created },
    { key: 'updated', label: t('arrearsImport.outcome.UPDATED'), value: result.updated },
    { key: 'unchanged', label: t('arrearsImport.outcome.UNCHANGED'), value: result.unchanged },
    { key: 'errors', label: t('arrearsImport.outcome.ERROR'), value: result.errors },
  ];
  return (
    <Section title={t('arrearsImport.results.title')}>
      <ul className="import-summary" aria-label={t('arrearsImport.summary.label')}>
        {counts.map((count) => (
          <li key={count.key}>
            <strong>{formatNumber(count.value)}</strong> {count.label}
          </li>
        ))}
      </ul>
      {result.errors > 0 ? (
        <Alert type="warning">{t('arrearsImport.results.someRejected', { count: result.errors })}</Alert>
      ) : (
        <Alert type="ok">{t('arrearsImport.results.allRead')}</Alert>
      )}
      <SelectField
        id={filterId}
        label={t('arrearsImport.results.filter')}
        placeholder={t('arrearsImport.results.filterAll')}
        options={OUTCOMES.map((outcome) => ({
          value: outcome,
          label: t(`arrearsImport.outcome.${outcome}`),
        }))}
        value={filter}
        onChange={(event) => {
          const value = event.target.value;
          setFilter(isOutcome(value) ? value : '');
          setShown(PAGE_SIZE);
        }}
      />
      {rows.length === 0 ? (
        <EmptyState>{t('arrearsImport.results.noneWithFilter')}</EmptyState>
      ) : (
        <>
          <Table caption={t('arrearsImport.results.caption', { count: rows.length })}>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                  {t('arrearsImport.results.line')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('arrearsImport.results.contract')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('arrearsImport.results.outcome')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('arrearsImport.results.case')}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t('arrearsImport.results.message')}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.slice(0, shown).map((row) => (
                <tr key={row.line} className="utrecht-table__row">
                  <td className="utrecht-table__cell utrecht-table__cell--numeric">
                    {formatNumber(row.line)}
                  </td>
                  <td className="utrecht-table__cell">{row.contractNumber ?? '—'}</td>
                  <td className="utrecht-table__cell">
                    <StatusBadge tone={OUTCOME_TONE[row.outcome]}>
                      {t(`arrearsImport.outcome.${row.outcome}`)}
                    </StatusBadge>
                  </td>
                  <td className="utrecht-table__cell">{row.caseReference ?? '—'}</td>
                  <td className="utrecht-table__cell">{row.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {rows.length > shown ? (
            <div className="button-row">
              <Button variant="secondary" onClick={() => setShown((current) => current + PAGE_SIZE)}>
                {t('arrearsImport.results.more', {
                  count: Math.min(PAGE_SIZE, rows.length - shown),
                  shown: formatNumber(shown),
                  total: formatNumber(rows.length),
                })}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}

/**
 * The corporation's arrears list from its ERP, as a CSV file or pasted text: every row creates a
 * dossier, updates the arrears of an open one, changes nothing, or is rejected with the reason.
 */
export function ImportArrearsPage() {
  const { t } = useTranslation();
  usePageTitle(t('arrearsImport.title'));
  const { ability } = useActor();
  const ids = { file: useId(), csv: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [runImport, { loading }] = useMutation(ImportArrearsDocument, {
    refetchQueries: ['CaseQueue', 'MyDeadlines'],
  });

  if (!ability.can('create', 'Case')) {
    return <NotAllowedPage title={t('arrearsImport.title')} reason={t('arrearsImport.notAllowed')} />;
  }

  async function submit() {
    setMessage(null);
    const csv = file ? await file.text() : pasted;
    if (!csv.trim()) {
      setErrors({ csv: t('arrearsImport.errors.empty') });
      return;
    }
    setErrors({});
    setResult(null);
    try {
      const response = await runImport({
        variables: { input: { csv, fileName: file?.name ?? PASTED_FILE_NAME } },
      });
      setResult(response.data?.importArrears ?? null);
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <>
      <PageHeading>{t('arrearsImport.title')}</PageHeading>
      <Paragraph className="lead">{t('arrearsImport.intro')}</Paragraph>
      <ColumnsHelp />
      <FormShell
        className="form"
        onSubmit={submit}
        errors={summaryOf(errors, { csv: file ? ids.file : ids.csv })}
        message={message}
        submitLabel={loading ? t('arrearsImport.busy') : t('arrearsImport.submit')}
        busy={loading}
      >
        <div
          className={[
            'utrecht-form-field',
            'utrecht-form-field--distanced',
            errors.csv && file ? 'utrecht-form-field--invalid' : '',
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={ids.file}>
              {t('arrearsImport.file')}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={`${ids.file}-description`}>
            {t('arrearsImport.fileHint')}
          </div>
          {errors.csv && file ? (
            <div className="utrecht-form-field-error-message" id={`${ids.file}-error`}>
              {errors.csv}
            </div>
          ) : null}
          <div className="utrecht-form-field__input">
            <input
              id={ids.file}
              type="file"
              accept=".csv,text/csv,text/plain"
              aria-describedby={[`${ids.file}-description`, errors.csv && file ? `${ids.file}-error` : '']
                .filter(Boolean)
                .join(' ')}
              aria-invalid={errors.csv && file ? true : undefined}
              onChange={(event: ChangeEvent<HTMLInputElement>) => {
                setFile(event.target.files?.[0] ?? null);
                setResult(null);
              }}
            />
          </div>
        </div>
        <TextareaField
          id={ids.csv}
          label={t('arrearsImport.paste')}
          description={
            file ? t('arrearsImport.pasteIgnored', { name: file.name }) : t('arrearsImport.pasteHint')
          }
          value={pasted}
          rows={6}
          spellCheck={false}
          className="csv-textarea"
          error={file ? undefined : errors.csv}
          onChange={(event) => {
            setPasted(event.target.value);
            setResult(null);
          }}
        />
      </FormShell>
      {loading ? (
        <p className="utrecht-paragraph" role="status">
          {t('arrearsImport.busy')}
        </p>
      ) : null}
      {result ? <ImportResults result={result} /> : null}
    </>
  );
}
