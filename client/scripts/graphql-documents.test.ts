// @vitest-environment node
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';

import { graphql } from '../src/gql';
import { inlineGraphQLDocuments } from './graphql-documents';

const SRC = path.resolve(import.meta.dirname, '../src');

function generated(source: string): DocumentNode | undefined {
  const document = graphql(source) as Partial<DocumentNode>;
  return document.kind === 'Document' ? (document as DocumentNode) : undefined;
}

/** Evaluates the inlined module text of one `const x = graphql(`…`)` back into its document. */
function inlinedDocument(source: string): unknown {
  const code = `const document = graphql(\`${source}\`);`;
  const inlined = inlineGraphQLDocuments(code, generated, 'test.ts');
  if (inlined === null) throw new Error('nothing inlined');
  return JSON.parse(inlined.replace(/^const document = \(/, '').replace(/\);$/, '')) as unknown;
}

describe('GraphQL documents inlined in the production build', () => {
  it('are, for every document in src/, exactly the documents codegen generated', async () => {
    let checked = 0;
    const files = (await readdir(SRC, { recursive: true })).filter(
      (file) => /\.tsx?$/.test(file) && !file.startsWith(`gql${path.sep}`),
    );
    for (const file of files) {
      const code = await readFile(path.join(SRC, file), 'utf8');
      for (const [, source] of code.matchAll(/\bgraphql\(\s*`([^`]*)`\s*\)/g)) {
        expect(inlinedDocument(source!)).toEqual(JSON.parse(JSON.stringify(generated(source!))));
        checked += 1;
      }
    }
    // The case page alone has a few dozen: an empty walk would prove nothing.
    expect(checked).toBeGreaterThan(50);
  });

  it('refuse a document codegen does not know, naming it', () => {
    expect(() =>
      inlineGraphQLDocuments(
        'graphql(`\n  query NotGenerated { me { user { id } } }\n`)',
        generated,
        'Page.tsx',
      ),
    ).toThrow('Page.tsx: GraphQL document NotGenerated is not in src/gql');
  });

  it('leave a module without documents alone', () => {
    expect(inlineGraphQLDocuments('export const x = 1;', generated, 'x.ts')).toBeNull();
  });
});
