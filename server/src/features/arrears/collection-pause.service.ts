import {
  BASIS_ORIGIN,
  addCalendarDays,
  isCalendarDate,
  todayInAmsterdam,
  type CalendarDate,
} from '@vangnet/shared';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import type { CollectionPauseType } from '../cases/index.js';

/** The automatic pause when the municipality admits the tenant to debt help: six months (NVVK pauzeknop). */
export const AUTOMATIC_PAUSE_DAYS = 182;
export const AUTOMATIC_PAUSE_REASON = 'Toegelaten tot schuldhulpverlening (automatische adempauze).';

interface PauseRow {
  id: string;
  starts_on: string;
  ends_on: string;
  reason: string;
  automatic: boolean;
}

const PAUSE_COLUMNS = `id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, reason, automatic`;

export function toCollectionPause(row: PauseRow): CollectionPauseType {
  return {
    id: row.id,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    reason: row.reason,
    automatic: row.automatic,
  };
}

/** The pause in force on `today` (starts_on ≤ today ≤ ends_on); of several, the one that lasts longest. */
export async function activeCollectionPause(
  tx: ScopedTransaction,
  locked: LockedCase,
  today: CalendarDate,
): Promise<CollectionPauseType | null> {
  const [row] = await tx.readLocked<PauseRow>(
    locked,
    `SELECT ${PAUSE_COLUMNS} FROM collection_pause
      WHERE case_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date
      ORDER BY ends_on DESC, recorded_at DESC LIMIT 1`,
    [locked.id, today],
  );
  return row ? toCollectionPause(row) : null;
}

/**
 * Starts the automatic collection pause when the municipality admits the tenant to debt help (docs/product.md §2:
 * "set automatically when the municipality admits the tenant"). Called by the lifecycle inside its own
 * transaction, with the case it locked there. Idempotent: when a pause is already in force on `today`,
 * nothing is added and `created` is false.
 *
 * The pause runs from `today` for 182 days (six months), is marked automatic and names no user. Its
 * origin is the referring corporation: the pause is part of that corporation's collection ladder and
 * binds it, so it must see it whatever the tenant consented to (the municipality that admitted the
 * tenant is named in the audit details). A new pause is audited in the same transaction (CREATE
 * collection-pause, category ARREARS), as the actor of the transaction's request.
 */
export async function startAutomaticCollectionPause(
  tx: ScopedTransaction,
  locked: LockedCase,
  municipalityOrgId: string,
  today: CalendarDate | Date,
  options: { days?: number } = {},
): Promise<{ pause: CollectionPauseType; created: boolean }> {
  const startsOn = typeof today === 'string' ? today : todayInAmsterdam(today);
  if (!isCalendarDate(startsOn)) throw new RangeError(`Not a calendar date: ${startsOn}`);
  const days = options.days ?? AUTOMATIC_PAUSE_DAYS;
  // Serialise with other writers of this case's pauses, so two admissions cannot both start one.
  await tx.execute(`SELECT pg_advisory_xact_lock(hashtext('vangnet:collection-pause'), hashtext($1))`, [
    locked.id,
  ]);
  const active = await activeCollectionPause(tx, locked, startsOn);
  if (active) return { pause: active, created: false };
  const [row] = await tx.write<PauseRow>(
    locked,
    `INSERT INTO collection_pause (case_id, starts_on, ends_on, reason, automatic, origin_org_id, recorded_by_id)
     SELECT $1, $2::date, $3::date, $4, true, c.origin_org_id, NULL FROM case_file c WHERE c.id = $1
     RETURNING ${PAUSE_COLUMNS}`,
    [locked.id, startsOn, addCalendarDays(startsOn, days), AUTOMATIC_PAUSE_REASON],
  );
  const pause = toCollectionPause(row!);
  await tx.audit({
    action: 'CREATE',
    entityType: 'collection-pause',
    entityId: pause.id,
    caseId: locked.id,
    tenantId: locked.tenantId,
    categories: ['ARREARS'],
    basis: BASIS_ORIGIN,
    details: { automatic: true, admittedBy: municipalityOrgId },
  });
  return { pause, created: true };
}
