import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ReadAuditBuffer } from '../audit/read-audit.js';
import { ScopedDatabase } from '../db/gateway.js';
import { clientAssets } from './client-assets.js';
import { withRequestSignal } from '../db/request-signal.js';
import { countStatementsOf, type StatementCounter } from '../db/statement-count.js';
import { AccessScope } from '../authz/access-scope.js';
import { inputHygienePlugin } from '../graphql/input-validation.js';
import { readAuditPlugin } from '../graphql/read-audit-plugin.js';
import { serviceUnavailablePlugin } from '../graphql/service-unavailable-plugin.js';
import { RequestLoaders } from '../request-loaders.js';
import type { Config } from '../config.js';
import { accessActorOf, type SessionAuthenticator } from '../request-context.js';
import type { GraphQLContext } from '../graphql/context.js';
import { createErrorFormatter } from '../graphql/format-error.js';
import { limitValidationRules } from '../graphql/limits.js';
import { attachLiveUpdates } from '../realtime/live-updates-server.js';
import type { Clock } from '../clock.js';
import type { CaseEventBus } from '../realtime/case-events.js';
import {
  apiContentSecurityPolicy,
  clientContentSecurityPolicy,
  foreignOriginCheck,
  jsonErrorHandler,
  securityHeaders,
} from './hardening.js';
import { readSessionToken, sessionCookiePort } from './session-cookie.js';

export interface AppDependencies {
  readonly config: Pick<Config, 'http' | 'session' | 'environment' | 'graphql' | 'diagnostics'>;
  readonly dataSource: DataSource;
  /** Its resolvers already hold their services (app/ builds them); the context carries only the request. */
  readonly schema: GraphQLSchema;
  /** Resolves the session cookie of every request and WebSocket handshake (the auth feature). */
  readonly sessions: SessionAuthenticator;
  /** Where live subscribers hear of committed case changes. */
  readonly caseEvents: CaseEventBus;
  /** The app's one clock: every request context reads the time from it (core/clock.ts). */
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RunningApp {
  readonly server: Server;
  readonly url: string;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Cross-site form posts cannot carry a JSON content type, and Apollo's CSRF prevention refuses the
 * "simple" requests a foreign page could send; on top of that a mutation from a foreign Origin is refused.
 */
function refuseForeignOrigins(isForeignOrigin: (headers: IncomingHttpHeaders) => boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'POST' && isForeignOrigin(request.headers)) {
      response.status(403).json({
        errors: [
          { message: 'Verzoek van een andere herkomst geweigerd.', extensions: { code: 'FORBIDDEN' } },
        ],
      });
      return;
    }
    next();
  };
}

/** The response header carrying a request's SQL statement count (VANGNET_COUNT_STATEMENTS). */
export const STATEMENTS_HEADER = 'X-Vangnet-Statements';

/**
 * Counts the statements of the rest of the request (session check, resolvers, read audit) and reports
 * the number in a response header. The header is set when the headers are written, the last moment
 * before the answer leaves: the read audit is flushed before that (read-audit-plugin.ts), so it counts.
 */
function countStatementsPerRequest(_request: Request, response: Response, next: NextFunction): void {
  const counter: StatementCounter = { statements: 0 };
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => Response;
  response.writeHead = ((...args: unknown[]) => {
    if (!response.headersSent) response.setHeader(STATEMENTS_HEADER, String(counter.statements));
    return writeHead(...args);
  }) as Response['writeHead'];
  countStatementsOf(counter, next);
}

/**
 * Gives the rest of the request an abort signal (core/db/request-signal.ts) that aborts when the client
 * goes away before its answer has been sent: the connection closed while the response was unfinished.
 * The database gateway then cancels the request's statement in flight and starts no further one, so an
 * abandoned request stops using the database at once instead of running to its end for nobody.
 */
function cancelWhenAbandoned(_request: Request, response: Response, next: NextFunction): void {
  const controller = new AbortController();
  response.once('close', () => {
    if (response.writableFinished) return;
    (response.locals.logger as Logger).info(
      'request abandoned by the client; its database work is cancelled',
    );
    controller.abort();
  });
  withRequestSignal(controller.signal, next);
}

/**
 * Limits on what one GraphQL request may ask for (docs/api.md "Limits"): the parser stops at the token
 * limit before building anything, the validation rules refuse too many aliases, too deep, too many
 * directives, too costly or too many objects before anything executes, and in production an unknown
 * field gets no "Did you mean …" that would name fields of the schema.
 */
function requestLimitOptions(config: Pick<Config, 'graphql' | 'environment'>) {
  return {
    parseOptions: { maxTokens: config.graphql.maxTokens },
    validationRules: limitValidationRules(config.graphql),
    hideSchemaDetailsFromClientErrors: config.environment === 'production',
  };
}

export async function startApp(deps: AppDependencies): Promise<RunningApp> {
  const { config, dataSource, schema, sessions, clock, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  if (config.http.trustProxy) app.set('trust proxy', 1);
  const isForeignOrigin = foreignOriginCheck(config.http.trustProxy);
  const httpServer = createServer(app);
  // Live updates (subscription caseChanged): WebSocket on the same server and path.
  const liveUpdates = attachLiveUpdates({
    httpServer,
    path: '/graphql',
    schema,
    sessions,
    caseEvents: deps.caseEvents,
    clock,
    dataSource,
    logger,
    isForeignOrigin,
    production: config.environment === 'production',
    requestLimits: {
      maxTokens: config.graphql.maxTokens,
      validationRules: limitValidationRules(config.graphql),
    },
  });

  app.use((request, response, next) => {
    const incoming = request.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    response.locals.requestId = requestId;
    response.locals.logger = logger.child({ requestId });
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      (response.locals.logger as Logger).info(
        {
          method: request.method,
          path: request.originalUrl.split('?')[0],
          status: response.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });

  app.use(securityHeaders({ cookieSecure: config.session.cookieSecure }));

  app.get('/healthz', async (_request, response) => {
    try {
      await dataSource.query('SELECT 1');
      response.json({ status: 'ok', database: 'up' });
    } catch (error) {
      (response.locals.logger as Logger).warn({ err: error }, 'health check: database unreachable');
      response.status(503).json({ status: 'unavailable', database: 'down' });
    }
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    csrfPrevention: true,
    // Shutdown is ours (app/bootstrap.ts): Apollo's own handler would re-raise the signal and kill the
    // process before the database is closed.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    introspection: config.environment !== 'production',
    formatError: createErrorFormatter(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      inputHygienePlugin(),
      readAuditPlugin(dataSource),
      serviceUnavailablePlugin(),
    ],
    ...requestLimitOptions(config),
  });
  await apollo.start();

  app.use(
    '/graphql',
    apiContentSecurityPolicy(),
    refuseForeignOrigins(isForeignOrigin),
    // The default leaves room for an arrears import of 50,000 rows sent as one CSV string.
    express.json({ limit: config.http.maxBodyBytes }),
    // After the body is read: the storages follow the chain from here into Apollo and the services.
    cancelWhenAbandoned,
    ...(config.diagnostics.countStatements ? [countStatementsPerRequest] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const actor = await sessions.authenticate(readSessionToken(req));
        const context: GraphQLContext = {
          requestId: res.locals.requestId as string,
          logger: res.locals.logger as Logger,
          actor,
          clock,
          access: AccessScope.for(accessActorOf(actor), clock.now()),
          db: new ScopedDatabase(dataSource, () => context),
          readAudit: new ReadAuditBuffer(),
          loaders: new RequestLoaders(),
          sessionCookie: sessionCookiePort(res, config.session.cookieSecure),
          client: { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null },
        };
        return context;
      },
    }),
  );

  const clientDist = config.http.clientDist;
  if (existsSync(path.join(clientDist, 'index.html'))) {
    app.use(
      clientContentSecurityPolicy({
        trustProxy: config.http.trustProxy,
        cookieSecure: config.session.cookieSecure,
      }),
    );
    app.use(...clientAssets(clientDist));
    app.get(/^\/(?!graphql|healthz).*/, (_request, response) => {
      // Every route of the single-page client; revalidated on each load, so a deploy is seen at once.
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(path.join(clientDist, 'index.html'));
    });
  } else {
    logger.warn({ clientDist }, 'no built client found; serving the API only (run pnpm build)');
  }
  app.use(jsonErrorHandler({ maxBodyBytes: config.http.maxBodyBytes }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.http.port, config.http.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`;

  return {
    server: httpServer,
    url,
    async stop() {
      await liveUpdates.close();
      await apollo.stop();
    },
  };
}
