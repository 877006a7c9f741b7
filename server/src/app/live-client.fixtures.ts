import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import type { CaseChange } from '../core/realtime/case-events.js';

export interface CaseChangedEvent {
  caseId: string;
  version: number;
  changed: string[];
  resync: boolean;
}

interface CaseChangedResult {
  caseChanged: CaseChangedEvent;
}

const CASE_CHANGED = `subscription ($caseId: ID!) { caseChanged(caseId: $caseId) { caseId version changed resync } }`;

/** Versions at or above this mark the probes a test sends to learn that a subscription is in place. */
export const PROBE_VERSION = 1_000_000;

/**
 * A graphql-ws client as a browser would open it: on the app's own origin, with the session cookie the
 * browser holds (ws accepts headers; the browser's WebSocket sends cookies by itself).
 */
export function liveClient(
  appUrl: string,
  options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Client {
  const headers: Record<string, string> = {
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...options.headers,
  };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: `${appUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: BrowserLikeWebSocket,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Everything one subscription received, and ways to wait for it. */
export class LiveSubscription {
  readonly events: CaseChangedEvent[] = [];
  readonly errors: FormattedExecutionResult['errors'][] = [];
  closeCode: number | null = null;
  completed = false;
  private readonly listeners = new Set<() => void>();
  readonly unsubscribe: () => void;

  constructor(client: Client, caseId: string) {
    this.unsubscribe = client.subscribe<CaseChangedResult>(
      { query: CASE_CHANGED, variables: { caseId } },
      {
        next: (result) => {
          if (result.errors) this.errors.push(result.errors);
          if (result.data?.caseChanged) this.events.push(result.data.caseChanged);
          this.notify();
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) this.errors.push(error as FormattedExecutionResult['errors']);
          else if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number')
            this.closeCode = error.code;
          this.completed = true;
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  /** The received events that are neither probes nor resyncs. */
  get changes(): CaseChangedEvent[] {
    return this.events.filter((event) => event.version < PROBE_VERSION && !event.resync);
  }

  /** The received resyncs ("changes may have been missed; re-read"). */
  get resyncs(): CaseChangedEvent[] {
    return this.events.filter((event) => event.resync);
  }

  /** Waits until `condition` holds, or fails after `timeoutMs`. */
  async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  /**
   * The server starts listening only after it checked the case, and graphql-ws does not say when: send
   * probes (facet 'status', which any subscriber that sees the case receives) until one arrives.
   */
  async untilListening(publish: (change: CaseChange) => Promise<void>, caseId: string): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await publish({ caseId, version: PROBE_VERSION + attempt, changed: ['status'] });
      try {
        await this.until(() => this.events.some((event) => event.version >= PROBE_VERSION), 'a probe', 100);
        return;
      } catch {
        if (this.completed) throw new Error('the subscription ended before it was listening');
      }
    }
    throw new Error('the subscription never started listening');
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
