/** What other features use of finances: the tables the demo seed fills. */
export { Debt } from './debt.entity.js';
export { IncomeExpenseItem } from './income-expense-item.entity.js';
