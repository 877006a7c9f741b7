import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { CaseEventBus } from './case-events.js';
import { PostgresCaseEventBus, type SqlRunner } from './postgres-case-event-bus.js';
import { RedisCaseEventBus, redactRedisUrl } from './redis-case-event-bus.js';

/**
 * The bus that carries case changes between server processes: Redis pub/sub when `REDIS_URL` is set,
 * otherwise PostgreSQL LISTEN/NOTIFY on the database every process already shares — external or
 * embedded alike, so a single process needs nothing extra and several processes just work.
 */
export async function openCaseEventBus(
  config: Pick<Config, 'realtime'>,
  database: { readonly url: string; readonly publisher: SqlRunner },
  logger: Logger,
): Promise<CaseEventBus> {
  if (config.realtime.redisUrl) {
    const bus = await RedisCaseEventBus.start({ url: config.realtime.redisUrl, logger });
    logger.info({ redis: redactRedisUrl(config.realtime.redisUrl) }, 'live updates: Redis pub/sub');
    return bus;
  }
  const bus = await PostgresCaseEventBus.start({
    connectionString: database.url,
    publisher: database.publisher,
    logger,
  });
  logger.info('live updates: PostgreSQL LISTEN/NOTIFY');
  return bus;
}
