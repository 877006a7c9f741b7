import type { FeatureDescriptor } from '../../core/feature.js';
import { ContactAttempt } from './contact-attempt.entity.js';
import { ContactAttemptResolver } from './contact-attempt.resolver.js';
import { CaseSignalResolver } from './end-result.resolver.js';
import { PreSignalStep } from './pre-signal-step.entity.js';
import { Signal } from './signal.entity.js';
import { SignalResolver } from './signal.resolver.js';

export const signalsFeature: FeatureDescriptor = {
  name: 'signals',
  entities: [PreSignalStep, Signal, ContactAttempt],
  resolvers: [SignalResolver, ContactAttemptResolver, CaseSignalResolver],
};
