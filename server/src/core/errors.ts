import type { FieldIssue } from '@vangnet/shared';

/**
 * Typed application errors (docs/product.md §8). Services throw these; core/graphql maps them to GraphQL errors
 * in one place. Anything else reaching the client becomes a generic INTERNAL_SERVER_ERROR.
 */
export type AppErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'TIMEOUT'
  | 'CANCELLED';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Je bent niet (meer) ingelogd.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Je hebt geen toegang tot deze actie.') {
    super('FORBIDDEN', message);
  }
}

/** Used for "does not exist" and "exists but you may not see it" alike, so existence never leaks. */
export class NotFoundError extends AppError {
  constructor(what = 'Dossier') {
    super('NOT_FOUND', `${what} niet gevonden.`);
  }
}

export class BadUserInputError extends AppError {
  /**
   * `fieldErrors`: field path → message in words. `fieldIssues`: the same refusals as data (code and
   * parameters, see @vangnet/shared's field issues) where the input was checked by a shared schema.
   */
  constructor(
    message: string,
    fieldErrors: Record<string, string> = {},
    fieldIssues: readonly FieldIssue[] = [],
  ) {
    super('BAD_USER_INPUT', message, fieldIssues.length > 0 ? { fieldErrors, fieldIssues } : { fieldErrors });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, current: { version: number } & Record<string, unknown>) {
    super('CONFLICT', message, { currentVersion: current.version, current });
  }
}

/** How long a client should wait before it tries again after SERVICE_UNAVAILABLE. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached right now (restarting, network gone). Not a bug and nothing the user
 * did: the same request is worth trying again shortly, which `retryable` and `retryAfterSeconds` say.
 */
export class ServiceUnavailableError extends AppError {
  constructor(retryAfterSeconds = RETRY_AFTER_SECONDS) {
    super('SERVICE_UNAVAILABLE', 'Vangnet is even niet bereikbaar. Probeer het zo opnieuw.', {
      retryable: true,
      retryAfterSeconds,
    });
  }
}

/**
 * A statement of the request ran longer than the statement timeout (VANGNET_STATEMENT_TIMEOUT_MS) and
 * PostgreSQL stopped it. Not retryable as it is: the same request would most likely take as long again.
 */
export class StatementTimeoutError extends AppError {
  constructor(options?: { cause?: unknown }) {
    super('TIMEOUT', 'Dit verzoek duurde te lang en is afgebroken. Probeer het later opnieuw.');
    if (options && 'cause' in options) this.cause = options.cause;
  }
}

/**
 * The client went away before its answer was sent, so the request's database work was stopped
 * (core/db/request-signal.ts). Nobody receives this error; it ends what was still running.
 */
export class RequestAbandonedError extends AppError {
  constructor(options?: { cause?: unknown }) {
    super('CANCELLED', 'Het verzoek is afgebroken: de client wacht niet meer op het antwoord.');
    if (options && 'cause' in options) this.cause = options.cause;
  }
}
