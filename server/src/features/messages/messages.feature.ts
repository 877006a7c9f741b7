import type { FeatureDescriptor } from '../../core/feature.js';
import { MessageResolver } from './message.resolver.js';

/** Messages are rendered from what other features hold; nothing is stored. */
export const messagesFeature: FeatureDescriptor = {
  name: 'messages',
  entities: [],
  resolvers: [MessageResolver],
};
