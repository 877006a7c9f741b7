import { useApolloClient } from '@apollo/client/react';
import { use, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../lib/format';
import { submitFailure } from '../../lib/form';
import { toApiError } from '../../lib/graphql-errors';
import { PlanCaseContext, rereadActionPlan } from './planQuery';

/** Who saved the other version, for the conflict dialog; empty when the row carries no history. */
export interface SavedBy {
  readonly theirAuthor?: string;
  readonly theirSavedAt?: string;
}

/** The row as someone else saved it (a CONFLICT error's `extensions.current`), in the form's shape. */
export interface EditConflict<Draft> {
  readonly theirs: Draft;
  /** The current version: the merge is saved against it. */
  readonly version: number;
  readonly savedBy: SavedBy;
}

type Row = Readonly<Record<string, unknown>>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A text of the current row; absent and null read as an empty field, like the form holds them. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The newest change of a row's history (newest first), as "Name, Organisation" and a time. */
export function savedByOf(history: unknown): SavedBy {
  const newest: unknown = Array.isArray(history) ? history[0] : undefined;
  if (!isRow(newest)) return {};
  const person = isRow(newest.changedBy) ? textOf(newest.changedBy.displayName) : '';
  const organization = isRow(newest.changedByOrganization) ? textOf(newest.changedByOrganization.name) : '';
  const changedAt = textOf(newest.changedAt);
  if (!person) return {};
  return {
    theirAuthor: [person, organization].filter(Boolean).join(', '),
    ...(changedAt ? { theirSavedAt: formatDateTime(changedAt) } : {}),
  };
}

/**
 * A field the conflict dialog lets you choose but not type (a status, a date) comes back as the text
 * it showed: map that back to the value behind it.
 */
export function chosenValue<Value>(
  mergedText: string | undefined,
  mine: Value,
  theirs: Value,
  display: (value: Value) => string,
): Value {
  return mergedText === display(mine) ? mine : theirs;
}

export interface VersionedEditOptions<Draft> {
  readonly initial: Draft;
  /** The version the edit starts from. */
  readonly version: number;
  /** Field errors found before anything is sent (field name as the API names it → message). */
  readonly validate: (values: Draft) => Record<string, string>;
  readonly write: (values: Draft, expectedVersion: number) => Promise<unknown>;
  /** The current row of a CONFLICT in the form's shape; `mine` fills what the row lacks. */
  readonly theirsOf: (current: Row, mine: Draft) => Draft;
  readonly onSaved: (values: Draft) => void;
}

/**
 * The state of a form that edits a versioned row (docs/product.md §4: no lost updates). A save names the version
 * the edit started from; when someone else saved in between, the API answers CONFLICT with the current
 * row, which becomes `conflict` (their version beside mine) until it is merged or put aside. The plan
 * is read again meanwhile (not the whole case page), so what is shown behind the dialog is current too.
 */
export function useVersionedEdit<Draft>({
  initial,
  version,
  validate,
  write,
  theirsOf,
  onSaved,
}: VersionedEditOptions<Draft>) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const caseId = use(PlanCaseContext);
  const [baseVersion, setBaseVersion] = useState(version);
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<EditConflict<Draft> | null>(null);

  async function save(values: Draft, expectedVersion: number): Promise<void> {
    setMessage(null);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await write(values, expectedVersion);
      setConflict(null);
      onSaved(values);
    } catch (error) {
      const apiError = toApiError(error);
      const current = apiError.extensions.current;
      if (apiError.code === 'CONFLICT' && isRow(current) && typeof current.version === 'number') {
        setDraft(values);
        setBaseVersion(current.version);
        setConflict({
          theirs: theirsOf(current, values),
          version: current.version,
          savedBy: savedByOf(current.history),
        });
        if (caseId) rereadActionPlan(client, caseId);
        return;
      }
      const failure = submitFailure(error, t);
      setErrors({ ...failure.fieldErrors });
      setMessage(failure.message);
    }
  }

  return {
    draft,
    setDraft,
    errors,
    message,
    conflict,
    submit: () => save(draft, baseVersion),
    /** Saves the merged values against the version that won. */
    resolve: (merged: Draft) => (conflict ? save(merged, conflict.version) : Promise.resolve()),
    /** Back to my edits; a next save goes against their version, so it is made knowingly. */
    dismissConflict: () => setConflict(null),
  };
}
