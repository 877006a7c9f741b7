import { graphql } from 'graphql';
import { Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from './schema.js';

/** A resolver with a collaborator in its constructor, as every feature resolver has its services. */
@Resolver()
class GreetingResolver {
  constructor(private readonly words: string) {}

  @Query(() => String)
  greeting(): string {
    return this.words;
  }
}

/**
 * The schema's resolvers are the instances its caller built (app/ builds them with their services):
 * type-graphql is handed them and constructs none itself.
 */
describe('resolver instances of the schema', () => {
  it('answers through the instance it was given, with its collaborators', async () => {
    const schema = await buildGraphQLSchema({
      resolvers: [GreetingResolver],
      instances: [new GreetingResolver('Goedemorgen')],
    });
    expect(await graphql({ schema, source: '{ greeting }', contextValue: {} })).toEqual({
      data: { greeting: 'Goedemorgen' },
    });
  });

  it('is not built when a resolver has no instance, or an instance no resolver', async () => {
    await expect(buildGraphQLSchema({ resolvers: [GreetingResolver], instances: [] })).rejects.toThrow(
      'no instance of the resolvers GreetingResolver',
    );
    await expect(
      buildGraphQLSchema({ resolvers: [], instances: [new GreetingResolver('Goedemiddag')] }),
    ).rejects.toThrow('instances of resolvers not in the schema: GreetingResolver');
  });

  it('executes nothing when it was built only to be printed', async () => {
    const schema = await buildGraphQLSchema({ resolvers: [GreetingResolver], instances: null });
    const result = await graphql({ schema, source: '{ greeting }', contextValue: {} });
    expect(result.data).toBeNull();
    expect(result.errors?.map((error) => error.message)).toEqual([
      'the schema was built without resolver instances; cannot run GreetingResolver',
    ]);
  });
});
