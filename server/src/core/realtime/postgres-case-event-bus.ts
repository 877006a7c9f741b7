import pg from 'pg';
import type { Logger } from 'pino';
import {
  CASE_CHANGED_CHANNEL,
  InProcessCaseEventBus,
  parseCaseChange,
  serializeCaseChange,
  type CaseChange,
  type CaseChangeListener,
  type CaseEventBus,
  type ResyncListener,
} from './case-events.js';

/** Anything that can run one parameterised statement: the application's DataSource (its pool) will do. */
export interface SqlRunner {
  query(sql: string, parameters: unknown[]): Promise<unknown>;
}

export interface PostgresCaseEventBusOptions {
  /** The database every server process uses (LISTEN/NOTIFY is scoped to one database). */
  readonly connectionString: string;
  readonly logger: Logger;
  /** Publishes through this (usually the application's pool); without it, through the listening connection. */
  readonly publisher?: SqlRunner;
  readonly channel?: string;
  /**
   * Wait before reconnecting the listener: doubles from `min` up to `max` milliseconds (default 100 ms
   * to 2 s, so the listener is back within about 2 s of the database).
   */
  readonly reconnectDelayMs?: { readonly min: number; readonly max: number };
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Fan-out across every server process on the same PostgreSQL database, with LISTEN/NOTIFY: one dedicated
 * connection LISTENs on `vangnet_case_changed`; `publish` sends `SELECT pg_notify(channel, json)`.
 * PostgreSQL delivers a notification to every listening session, this process's own included, so local
 * subscribers are served by the same path as remote ones (no duplicates). The payload is only
 * `{ caseId, version, changed }`.
 *
 * The listening connection reconnects by itself (back-off from 100 ms, capped at 2 s) when it breaks.
 * Changes published while it is down are not replayed (NOTIFY is not stored); instead, once it listens
 * again, every subscriber of this process gets a resync ("re-read what you show"), so a cut is never
 * silent.
 */
export class PostgresCaseEventBus implements CaseEventBus {
  private readonly local = new InProcessCaseEventBus();
  private readonly channel: string;
  private readonly delays: { readonly min: number; readonly max: number };
  private listener: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private closed = false;

  private constructor(private readonly options: PostgresCaseEventBusOptions) {
    this.channel = options.channel ?? CASE_CHANGED_CHANNEL;
    if (!CHANNEL_NAME.test(this.channel)) throw new Error(`invalid NOTIFY channel name: ${this.channel}`);
    this.delays = options.reconnectDelayMs ?? { min: 100, max: 2_000 };
  }

  /** Connects and LISTENs before it resolves, so nothing published afterwards is missed. */
  static async start(options: PostgresCaseEventBusOptions): Promise<PostgresCaseEventBus> {
    const bus = new PostgresCaseEventBus(options);
    await bus.listen();
    return bus;
  }

  /** Whether the listening connection is up (for tests and diagnostics). */
  get listening(): boolean {
    return this.listener !== null;
  }

  async publish(change: CaseChange): Promise<void> {
    const runner = this.options.publisher ?? this.listener;
    try {
      if (!runner) throw new Error('the listening connection is down');
      await runner.query('SELECT pg_notify($1, $2)', [this.channel, serializeCaseChange(change)]);
    } catch (error) {
      // The change is committed; at least this process's subscribers hear of it.
      this.options.logger.warn(
        { err: error, caseId: change.caseId },
        'case change not sent to other processes (NOTIFY failed); announced locally only',
      );
      await this.local.publish(change);
    }
  }

  subscribe(listener: CaseChangeListener): () => void {
    return this.local.subscribe(listener);
  }

  onResync(listener: ResyncListener): () => void {
    return this.local.onResync(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.end().catch(() => undefined);
    await this.local.close();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'vangnet-case-events',
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.receive(message.payload);
    });
    // Registered before connecting: an 'error' event without a listener would crash the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    const reconnected = this.attempts > 0;
    this.attempts = 0;
    if (reconnected) {
      this.options.logger.info('case events: listening again after reconnecting; subscribers re-read');
      // LISTEN is in place before this, so nothing published from now on is missed; what was published
      // while the connection was down is covered by the re-read.
      this.local.resync();
    }
  }

  private receive(payload: string | undefined): void {
    const change = parseCaseChange(payload);
    if (!change) {
      this.options.logger.warn({ channel: this.channel }, 'case events: ignored a malformed notification');
      return;
    }
    try {
      void this.local.publish(change);
    } catch (error) {
      this.options.logger.error({ err: error, caseId: change.caseId }, 'case events: a subscriber failed');
    }
  }

  private lost(client: pg.Client, error: Error | null): void {
    if (client !== this.listener) return; // still connecting (its own attempt handles it), or already replaced
    this.listener = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.logger.warn({ err: error }, 'case events: the listening connection was lost; reconnecting');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = Math.min(this.delays.max, this.delays.min * 2 ** this.attempts);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closed) return;
      this.listen().catch((error: unknown) => {
        this.options.logger.warn({ err: error, attempt: this.attempts }, 'case events: reconnecting failed');
        this.scheduleReconnect();
      });
    }, delay);
    this.reconnectTimer.unref();
  }
}
