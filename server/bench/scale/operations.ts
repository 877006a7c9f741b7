import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  print,
  visit,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The client's own GraphQL operations, so the benchmark sends exactly what the browser sends. They are
 * read from the documents map the client's codegen writes (client/src/gql/gql.ts): every operation and
 * fragment source of client/src, each a key of that map. An operation is sent with the fragments it
 * spreads, transitively, as the generated document does.
 */
export interface ClientOperations {
  /** The operation's text with its fragments, ready to POST. */
  text(name: string): string;
}

/** A key of `const documents` / `type Documents`: a single-quoted string literal, one per line. */
const DOCUMENT_KEY = /^\s*'((?:[^'\\]|\\.)*)': typeof types\.\w+;$/gm;

function unescape(literal: string): string {
  return literal.replace(/\\(.)/g, (_, character: string) => (character === 'n' ? '\n' : character));
}

export function readClientOperations(repoRoot: string): ClientOperations {
  const file = path.join(repoRoot, 'client', 'src', 'gql', 'gql.ts');
  const source = readFileSync(file, 'utf8');
  const operations = new Map<string, OperationDefinitionNode>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const match of source.matchAll(DOCUMENT_KEY)) {
    for (const definition of parse(unescape(match[1]!)).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      else if (definition.kind === Kind.OPERATION_DEFINITION && definition.name)
        operations.set(definition.name.value, definition);
    }
  }
  if (operations.size === 0) throw new Error(`no GraphQL operations found in ${file}`);

  return {
    text(name) {
      const operation = operations.get(name);
      if (!operation) throw new Error(`the client has no operation ${name} (${file})`);
      const needed: string[] = [];
      const collect = (node: OperationDefinitionNode | FragmentDefinitionNode): void => {
        visit(node, {
          FragmentSpread(spread) {
            const fragmentName = spread.name.value;
            if (needed.includes(fragmentName)) return;
            const fragment = fragments.get(fragmentName);
            if (!fragment) throw new Error(`fragment ${fragmentName} of ${name} not found in ${file}`);
            needed.push(fragmentName);
            collect(fragment);
          },
        });
      };
      collect(operation);
      return [operation, ...needed.map((fragmentName) => fragments.get(fragmentName)!)]
        .map((definition) => print(definition))
        .join('\n\n');
    },
  };
}
