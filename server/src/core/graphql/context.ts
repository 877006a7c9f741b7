import type { RequestContext } from '../request-context.js';
import type { Services } from '../services.js';

export interface GraphQLContext extends RequestContext {
  readonly services: Services;
}
