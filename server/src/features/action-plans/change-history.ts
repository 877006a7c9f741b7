import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';

/** A field value as history keeps it: text, or null. */
export type FieldValue = string | null;

export interface FieldDiff {
  readonly field: string;
  readonly oldValue: FieldValue;
  readonly newValue: FieldValue;
}

/**
 * The fields whose value would change: `patch` holds only the fields a caller named (undefined means
 * "leave as it is"), so an unchanged or omitted field yields nothing.
 */
export function diffFields<T extends Record<string, FieldValue>>(
  current: T,
  patch: { readonly [K in keyof T]?: FieldValue | undefined },
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of Object.keys(current) as (keyof T & string)[]) {
    const next = patch[field];
    const old = current[field] ?? null;
    if (next === undefined || next === old) continue;
    diffs.push({ field, oldValue: old, newValue: next });
  }
  return diffs;
}

/** Applies the diffs to a row's values. */
export function applyDiffs<T extends Record<string, FieldValue>>(current: T, diffs: readonly FieldDiff[]): T {
  const next: Record<string, FieldValue> = { ...current };
  for (const diff of diffs) next[diff.field] = diff.newValue;
  return next as T;
}

/**
 * One change_history row per changed field (old → new, who, for which organisation, the version the
 * change produced), in the caller's transaction, on the case it holds locked.
 */
export async function recordFieldChanges(
  tx: ScopedTransaction,
  locked: LockedCase,
  change: {
    readonly entityType: string;
    readonly entityId: string;
    readonly version: number;
    readonly userId: string;
    readonly organizationId: string;
  },
  diffs: readonly FieldDiff[],
): Promise<void> {
  if (diffs.length === 0) return;
  const parameters: unknown[] = [
    locked.id,
    change.entityType,
    change.entityId,
    change.version,
    change.userId,
    change.organizationId,
  ];
  const rows = diffs.map((diff) => {
    parameters.push(diff.field, json(diff.oldValue), json(diff.newValue));
    const at = parameters.length;
    return `($1, $2, $3, $4, $${at - 2}, $${at - 1}::jsonb, $${at}::jsonb, $5, $6)`;
  });
  await tx.write(
    locked,
    `INSERT INTO change_history (case_id, entity_type, entity_id, version, field, old_value, new_value, changed_by_id, changed_by_org_id)
     VALUES ${rows.join(', ')}`,
    parameters,
  );
}

const json = (value: FieldValue): string | null => (value === null ? null : JSON.stringify(value));
