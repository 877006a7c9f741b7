/** The case page's sections about the household's money: income and expenses, debts. */
export { DebtsPanel, IncomeExpensesPanel } from './FinancialPanel';
