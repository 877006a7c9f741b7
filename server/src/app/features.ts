import type { EntityClass } from '../core/db/data-source.js';
import { CORE_ENTITIES } from '../core/db/entities.js';
import type { FeatureDescriptor } from '../core/feature.js';
import type { ResolverClass } from '../core/graphql/schema.js';
import type { JobDefinition } from '../core/jobs/scheduler.js';
import { actionPlansFeature } from '../features/action-plans/action-plans.feature.js';
import { arrangementsFeature } from '../features/arrangements/arrangements.feature.js';
import { arrearsFeature } from '../features/arrears/arrears.feature.js';
import { authFeature } from '../features/auth/auth.feature.js';
import { casesFeature } from '../features/cases/cases.feature.js';
import { consentsFeature } from '../features/consents/consents.feature.js';
import { deadlinesFeature } from '../features/deadlines/deadlines.feature.js';
import { financesFeature } from '../features/finances/finances.feature.js';
import { lifecycleFeature } from '../features/lifecycle/lifecycle.feature.js';
import { messagesFeature } from '../features/messages/messages.feature.js';
import { monitoringFeature } from '../features/monitoring/monitoring.feature.js';
import { notesFeature } from '../features/notes/notes.feature.js';
import { organizationsFeature } from '../features/organizations/organizations.feature.js';
import { privacyFeature } from '../features/privacy/privacy.feature.js';
import { referralsFeature } from '../features/referrals/referrals.feature.js';
import { retentionFeature } from '../features/retention/retention.feature.js';
import { signalsFeature } from '../features/signals/signals.feature.js';
import { tenantsFeature } from '../features/tenants/tenants.feature.js';
import { usersFeature } from '../features/users/users.feature.js';

/**
 * The features Vangnet is made of, each described by its own `<name>.feature.ts`. A new feature is
 * added here, its services in services.ts and its resolvers' construction in resolvers.ts.
 * (features/demo is not among them: it lays out demo data and brings no tables, API or jobs.)
 */
export const FEATURES: readonly FeatureDescriptor[] = [
  organizationsFeature,
  usersFeature,
  authFeature,
  tenantsFeature,
  casesFeature,
  arrearsFeature,
  signalsFeature,
  referralsFeature,
  consentsFeature,
  financesFeature,
  lifecycleFeature,
  deadlinesFeature,
  retentionFeature,
  actionPlansFeature,
  notesFeature,
  arrangementsFeature,
  messagesFeature,
  monitoringFeature,
  privacyFeature,
];

/** Every table the data source maps: core's own (audit trail, job runs) and the features'. */
export const ENTITIES: readonly EntityClass[] = [
  ...CORE_ENTITIES,
  ...FEATURES.flatMap((feature) => feature.entities),
];

/** The features' resolver classes; core adds its own (caseChanged) when it builds the schema. */
export const RESOLVERS: readonly ResolverClass[] = FEATURES.flatMap((feature) => feature.resolvers);

/** The jobs every server instance runs (`serve`) and `jobs:run <name>` knows. */
export function defaultJobs(): JobDefinition[] {
  return FEATURES.flatMap((feature) => feature.jobs ?? []);
}
