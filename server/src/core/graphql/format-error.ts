import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { isQueryCanceled } from '../db/cancellable-query.js';
import { AppError, ServiceUnavailableError, StatementTimeoutError } from '../errors.js';

/** Codes produced by GraphQL/Apollo itself for malformed requests; their messages are safe to show. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The one place errors become GraphQL errors: typed AppErrors keep their code and message; a database
 * that cannot be reached becomes a retryable SERVICE_UNAVAILABLE; anything else unexpected is logged
 * and replaced by a generic message, so no stack trace or SQL reaches the client. A statement stopped by
 * the statement timeout answers TIMEOUT.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // Refusals raised before execution (a plugin) arrive as a GraphQLError around our AppError.
    let original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped;
    if (!(original instanceof AppError) && isDatabaseUnavailable(original)) {
      // Temporary and not a bug: a warning, not an error; the operator's signal is /healthz and the
      // database's own log lines.
      logger.warn(
        { err: original, path: formatted.path },
        'database unreachable; answered SERVICE_UNAVAILABLE',
      );
      original = new ServiceUnavailableError();
    }
    // The gateway answers a stopped statement with TIMEOUT itself; this catches the few statements that
    // do not pass through it (TypeORM repositories, audit writes). The TypeORM logger logged it.
    const failure = unwrapped instanceof GraphQLError ? (unwrapped.originalError ?? unwrapped) : unwrapped;
    if (!(original instanceof AppError) && isQueryCanceled(failure))
      original = new StatementTimeoutError({ cause: failure });
    if (original instanceof AppError) {
      return {
        message: original.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...original.extensions, code: original.code },
      };
    }
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code && REQUEST_ERROR_CODES.has(code)) {
      return {
        message: formatted.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: { code },
      };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
    return {
      message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
