import { Redis, type RedisOptions } from 'ioredis';
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

export interface RedisCaseEventBusOptions {
  /** `redis://` or `rediss://` (TLS), with credentials and database number if needed. */
  readonly url: string;
  readonly logger: Logger;
  readonly channel?: string;
  /** How long `start` waits for Redis before it gives up. */
  readonly connectTimeoutMs?: number;
  /** The name both connections carry in Redis' CLIENT LIST (default `vangnet-case-events`). */
  readonly connectionName?: string;
}

/** The URL without its password, for log lines. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(invalid URL)';
  }
}

/**
 * Fan-out across server processes through Redis pub/sub (when `REDIS_URL` is set): one connection
 * publishes, a second one subscribes (a subscribed Redis connection can do nothing else). Like the
 * PostgreSQL bus, this process's own changes come back through Redis to its local subscribers, so there is
 * one path and no duplicates. ioredis reconnects and re-subscribes by itself; changes published while
 * Redis is unreachable are announced locally only, and what other processes published in that time is
 * lost, so once the subscriber is back every local subscriber gets a resync ("re-read what you show").
 */
export class RedisCaseEventBus implements CaseEventBus {
  private readonly local = new InProcessCaseEventBus();
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** Connects both connections and subscribes before it resolves; fails when Redis cannot be reached. */
  static async start(options: RedisCaseEventBusOptions): Promise<RedisCaseEventBus> {
    const channel = options.channel ?? CASE_CHANGED_CHANNEL;
    const where = redactRedisUrl(options.url);
    const connection: RedisOptions = {
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      // A publish while Redis is away fails at once (and is announced locally) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: options.connectionName ?? 'vangnet-case-events',
    };
    const publisher = new Redis(options.url, connection);
    const subscriber = new Redis(options.url, { ...connection, enableOfflineQueue: true });
    const bus = new RedisCaseEventBus(publisher, subscriber, channel, options.logger);
    for (const [role, client] of [
      ['publisher', publisher],
      ['subscriber', subscriber],
    ] as const) {
      // Without an 'error' listener ioredis would report every failed reconnect as an unhandled error.
      client.on('error', (error: Error) => {
        if (!bus.closed) options.logger.warn({ err: error, redis: where, role }, 'case events: Redis error');
      });
    }
    subscriber.on('message', (from: string, payload: string) => {
      if (from === channel) bus.receive(payload);
    });
    try {
      await Promise.all([publisher.connect(), subscriber.connect()]);
      await subscriber.subscribe(channel);
    } catch (error) {
      await bus.close();
      throw new Error(`case events: Redis at ${where} is not reachable`, { cause: error });
    }
    // Registered only now: every later 'ready' is a reconnect.
    subscriber.on('ready', () => bus.resubscribed());
    return bus;
  }

  async publish(change: CaseChange): Promise<void> {
    try {
      await this.publisher.publish(this.channel, serializeCaseChange(change));
    } catch (error) {
      this.logger.warn(
        { err: error, caseId: change.caseId },
        'case change not sent to other processes (Redis PUBLISH failed); announced locally only',
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
    if (this.closed) return;
    this.closed = true;
    const quit = (client: Redis) =>
      client.status === 'ready' ? client.quit().then(() => undefined) : Promise.resolve(client.disconnect());
    await Promise.all([quit(this.subscriber), quit(this.publisher)]).catch(() => undefined);
    await this.local.close();
  }

  /**
   * After a reconnect. ioredis re-subscribes on its own, but only sends the command; subscribing here
   * too (harmless twice) tells us when it is in place, and only then may subscribers re-read.
   */
  private resubscribed(): void {
    if (this.closed) return;
    this.subscriber.subscribe(this.channel).then(
      () => {
        if (this.closed) return;
        this.logger.info('case events: Redis subscription back after reconnecting; subscribers re-read');
        this.local.resync();
      },
      (error: unknown) =>
        this.logger.warn({ err: error }, 'case events: could not re-subscribe to Redis after reconnecting'),
    );
  }

  private receive(payload: string): void {
    const change = parseCaseChange(payload);
    if (!change) {
      this.logger.warn({ channel: this.channel }, 'case events: ignored a malformed Redis message');
      return;
    }
    try {
      void this.local.publish(change);
    } catch (error) {
      this.logger.error({ err: error, caseId: change.caseId }, 'case events: a subscriber failed');
    }
  }
}
