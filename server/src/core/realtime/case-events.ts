import { EventEmitter } from 'node:events';
import { z } from 'zod';

/**
 * "Something about case K changed": what a write announces after its transaction committed. It names
 * the case, its version and the facets that changed (data categories such as ACTION_PLAN, or 'status'),
 * never the data itself: every subscriber re-reads through its own access rule.
 */
export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
  readonly changed: readonly string[];
  /**
   * The rows that changed, for categories whose rows follow their own rule (a case note's visibility and
   * its writer's organisation). A category named here reaches only subscribers who may read at least one
   * of these rows; a category in `changed` without rows here is decided for its whole section. Ids only.
   */
  readonly rows?: readonly ChangedRows[];
}

/** Changed rows of one data category, in one of the tables that hold that category. */
export interface ChangedRows {
  readonly category: string;
  readonly table: string;
  readonly ids: readonly string[];
}

export type CaseChangeListener = (change: CaseChange) => void;

/** Told that changes may have been missed: re-read everything you show. */
export type ResyncListener = () => void;

/** Fan-out of case changes to every subscriber, in this process and (depending on the implementation) others. */
export interface CaseEventBus {
  /**
   * Call only after the change committed. Never rejects: the change is already committed, so a
   * fan-out failure is logged and must not turn the write into an error.
   */
  publish(change: CaseChange): Promise<void>;
  subscribe(listener: CaseChangeListener): () => void;
  /**
   * Called when the bus is listening again after it was cut off from the other processes (database or
   * Redis connection lost): changes made in between were not delivered, so every subscriber re-reads.
   */
  onResync(listener: ResyncListener): () => void;
  close(): Promise<void>;
}

/** The PostgreSQL NOTIFY channel and Redis channel case changes travel on between server processes. */
export const CASE_CHANGED_CHANNEL = 'vangnet_case_changed';

/** At most this many row ids per category travel with one change (a PostgreSQL NOTIFY holds 8,000 bytes). */
export const MAX_CHANGED_ROW_IDS = 50;

const caseChangeSchema = z.object({
  caseId: z.guid(),
  version: z.number().int().min(0),
  // Facets are data categories (ACTION_PLAN) or names such as 'status'; never data.
  changed: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/))
    .min(1)
    .max(32),
  rows: z
    .array(
      z.object({
        category: z.string().regex(/^[A-Z][A-Z_]{0,63}$/),
        table: z.string().regex(/^[a-z][a-z_]{0,63}$/),
        ids: z.array(z.guid()).min(1).max(MAX_CHANGED_ROW_IDS),
      }),
    )
    .max(32)
    .optional(),
});

/** The wire form of a change between processes: just its JSON. */
export function serializeCaseChange(change: CaseChange): string {
  return JSON.stringify({
    caseId: change.caseId,
    version: change.version,
    changed: [...change.changed],
    ...(change.rows
      ? {
          rows: change.rows.map((rows) => ({
            category: rows.category,
            table: rows.table,
            ids: [...rows.ids],
          })),
        }
      : {}),
  });
}

/** Reads a change that came from another process; anything malformed is null (and dropped). */
export function parseCaseChange(payload: string | undefined): CaseChange | null {
  if (!payload) return null;
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = caseChangeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Fan-out within one process: enough for a single server (e.g. with the embedded database). */
export class InProcessCaseEventBus implements CaseEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: CaseChange): Promise<void> {
    this.emitter.emit('change', change);
    return Promise.resolve();
  }

  subscribe(listener: CaseChangeListener): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** Within one process nothing is ever missed; the cross-process buses call `resync()` themselves. */
  onResync(listener: ResyncListener): () => void {
    this.emitter.on('resync', listener);
    return () => this.emitter.off('resync', listener);
  }

  /** Tells every resync listener of this process that changes may have been missed. */
  resync(): void {
    this.emitter.emit('resync');
  }

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
