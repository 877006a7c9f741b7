import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseCookie } from 'cookie';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { WebSocketServer, type WebSocket } from 'ws';
import { ReadAuditBuffer } from '../audit/read-audit.js';
import { ScopedDatabase } from '../db/gateway.js';
import { AccessScope } from '../authz/access-scope.js';
import { createErrorFormatter } from '../graphql/format-error.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import type { Clock } from '../clock.js';
import { accessActorOf, type Actor, type SessionAuthenticator } from '../request-context.js';
import { RequestLoaders } from '../request-loaders.js';
import { CaseChangeFeed, type LiveGraphQLContext, type LiveSession } from './case-change-feed.js';
import type { CaseEventBus } from './case-events.js';

export interface LiveUpdatesDependencies {
  readonly httpServer: Server;
  /** The path of the WebSocket endpoint: the same as the HTTP endpoint, `/graphql`. */
  readonly path: string;
  readonly schema: GraphQLSchema;
  /** Authenticates the handshake and re-reads the session of every connection (the auth feature). */
  readonly sessions: SessionAuthenticator;
  readonly caseEvents: CaseEventBus;
  readonly clock: Clock;
  readonly dataSource: DataSource;
  readonly logger: Logger;
  /** The same rule as the HTTP CSRF check: a handshake from a page of another origin is refused. */
  readonly isForeignOrigin: (headers: IncomingHttpHeaders) => boolean;
  readonly production: boolean;
  /** The same limits as for POST /graphql (core/graphql/limits.ts): tokens at parse, the rest in validation. */
  readonly requestLimits?: {
    readonly maxTokens: number;
    readonly validationRules: readonly ValidationRule[];
  };
  /** How often an idle connection checks that its session still exists (it is also checked at every event). */
  readonly sessionCheckIntervalMs?: number;
}

export interface LiveUpdatesServer {
  /** Closes every live connection (1001 Going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** Subscriptions are small; anything larger than this is not a subscription. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const NO_COOKIES = { set: () => undefined, clear: () => undefined };
const SOMETHING_WENT_WRONG = 'Er ging iets mis aan onze kant. Probeer het later opnieuw.';

function refuseHandshake(socket: Duplex, status: number): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

function sessionTokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

function requestError(message: string, code: string, from?: GraphQLError): GraphQLError {
  return new GraphQLError(message, {
    ...(from ? { nodes: from.nodes, source: from.source, positions: from.positions } : {}),
    extensions: { code },
  });
}

/**
 * One WebSocket connection, authenticated once at the handshake with the session cookie. Its session is
 * read again (without sliding it) at every event and every `sessionCheckIntervalMs`; when the session
 * was revoked or expired the connection is closed with 4401 Unauthorized, which ends all its
 * subscriptions.
 */
class LiveConnection implements LiveSession {
  private ended = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly socket: WebSocket,
    private readonly sessions: SessionAuthenticator,
    readonly sessionId: string,
    readonly logger: Logger,
    readonly client: { readonly ip: string | null; readonly userAgent: string | null },
    sessionCheckIntervalMs: number,
  ) {
    this.timer = setInterval(() => {
      this.currentActor().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'live updates: could not check the session'),
      );
    }, sessionCheckIntervalMs);
    this.timer.unref();
  }

  async currentActor(): Promise<Actor | null> {
    if (this.ended) return null;
    const actor = await this.sessions.currentActor(this.sessionId);
    if (!actor) this.end();
    return actor;
  }

  dispose(): void {
    this.ended = true;
    clearInterval(this.timer);
  }

  private end(): void {
    if (this.ended) return;
    this.dispose();
    this.logger.info('live updates: the session ended; closing the connection');
    this.socket.close(CloseCode.Unauthorized, 'Unauthorized');
  }
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws, protocol graphql-transport-ws) on the HTTP server's
 * own port and path. Only subscriptions: queries and mutations keep going through POST /graphql, where
 * the CSRF checks and the read audit live.
 */
export function attachLiveUpdates(deps: LiveUpdatesDependencies): LiveUpdatesServer {
  const { httpServer, schema, sessions, clock, dataSource, logger } = deps;
  const feed = new CaseChangeFeed(dataSource, deps.caseEvents);
  const formatError = createErrorFormatter(logger);
  const format = (error: GraphQLError) => formatError(error.toJSON(), error);
  const connections = new WeakMap<WebSocket, LiveConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== deps.path) {
      refuseHandshake(socket, 404);
      return;
    }
    if (deps.isForeignOrigin(request.headers)) {
      logger.warn(
        { origin: request.headers.origin },
        'live updates: refused a handshake from a foreign origin',
      );
      refuseHandshake(socket, 403);
      return;
    }
    wss.handleUpgrade(request, socket, head, (webSocket) => wss.emit('connection', webSocket, request));
  };
  httpServer.on('upgrade', onUpgrade);

  const server = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        let actor: Actor | null;
        try {
          actor = await sessions.authenticate(sessionTokenOf(request));
        } catch (error) {
          // Not graphql-ws' own handling: outside production it would put the error's text in the close reason.
          logger.error({ err: error }, 'live updates: could not authenticate a handshake');
          socket.close(CloseCode.InternalServerError, 'Internal server error');
          return false;
        }
        if (!actor) {
          // Closed here with 4401 (graphql-ws would otherwise say 4403 when onConnect returns false).
          socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
        const connectionId = randomUUID();
        const connectionLogger = logger.child({ liveConnection: connectionId, userId: actor.userId });
        connections.set(
          socket,
          new LiveConnection(
            socket,
            sessions,
            actor.sessionId,
            connectionLogger,
            { ip: request.socket.remoteAddress ?? null, userAgent: request.headers['user-agent'] ?? null },
            deps.sessionCheckIntervalMs ?? 60_000,
          ),
        );
        connectionLogger.debug('live updates: connection opened');
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const connection = connections.get(ctx.extra.socket);
        if (!connection) return [requestError('Je bent niet (meer) ingelogd.', 'UNAUTHENTICATED')];
        let document: DocumentNode;
        try {
          document = parse(
            payload.query,
            deps.requestLimits ? { maxTokens: deps.requestLimits.maxTokens } : {},
          );
        } catch (error) {
          return [
            requestError(
              error instanceof GraphQLError ? error.message : 'Ongeldige GraphQL.',
              'GRAPHQL_PARSE_FAILED',
              error instanceof GraphQLError ? error : undefined,
            ),
          ];
        }
        const invalid = validate(schema, document, [
          ...specifiedRules,
          ...(deps.requestLimits?.validationRules ?? []),
        ]);
        if (invalid.length > 0)
          return invalid.map((error) => requestError(error.message, 'GRAPHQL_VALIDATION_FAILED', error));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [requestError('Geef de naam van de operatie mee.', 'BAD_REQUEST')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION)
          return [
            requestError(
              'Via de WebSocket alleen abonnementen; vragen en wijzigingen gaan via POST /graphql.',
              'BAD_REQUEST',
            ),
          ];
        let actor: Actor | null;
        try {
          actor = await connection.currentActor();
        } catch (error) {
          // Passed through the one formatter (onError below), which logs it and turns a database that
          // cannot be reached into SERVICE_UNAVAILABLE, anything else into a generic error.
          const cause = error instanceof Error ? error : new Error(String(error));
          return [new GraphQLError('live updates: could not check the session', { originalError: cause })];
        }
        if (!actor) return [requestError('Je bent niet (meer) ingelogd.', 'UNAUTHENTICATED')];
        const requestId = randomUUID();
        const contextValue: LiveGraphQLContext = {
          requestId,
          logger: connection.logger.child({ requestId }),
          actor,
          clock,
          access: AccessScope.for(accessActorOf(actor), clock.now()),
          db: new ScopedDatabase(dataSource, () => contextValue),
          readAudit: new ReadAuditBuffer(),
          loaders: new RequestLoaders(),
          sessionCookie: NO_COOKIES,
          client: connection.client,
          live: { feed, session: connection },
        };
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
      onOperation: async (_ctx, _id, _payload, args, result) => {
        // Whatever the subscribe step recorded (nothing today) is audited like an HTTP request's reads;
        // if that fails, nothing is sent (as readAuditPlugin does for HTTP).
        const context = args.contextValue as LiveGraphQLContext;
        try {
          await context.readAudit.flush(dataSource, context);
        } catch (error) {
          context.logger.error(
            { err: error },
            'could not write the read audit; withholding the subscription',
          );
          await (result as Partial<AsyncGenerator<unknown>>).return?.(undefined);
          return { errors: [requestError(SOMETHING_WENT_WRONG, 'INTERNAL_SERVER_ERROR')] };
        }
        return undefined;
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onClose: (ctx) => {
        connections.get(ctx.extra.socket)?.dispose();
      },
      isProd: deps.production,
    },
    wss,
  );

  return {
    async close() {
      httpServer.off('upgrade', onUpgrade);
      await server.dispose();
    },
  };
}
