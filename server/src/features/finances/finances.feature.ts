import type { FeatureDescriptor } from '../../core/feature.js';
import { Debt } from './debt.entity.js';
import { IncomeExpenseItem } from './income-expense-item.entity.js';

/** Income, expenses and debts: read as sections of a case (features/cases), so no resolver of its own. */
export const financesFeature: FeatureDescriptor = {
  name: 'finances',
  entities: [IncomeExpenseItem, Debt],
  resolvers: [],
};
