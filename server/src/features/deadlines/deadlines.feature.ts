import type { FeatureDescriptor } from '../../core/feature.js';
import type { JobDefinition } from '../../core/jobs/scheduler.js';
import { DeadlineAlert } from './deadline-alert.entity.js';
import { DeadlineResolver } from './deadline.resolver.js';
import { recordDeadlineAlerts } from './deadline.service.js';
import { MunicipalitySetting } from './municipality-setting.entity.js';

const MINUTE = 60_000;

/** Notes every deadline that became due soon or overdue as a deadline alert (docs/product.md §2, termijnen). */
export const deadlineAlertsJob: JobDefinition = {
  name: 'deadline-alerts',
  intervalMs: 15 * MINUTE,
  description: 'Records deadline alerts for deadlines that became due soon or overdue.',
  budgetMs: 5 * MINUTE,
  run: async ({ database, now, logger, signal, resumeAfter }) => ({
    ...(await recordDeadlineAlerts(database, now, { signal, resumeAfter, logger })),
  }),
};

export const deadlinesFeature: FeatureDescriptor = {
  name: 'deadlines',
  entities: [MunicipalitySetting, DeadlineAlert],
  resolvers: [DeadlineResolver],
  jobs: [deadlineAlertsJob],
};
