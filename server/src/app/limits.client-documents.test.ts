import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kind, parse, print, specifiedRules, validate, type DocumentNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, loadConfig, type GraphQLLimits } from '../core/config.js';
import { limitValidationRules } from '../core/graphql/limits.js';
import { buildAppSchema } from './schema.js';

/**
 * Every operation the client sends, as generated into client/src/gql/graphql.ts by its codegen (each
 * operation document carries the fragments it spreads). Loaded at run time so the server's build does
 * not compile the client.
 */
async function clientOperations(): Promise<{ name: string; document: DocumentNode }[]> {
  const generated = pathToFileURL(path.join(REPO_ROOT, 'client', 'src', 'gql', 'graphql.ts')).href;
  const exported = (await import(generated)) as Record<string, unknown>;
  return Object.entries(exported)
    .filter(
      (entry): entry is [string, DocumentNode] =>
        typeof entry[1] === 'object' &&
        entry[1] !== null &&
        (entry[1] as { kind?: unknown }).kind === Kind.DOCUMENT,
    )
    .filter(([, document]) =>
      document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
    )
    .map(([name, document]) => ({ name, document }));
}

/** Half of every configured limit: the client's own operations must pass with room to spare. */
function halved(limits: GraphQLLimits): GraphQLLimits {
  return {
    maxTokens: Math.floor(limits.maxTokens / 2),
    maxAliases: Math.floor(limits.maxAliases / 2),
    maxDepth: Math.floor(limits.maxDepth / 2),
    maxDirectives: Math.floor(limits.maxDirectives / 2),
    maxCost: Math.floor(limits.maxCost / 2),
    maxObjects: Math.floor(limits.maxObjects / 2),
  };
}

describe('the client operations against the request limits', () => {
  const defaults = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://unused/unused',
    VANGNET_BSN_KEY: Buffer.alloc(32).toString('base64'),
  }).graphql;
  let operations: { name: string; document: DocumentNode }[];

  beforeAll(async () => {
    operations = await clientOperations();
  });

  it('finds the client operations (queries, mutations and the subscription)', () => {
    const kinds = new Set(
      operations.flatMap(({ document }) =>
        document.definitions.flatMap((definition) =>
          definition.kind === Kind.OPERATION_DEFINITION ? [definition.operation] : [],
        ),
      ),
    );
    expect(operations.length).toBeGreaterThan(30);
    expect([...kinds].sort()).toEqual(['mutation', 'query', 'subscription']);
  });

  it('keeps every client operation below half of each default limit', async () => {
    const schema = await buildAppSchema();
    const margin = halved(defaults);
    const refused: string[] = [];
    for (const { name, document } of operations) {
      // The token limit applies while parsing the text the client sends.
      try {
        parse(print(document), { maxTokens: margin.maxTokens });
      } catch (error) {
        refused.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      const errors = validate(schema, document, [...specifiedRules, ...limitValidationRules(margin)]);
      refused.push(...errors.map((error) => `${name}: ${error.message}`));
    }
    expect(refused).toEqual([]);
  });
});
