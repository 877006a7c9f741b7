import { EventEmitter } from 'node:events';

/**
 * "Something about case K changed": what a write announces after its transaction committed. It names
 * the case, its version and the facets that changed (data categories such as ACTION_PLAN, or 'status'),
 * never the data itself: every subscriber re-reads through its own access rule.
 */
export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
  readonly changed: readonly string[];
}

export type CaseChangeListener = (change: CaseChange) => void;

/** Fan-out of case changes to every subscriber, in this process and (depending on the implementation) others. */
export interface CaseEventBus {
  /** Call only after the change committed. */
  publish(change: CaseChange): Promise<void>;
  subscribe(listener: CaseChangeListener): () => void;
  close(): Promise<void>;
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

  close(): Promise<void> {
    this.emitter.removeAllListeners();
    return Promise.resolve();
  }
}
