import path from 'node:path';

import type { DocumentNode } from 'graphql';
import { runnerImport, type Plugin } from 'vite';

/** A `graphql(`…`)` call of the generated client (src/gql): the document's text between backticks. */
const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

/**
 * Replaces every `graphql(`…`)` call in a module by the document itself, as `lookup` gives it; throws
 * for a document `lookup` does not know (the generated code is stale: run the codegen). Null when the
 * module has no such call.
 */
export function inlineGraphQLDocuments(
  code: string,
  lookup: (source: string) => DocumentNode | undefined,
  module: string,
): string | null {
  if (!code.includes('graphql(')) return null;
  let found = false;
  const inlined = code.replace(GRAPHQL_CALL, (_call, source: string) => {
    const document = lookup(source);
    if (!document?.definitions?.length) {
      const name = /(?:query|mutation|subscription|fragment)\s+(\w+)/.exec(source)?.[1] ?? source.trim();
      throw new Error(
        `${module}: GraphQL document ${name} is not in src/gql — run \`pnpm --filter @vangnet/client codegen\``,
      );
    }
    found = true;
    return `(${JSON.stringify(document)})`;
  });
  return found ? inlined : null;
}

/**
 * The generated `graphql()` (src/gql/gql.ts) looks a document up in one map of every document of the
 * app, tests included: whoever calls it carries them all, so the first load held the queries of every
 * page. In the production build each call is replaced by its own document (the very object codegen
 * generated, read from src/gql at the start of the build), so a page's chunk carries its own documents and the map is left out — what
 * the client preset's Babel plugin does, for a build without Babel. Tests and the dev server keep the
 * map: the documents are the same objects either way.
 */
export function graphqlDocumentsInline(srcDir: string): Plugin {
  const generatedDir = path.join(srcDir, 'gql') + path.sep;
  let lookup: (source: string) => DocumentNode | undefined = () => undefined;
  return {
    name: 'vangnet:graphql-documents-inline',
    enforce: 'pre',
    apply: 'build',
    async buildStart() {
      // The generated module itself (TypeScript), run through Vite: the documents are its own objects.
      const { module } = await runnerImport<{ graphql: (source: string) => unknown }>(
        path.join(generatedDir, 'index.ts'),
        { configFile: false, logLevel: 'silent' },
      );
      lookup = (source) => {
        const document = module.graphql(source);
        return isDocument(document) ? document : undefined;
      };
    },
    transform(code, id) {
      if (!id.startsWith(srcDir + path.sep) || id.startsWith(generatedDir) || !/\.tsx?$/.test(id))
        return null;
      const inlined = inlineGraphQLDocuments(code, lookup, path.relative(srcDir, id));
      return inlined === null ? null : { code: inlined, map: null };
    },
  };
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'Document';
}
