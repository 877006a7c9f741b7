import type { FeatureDescriptor } from '../../core/feature.js';
import { MonitoringResolver } from './monitoring.resolver.js';

/** The figures are counted from the other features' tables; monitoring stores nothing of its own. */
export const monitoringFeature: FeatureDescriptor = {
  name: 'monitoring',
  entities: [],
  resolvers: [MonitoringResolver],
};
