import type { FeatureDescriptor } from '../../core/feature.js';
import { CaseNote } from './case-note.entity.js';
import { CaseNoteResolver } from './case-note.resolver.js';

export const notesFeature: FeatureDescriptor = {
  name: 'notes',
  entities: [CaseNote],
  resolvers: [CaseNoteResolver],
};
