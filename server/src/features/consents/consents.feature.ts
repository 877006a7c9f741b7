import type { FeatureDescriptor } from '../../core/feature.js';
import { Consent } from './consent.entity.js';
import { ConsentResolver } from './consent.resolver.js';

export const consentsFeature: FeatureDescriptor = {
  name: 'consents',
  entities: [Consent],
  resolvers: [ConsentResolver],
};
