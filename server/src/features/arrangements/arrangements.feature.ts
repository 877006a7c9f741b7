import type { FeatureDescriptor } from '../../core/feature.js';
import { ArrangementMilestone, Instalment, PaymentArrangement } from './arrangement.entity.js';
import { ArrangementResolver } from './arrangement.resolver.js';
import { missedInstalmentsJob } from './missed-instalments.js';

export const arrangementsFeature: FeatureDescriptor = {
  name: 'arrangements',
  entities: [PaymentArrangement, Instalment, ArrangementMilestone],
  resolvers: [ArrangementResolver],
  jobs: [missedInstalmentsJob],
};
