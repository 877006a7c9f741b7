import type { FeatureDescriptor } from '../../core/feature.js';
import { PrivacyResolver } from './privacy.resolver.js';

/** Privacy stores nothing of its own: it reads the audit trail (core's table) and what the features hold. */
export const privacyFeature: FeatureDescriptor = {
  name: 'privacy',
  entities: [],
  resolvers: [PrivacyResolver],
};
