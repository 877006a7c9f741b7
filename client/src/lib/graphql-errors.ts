import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { isFieldIssueCode, type FieldIssue } from '@vangnet/shared';

/** The error codes of the API (docs/api.md), plus NETWORK when the server could not be reached. */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL_SERVER_ERROR',
  'NETWORK',
] as const;
export type ErrorCode = (typeof KNOWN_ERROR_CODES)[number];

export interface ApiError {
  readonly code: ErrorCode;
  /** The server's message (Dutch, B1) — shown for input and transition errors, which are specific. */
  readonly message: string;
  /** BAD_USER_INPUT: field path → message (the server's words). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** BAD_USER_INPUT checked by a shared schema: the same refusals as codes, for the UI to word itself. */
  readonly fieldIssues: readonly FieldIssue[];
  readonly extensions: Readonly<Record<string, unknown>>;
}

const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

function isKnownCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (KNOWN_ERROR_CODES as readonly string[]).includes(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function fieldIssuesOf(value: unknown): FieldIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): FieldIssue[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { field, code, params } = item as Record<string, unknown>;
    if (typeof field !== 'string' || !isFieldIssueCode(code)) return [];
    const cleanParams = Object.fromEntries(
      Object.entries(typeof params === 'object' && params !== null ? params : {}).filter(
        (entry): entry is [string, string | number] =>
          typeof entry[1] === 'string' || typeof entry[1] === 'number',
      ),
    );
    return [{ field, code, params: cleanParams }];
  });
}

/** Reads what the UI needs from any error Apollo hands us. */
export function toApiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = (first?.extensions ?? {}) as Record<string, unknown>;
    const code = isKnownCode(extensions.code) ? extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      code,
      message: first?.message ?? '',
      fieldErrors: stringRecord(extensions.fieldErrors),
      fieldIssues: fieldIssuesOf(extensions.fieldIssues),
      extensions,
    };
  }
  if (ServerError.is(error) && error.statusCode === 429) {
    return { code: 'RATE_LIMITED', message: '', fieldErrors: {}, fieldIssues: [], extensions: {} };
  }
  // 503 from Vangnet itself (database unreachable), 502/504 from a proxy in front of a server that is
  // restarting: all "try again shortly".
  if (ServerError.is(error) && UNAVAILABLE_STATUSES.has(error.statusCode)) {
    const retryAfterSeconds = Number(error.response.headers.get('retry-after'));
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: '',
      fieldErrors: {},
      fieldIssues: [],
      extensions: {
        retryable: true,
        ...(Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
      },
    };
  }
  return { code: 'NETWORK', message: '', fieldErrors: {}, fieldIssues: [], extensions: {} };
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  return error !== undefined && error !== null && toApiError(error).code === code;
}

/** Seconds the server asked to wait before trying again, when it is temporarily unavailable. */
export function retryAfterSeconds(error: unknown): number | null {
  const apiError = toApiError(error);
  if (apiError.code !== 'SERVICE_UNAVAILABLE') return null;
  const seconds = apiError.extensions.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : null;
}
