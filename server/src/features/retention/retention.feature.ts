import type { FeatureDescriptor } from '../../core/feature.js';
import type { JobDefinition } from '../../core/jobs/scheduler.js';
import { CaseStatistic } from './case-statistic.entity.js';
import { runRetention } from './retention.service.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Retention (docs/product.md §5): removes the cases whose retention period has passed, keeping anonymous statistics. */
export const retentionJob: JobDefinition = {
  name: 'retention',
  intervalMs: HOUR,
  description: 'Removes cases whose retention period has passed; keeps anonymous statistics.',
  budgetMs: 5 * MINUTE,
  run: async ({ database, now, logger, signal, resumeAfter }) => ({
    ...(await runRetention(database, now, { logger, signal, resumeAfter })),
  }),
};

/** Retention runs as a job only; its statistics are read by monitoring. */
export const retentionFeature: FeatureDescriptor = {
  name: 'retention',
  entities: [CaseStatistic],
  resolvers: [],
  jobs: [retentionJob],
};
