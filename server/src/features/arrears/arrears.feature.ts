import type { FeatureDescriptor } from '../../core/feature.js';
import { ArrearsImport } from './arrears-import.entity.js';
import { Arrears, ArrearsChange } from './arrears.entity.js';
import { ArrearsResolver } from './arrears.resolver.js';
import { CollectionPause } from './collection-pause.entity.js';
import { CollectionStep } from './collection-step.entity.js';

export const arrearsFeature: FeatureDescriptor = {
  name: 'arrears',
  entities: [Arrears, ArrearsChange, CollectionStep, CollectionPause, ArrearsImport],
  resolvers: [ArrearsResolver],
};
