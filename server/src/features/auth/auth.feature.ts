import type { FeatureDescriptor } from '../../core/feature.js';
import { AuthResolver } from './auth.resolver.js';
import { Session } from './session.entity.js';

export const authFeature: FeatureDescriptor = {
  name: 'auth',
  entities: [Session],
  resolvers: [AuthResolver],
};
