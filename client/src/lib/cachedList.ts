import { isReference, type ApolloCache, type Reference } from '@apollo/client';

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

type ReadField = (fieldName: string, from: Reference) => unknown;

/**
 * A list the server orders by a date the user chose (oldest first, ties in the order recorded): the new
 * row goes after every row whose date is not later than its own, where a read of the list would put it.
 */
export function insertByDate(
  existing: readonly Reference[],
  added: Reference,
  dateField: string,
  readField: ReadField,
): Reference[] {
  const date = String(readField(dateField, added));
  const after = existing.filter((row) => String(readField(dateField, row)) <= date).length;
  return [...existing.slice(0, after), added, ...existing.slice(after)];
}

/** `addToCachedList` for a list ordered by a chosen date (see `insertByDate`). */
export function addToCachedListByDate(
  cache: ApolloCache,
  parent: Entity,
  field: string,
  row: Entity,
  dateField: string,
): void {
  const parentId = cache.identify({ ...parent });
  if (!parentId) return;
  cache.modify({
    id: parentId,
    fields: {
      [field]: (existing, { toReference, readField }) => {
        const added = toReference({ ...row });
        if (!added || !isReferenceList(existing)) return existing;
        return insertByDate(existing, added, dateField, readField);
      },
    },
  });
}

export function isReferenceList(value: unknown): value is readonly Reference[] {
  return Array.isArray(value) && value.every(isReference);
}

function isStoreObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isReference(value);
}

/**
 * `addToCachedListByDate` for a list inside a section that has no id of its own and lives embedded in
 * its case (the arrears section's collection steps and pauses): `Case.section.listField`.
 */
export function addToEmbeddedListByDate(
  cache: ApolloCache,
  parent: Entity,
  section: string,
  listField: string,
  row: Entity,
  dateField: string,
): void {
  const parentId = cache.identify({ ...parent });
  if (!parentId) return;
  cache.modify({
    id: parentId,
    fields: {
      [section]: (existing, { toReference, readField }) => {
        const added = toReference({ ...row });
        if (!added || !isStoreObject(existing)) return existing;
        const list = existing[listField];
        if (!isReferenceList(list)) return existing;
        return { ...existing, [listField]: insertByDate(list, added, dateField, readField) };
      },
    },
  });
}

/** Replaces fields of a section embedded in its case (`Case.section`) with what a save answered. */
export function patchEmbeddedSection(
  cache: ApolloCache,
  parent: Entity,
  section: string,
  patch: Readonly<Record<string, unknown>>,
): void {
  const parentId = cache.identify({ ...parent });
  if (!parentId) return;
  cache.modify({
    id: parentId,
    fields: {
      [section]: (existing) => (isStoreObject(existing) ? { ...existing, ...patch } : existing),
    },
  });
}

/**
 * A save that moves a deadline (a first contact made, a signal's end result, a transition): the work
 * list's deadlines are read anew when next shown, not kept from before (they are not on the case page,
 * so there is nothing to refetch now).
 */
export function forgetMyDeadlines(cache: ApolloCache): void {
  cache.evict({ id: 'ROOT_QUERY', fieldName: 'myDeadlines' });
}
