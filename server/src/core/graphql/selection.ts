import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The field names a query selects at `path` below the resolved field (through fragments and inline
 * fragments), e.g. `['edges', 'node']` of a connection: a list can then load in its own statement only
 * what the query asks for. Directives (@include/@skip) are not evaluated: a field they might leave out
 * counts as selected, which loads a little more, never less.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  let level: SelectionSetNode[] = info.fieldNodes.flatMap((node) =>
    node.selectionSet ? [node.selectionSet] : [],
  );
  for (const name of path) {
    level = fieldsOf(info, level)
      .filter((field) => field.name === name)
      .flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return new Set(fieldsOf(info, level).map((field) => field.name));
}

function fieldsOf(
  info: GraphQLResolveInfo,
  sets: readonly SelectionSetNode[],
): { name: string; selectionSet: SelectionSetNode | undefined }[] {
  const found: { name: string; selectionSet: SelectionSetNode | undefined }[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        found.push({ name: selection.name.value, selectionSet: selection.selectionSet });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (fragment && !seen.has(name)) visit(fragment.selectionSet, new Set([...seen, name]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return found;
}
