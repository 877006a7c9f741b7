import type { FeatureDescriptor } from '../../core/feature.js';
import { CaseAssignee } from './case-assignee.entity.js';
import { CaseAssignmentResolver } from './case-assignment.resolver.js';
import { CaseParticipant } from './case-participant.entity.js';
import { Case } from './case.entity.js';
import { CaseResolver } from './case.resolver.js';
import { CreateCaseResolver } from './create-case.resolver.js';

export const casesFeature: FeatureDescriptor = {
  name: 'cases',
  entities: [Case, CaseParticipant, CaseAssignee],
  resolvers: [CaseResolver, CreateCaseResolver, CaseAssignmentResolver],
};
