import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatMoney } from '../../lib/format';
import { DataList } from '../../ui/DataList';
import { EmptyState } from '../../ui/QueryState';
import { Table } from '../../ui/Table';

export const IncomeExpensesPanelFragment = graphql(`
  fragment IncomeExpensesPanel_case on Case {
    incomeExpenses {
      monthlyIncomeCents
      monthlyExpensesCents
      lines {
        id
        kind
        description
        monthlyAmountCents
      }
    }
  }
`);

export const DebtsPanelFragment = graphql(`
  fragment DebtsPanel_case on Case {
    debts {
      totalCents
      debts {
        id
        creditor
        collectedBy
        amountCents
      }
    }
  }
`);

/** Category INCOME_EXPENSES: the monthly budget. */
export function IncomeExpensesPanel({
  caseRef,
}: {
  caseRef: FragmentType<typeof IncomeExpensesPanelFragment>;
}) {
  const { t } = useTranslation();
  const { incomeExpenses } = getFragmentData(IncomeExpensesPanelFragment, caseRef);
  if (!incomeExpenses) return null;
  const balance = incomeExpenses.monthlyIncomeCents - incomeExpenses.monthlyExpensesCents;
  return (
    <>
      <DataList
        items={[
          {
            key: 'income',
            label: t('finance.income'),
            value: formatMoney(incomeExpenses.monthlyIncomeCents),
          },
          {
            key: 'expenses',
            label: t('finance.expenses'),
            value: formatMoney(incomeExpenses.monthlyExpensesCents),
          },
          {
            key: 'balance',
            label: t('finance.balance'),
            value: <strong className={balance < 0 ? 'negative' : undefined}>{formatMoney(balance)}</strong>,
          },
        ]}
      />
      {incomeExpenses.lines.length > 0 ? (
        <Table caption={t('finance.linesCaption')}>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t('finance.line')}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t('finance.kind')}
              </th>
              <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                {t('finance.perMonth')}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {incomeExpenses.lines.map((line) => (
              <tr key={line.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{line.description}</td>
                <td className="utrecht-table__cell">
                  {line.kind === 'INCOME' ? t('finance.kindIncome') : t('finance.kindExpense')}
                </td>
                <td className="utrecht-table__cell utrecht-table__cell--numeric">
                  {formatMoney(line.monthlyAmountCents)}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </>
  );
}

/** Category DEBTS: the creditor overview. */
export function DebtsPanel({ caseRef }: { caseRef: FragmentType<typeof DebtsPanelFragment> }) {
  const { t } = useTranslation();
  const { debts } = getFragmentData(DebtsPanelFragment, caseRef);
  if (!debts) return null;
  if (debts.debts.length === 0) return <EmptyState>{t('finance.noDebts')}</EmptyState>;
  return (
    <Table
      caption={t('finance.debtsCaption', { total: formatMoney(debts.totalCents), count: debts.debts.length })}
    >
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t('finance.creditor')}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t('finance.collectedBy')}
          </th>
          <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
            {t('finance.amount')}
          </th>
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {debts.debts.map((debt) => (
          <tr key={debt.id} className="utrecht-table__row">
            <td className="utrecht-table__cell">{debt.creditor}</td>
            <td className="utrecht-table__cell">{debt.collectedBy ?? '—'}</td>
            <td className="utrecht-table__cell utrecht-table__cell--numeric">
              {formatMoney(debt.amountCents)}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="utrecht-table__footer">
        <tr className="utrecht-table__row">
          <th scope="row" colSpan={2} className="utrecht-table__header-cell">
            {t('finance.total')}
          </th>
          <td className="utrecht-table__cell utrecht-table__cell--numeric">
            <strong>{formatMoney(debts.totalCents)}</strong>
          </td>
        </tr>
      </tfoot>
    </Table>
  );
}
