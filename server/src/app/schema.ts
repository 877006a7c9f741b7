import type { GraphQLSchema } from 'graphql';
import { buildGraphQLSchema } from '../core/graphql/schema.js';
import { RESOLVERS } from './features.js';
import { createResolvers } from './resolvers.js';
import type { Services } from './services.js';

/**
 * Vangnet's GraphQL schema, its resolvers built with these services. Without services the schema can be
 * printed (emit-schema, the schema test) but not executed.
 */
export function buildAppSchema(services?: Services): Promise<GraphQLSchema> {
  return buildGraphQLSchema({
    resolvers: RESOLVERS,
    instances: services ? createResolvers(services) : null,
  });
}
