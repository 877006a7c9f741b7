import type { EntityClass } from './db/data-source.js';
import type { ResolverClass } from './graphql/schema.js';
import type { JobDefinition } from './jobs/scheduler.js';

/**
 * What a feature brings to the application: its tables, its GraphQL resolvers and its scheduled jobs.
 * Every feature exports one (`features/<name>/<name>.feature.ts`) and app/ — the one composition root —
 * builds the data source, the schema and the scheduler from the list of them. The shape is core's, since
 * core's machinery takes these parts; core itself never imports a feature.
 */
export interface FeatureDescriptor {
  /** The feature's folder under features/. */
  readonly name: string;
  /** The tables the feature owns (TypeORM entity classes). */
  readonly entities: readonly EntityClass[];
  /** Its resolver classes; app/ constructs each one with the services it uses (app/resolvers.ts). */
  readonly resolvers: readonly ResolverClass[];
  /** The jobs every server instance runs for it (core/jobs/scheduler.ts). */
  readonly jobs?: readonly JobDefinition[];
}
