import type { FeatureDescriptor } from '../../core/feature.js';
import { User } from './user.entity.js';

/** Users have no resolver of their own: auth (me), cases (assignees) and others read them. */
export const usersFeature: FeatureDescriptor = {
  name: 'users',
  entities: [User],
  resolvers: [],
};
