import type { ApolloCache } from '@apollo/client';

interface Entity {
  readonly __typename: string;
  readonly id: string;
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * Puts a row the server just created (already in the cache by its id) into its parent's cached list, at
 * the end for oldest-first lists and at the start for newest-first ones. A parent not in the cache, or
 * whose list is withheld (null), is left alone: its next read brings the row.
 */
export function addToCachedList(
  cache: ApolloCache,
  parent: Entity,
  field: string,
  row: Entity,
  at: 'start' | 'end',
): void {
  const parentId = cache.identify({ ...parent });
  if (!parentId) return;
  cache.modify({
    id: parentId,
    fields: {
      [field]: (existing, { toReference }) => {
        const added = toReference({ ...row });
        if (!added || !isList(existing)) return existing;
        return at === 'start' ? [added, ...existing] : [...existing, added];
      },
    },
  });
}
