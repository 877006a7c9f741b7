import type { RequestContext } from '../request-context.js';

/**
 * What a resolver receives as its GraphQL context: the request context and nothing of the application.
 * A resolver's collaborators (the services) come through its constructor: app/ builds every resolver.
 */
export type GraphQLContext = RequestContext;
