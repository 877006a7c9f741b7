import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker, type ContainerType } from 'type-graphql';
import { UnauthenticatedError } from '../errors.js';
import { CaseChangedResolver, NO_TOPICS_PUB_SUB } from '../realtime/case-changed.resolver.js';
import type { GraphQLContext } from './context.js';

/** @Authorized() means "logged in"; what a logged-in user may see is decided by core/authz, not here. */
const requireSession: AuthChecker<GraphQLContext> = ({ context }) => {
  if (!context.actor) throw new UnauthenticatedError();
  return true;
};

/** A type-graphql resolver class (decorated with @Resolver). */
export type ResolverClass = abstract new (...args: never[]) => object;

const nameOf = (resolverClass: unknown): string =>
  typeof resolverClass === 'function' ? resolverClass.name : String(resolverClass);

/**
 * Hands type-graphql the resolver instances app/ built, each with its collaborators as constructor
 * arguments, instead of letting type-graphql construct them without any. Every resolver class of the
 * schema needs exactly one instance, checked when the schema is built rather than at the first request.
 */
class ResolverInstances implements ContainerType {
  private readonly byClass = new Map<unknown, object>();

  constructor(resolvers: readonly ResolverClass[], instances: readonly object[]) {
    for (const instance of instances) {
      if (this.byClass.has(instance.constructor))
        throw new Error(`two instances of the resolver ${instance.constructor.name}`);
      this.byClass.set(instance.constructor, instance);
    }
    const inSchema = new Set<unknown>(resolvers);
    const missing = resolvers.filter((resolver) => !this.byClass.has(resolver)).map(nameOf);
    const extra = [...this.byClass.keys()].filter((type) => !inSchema.has(type)).map(nameOf);
    if (missing.length > 0) throw new Error(`no instance of the resolvers ${missing.join(', ')}`);
    if (extra.length > 0) throw new Error(`instances of resolvers not in the schema: ${extra.join(', ')}`);
  }

  get(resolverClass: unknown): object {
    const instance = this.byClass.get(resolverClass);
    if (!instance) throw new Error(`no instance of the resolver ${nameOf(resolverClass)}`);
    return instance;
  }
}

/** For a schema that is only printed (emit-schema, the schema test): nothing in it is ever executed. */
const PRINT_ONLY: ContainerType = {
  get(resolverClass: unknown) {
    throw new Error(`the schema was built without resolver instances; cannot run ${nameOf(resolverClass)}`);
  },
};

/**
 * The GraphQL schema of the features' resolvers plus core's own (caseChanged). `instances` are the
 * features' resolvers built with their services (app/resolvers.ts); null builds a schema to print only.
 */
export async function buildGraphQLSchema(parts: {
  readonly resolvers: readonly ResolverClass[];
  readonly instances: readonly object[] | null;
}): Promise<GraphQLSchema> {
  const resolvers: [ResolverClass, ...ResolverClass[]] = [CaseChangedResolver, ...parts.resolvers];
  return buildSchema({
    resolvers,
    container: parts.instances
      ? new ResolverInstances(resolvers, [new CaseChangedResolver(), ...parts.instances])
      : PRINT_ONLY,
    authChecker: requireSession,
    pubSub: NO_TOPICS_PUB_SUB,
    validate: false,
  });
}

/** The SDL committed as server/schema.graphql; sorted so the file only changes when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
