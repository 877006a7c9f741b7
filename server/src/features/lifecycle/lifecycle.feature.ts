import type { FeatureDescriptor } from '../../core/feature.js';
import { CaseTransition } from './case-transition.entity.js';
import { LifecycleResolver } from './lifecycle.resolver.js';

export const lifecycleFeature: FeatureDescriptor = {
  name: 'lifecycle',
  entities: [CaseTransition],
  resolvers: [LifecycleResolver],
};
