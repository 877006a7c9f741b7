/**
 * Recognises "the database cannot be reached" among the errors the PostgreSQL driver, its pool and
 * TypeORM throw: the server is down or restarting, the connection was cut, or no connection could be had
 * in time. Such a failure is temporary and says nothing about the request, unlike a failed query.
 */

/** Socket-level failures while connecting to or talking with the database server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up or shutting down), 53300 too many connections.
 */
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** What node-postgres and pg-pool say when a connection breaks or cannot be had (they carry no code). */
const DRIVER_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
];

const MAX_DEPTH = 6;

/** The errors one error wraps: GraphQL's originalError, TypeORM's driverError, cause, AggregateError's list. */
function wrapped(error: object): unknown[] {
  const inner: unknown[] = [];
  for (const key of ['originalError', 'driverError', 'cause'] as const) {
    const value: unknown = Reflect.get(error, key);
    if (value && value !== error) inner.push(value);
  }
  const errors: unknown = Reflect.get(error, 'errors');
  if (Array.isArray(errors)) inner.push(...(errors as unknown[]));
  return inner;
}

function isUnavailableItself(error: object): boolean {
  const code: unknown = Reflect.get(error, 'code');
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_UNAVAILABLE.test(code))) return true;
  const message: unknown = Reflect.get(error, 'message');
  return typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether this error (or one it wraps) means the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  if (isUnavailableItself(error)) return true;
  return wrapped(error).some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
