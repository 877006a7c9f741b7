import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';

/**
 * The host this request was sent to. Behind a proxy that the operator vouches for
 * (VANGNET_TRUST_PROXY), that is the proxy's X-Forwarded-Host; otherwise anyone could send that header,
 * so only Host counts.
 */
export function requestHost(headers: IncomingHttpHeaders, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = headers['x-forwarded-host'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return headers.host;
}

/**
 * Whether a request names an Origin other than this server (a page of another site sent it). Used for
 * mutations over POST and for the WebSocket handshake.
 */
export function foreignOriginCheck(trustProxy: boolean): (headers: IncomingHttpHeaders) => boolean {
  return (headers) => {
    const origin = headers.origin;
    if (!origin) return false;
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    return originHost !== requestHost(headers, trustProxy);
  };
}

/** A host name with an optional port, nothing else: safe to put into a header value. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * Security headers on every answer (helmet): no framing anywhere (frame-ancestors 'none' and
 * X-Frame-Options DENY), nosniff, a same-origin Referrer-Policy, and HSTS only when the session cookie
 * is marked secure (then the site is served over HTTPS; on plain HTTP, HSTS would lock users out).
 */
export function securityHeaders(options: { cookieSecure: boolean }): RequestHandler {
  return helmet({
    // Set per route: the served client gets clientContentSecurityPolicy, the API its own.
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.cookieSecure
      ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true }
      : false,
  });
}

/**
 * The Content-Security-Policy of the served client. The Vite build has no inline script or style: every
 * script and style sheet comes from the server itself, so nothing inline runs even if markup were ever
 * injected. The page talks to /graphql over HTTP and over a WebSocket on the same host; 'self' covers
 * ws/wss only in newer browsers, so the WebSocket address is named as well.
 */
export function clientContentSecurityPolicy(options: {
  trustProxy: boolean;
  cookieSecure: boolean;
}): RequestHandler {
  const sameHostWebSocket = (request: IncomingMessage): string => {
    const host = requestHost(request.headers, options.trustProxy);
    if (!host || !PLAIN_HOST.test(host)) return "'self'";
    return `${options.cookieSecure ? 'wss' : 'ws'}://${host}`;
  };
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'", (request) => sameHostWebSocket(request)],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(options.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
    },
  });
}

/** The API answers JSON only: nothing on it may load or run anything, and no page may frame it. */
export function apiContentSecurityPolicy(): RequestHandler {
  return helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  });
}

function graphQLErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** What body-parser (express.json) puts on the errors it raises. */
interface HttpError {
  readonly status?: number;
  readonly statusCode?: number;
  readonly type?: string;
}

function httpErrorOf(error: unknown): HttpError {
  return typeof error === 'object' && error !== null ? error : {};
}

/**
 * The last handler: every error that reaches Express becomes a JSON answer in the shape of a GraphQL
 * error, in every mode — never Express's HTML page with a stack trace and the server's file paths.
 */
export function jsonErrorHandler(options: { maxBodyBytes: number }): ErrorRequestHandler {
  const maxMegabytes = Math.round((options.maxBodyBytes / (1024 * 1024)) * 10) / 10;
  return (error, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const { type, status, statusCode } = httpErrorOf(error);
    const logger = response.locals.logger as Logger | undefined;
    if (type === 'entity.parse.failed') {
      response
        .status(400)
        .json(graphQLErrorBody('De inhoud van het verzoek is geen geldige JSON.', 'BAD_REQUEST'));
      return;
    }
    if (type === 'entity.too.large') {
      response
        .status(413)
        .json(
          graphQLErrorBody(
            `Het verzoek is te groot (hoogstens ${maxMegabytes.toLocaleString('nl-NL')} MB).`,
            'PAYLOAD_TOO_LARGE',
          ),
        );
      return;
    }
    const httpStatus = status ?? statusCode;
    if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) {
      response
        .status(httpStatus)
        .json(graphQLErrorBody('Het verzoek kan niet worden verwerkt.', 'BAD_REQUEST'));
      return;
    }
    logger?.error({ err: error }, 'unexpected error in HTTP request');
    response
      .status(500)
      .json(
        graphQLErrorBody(
          'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
          'INTERNAL_SERVER_ERROR',
        ),
      );
  };
}
