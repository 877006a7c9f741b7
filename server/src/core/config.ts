import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, whether running from src (tests) or dist (built). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/.+/.test(value), {
  message: 'must be a postgres:// or postgresql:// URL',
});

const redisUrl = z.string().refine((value) => /^rediss?:\/\/.+/.test(value) && URL.canParse(value), {
  message: 'must be a redis:// (or rediss:// for TLS) URL',
});

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, {
  message: 'must be 32 bytes, base64-encoded (generate one with: openssl rand -base64 32)',
});

/** A whole-number limit with bounds, so a typo cannot switch a protection off or lock every request out. */
function limitFromEnv(min: number, max: number, fallback: number) {
  return z.coerce.number({ message: 'must be a number' }).int().min(min).max(max).default(fallback);
}

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl.optional(),
  VANGNET_DATA_DIR: z.string().min(1).optional(),
  VANGNET_EMBEDDED_PG_PORT: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1024)
    .max(65535)
    .default(54329),
  VANGNET_BSN_KEY: base64Key.optional(),
  VANGNET_DB_POOL_SIZE: limitFromEnv(1, 1_000, 10),
  // 0 switches the timeout off; above an hour is no longer a protection against a runaway statement.
  VANGNET_STATEMENT_TIMEOUT_MS: limitFromEnv(0, 3_600_000, 15_000),
  VANGNET_SESSION_IDLE_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  VANGNET_SESSION_MAX_HOURS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  VANGNET_SIGN_IN_MAX_FAILURES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(100)
    .default(5),
  VANGNET_SIGN_IN_ADDRESS_MAX_FAILURES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(10_000)
    .default(50),
  VANGNET_SIGN_IN_FAILURE_WINDOW_MINUTES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  VANGNET_SIGN_IN_LOCKOUT_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(24 * 3600)
    .default(60),
  VANGNET_SIGN_IN_LOCKOUT_MAX_SECONDS: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(3600),
  VANGNET_COOKIE_SECURE: booleanFromEnv.optional(),
  VANGNET_TRUST_PROXY: booleanFromEnv.default(false),
  VANGNET_SEED_DEMO: booleanFromEnv.default(false),
  VANGNET_COUNT_STATEMENTS: booleanFromEnv.default(false),
  VANGNET_CLIENT_DIST: z.string().min(1).optional(),
  REDIS_URL: redisUrl.optional(),
  VANGNET_MAX_BODY_MB: z.coerce.number({ message: 'must be a number' }).min(0.1).max(100).default(10),
  VANGNET_GRAPHQL_MAX_TOKENS: limitFromEnv(100, 1_000_000, 2_000),
  VANGNET_GRAPHQL_MAX_ALIASES: limitFromEnv(1, 1_000, 15),
  VANGNET_GRAPHQL_MAX_DEPTH: limitFromEnv(3, 100, 15),
  VANGNET_GRAPHQL_MAX_DIRECTIVES: limitFromEnv(1, 1_000, 10),
  VANGNET_GRAPHQL_MAX_COST: limitFromEnv(100, 10_000_000, 50_000),
  VANGNET_GRAPHQL_MAX_OBJECTS: limitFromEnv(100, 10_000_000, 2_000),
});

export interface Config {
  readonly environment: 'development' | 'production' | 'test';
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly trustProxy: boolean;
    readonly clientDist: string;
    /** The largest request body accepted, in bytes; larger ones get 413. */
    readonly maxBodyBytes: number;
  };
  /** What one GraphQL request may ask for; docs/api.md "Limits" explains each. */
  readonly graphql: GraphQLLimits;
  readonly logLevel: string;
  /** Either an external server, or the embedded one with its data directory. */
  readonly database:
    | { readonly kind: 'external'; readonly url: string }
    | {
        readonly kind: 'embedded';
        readonly dataDir: string;
        readonly dataDirExplicit: boolean;
        readonly port: number;
      };
  /** The server's connection pool to that database (docs/operations.md § Connections and timeouts). */
  readonly pool: {
    /** Connections held open at most; a request waits for a free one beyond that. */
    readonly size: number;
    /** PostgreSQL's `statement_timeout` of every pooled connection, in ms; 0 for none. */
    readonly statementTimeoutMs: number;
  };
  /** When absent with the embedded database, a key is generated and kept in the data directory. */
  readonly bsnKey: Buffer | null;
  readonly session: {
    readonly idleMinutes: number;
    readonly maxHours: number;
    readonly cookieSecure: boolean;
  };
  /** Sign-in throttling (docs/security.md#sign-in). */
  readonly signIn: SignInLimits;
  readonly seedDemo: boolean;
  /** Live updates between server processes: Redis pub/sub when set, else PostgreSQL LISTEN/NOTIFY. */
  readonly realtime: { readonly redisUrl: string | null };
  /** Measurement aids for the benchmark (docs/performance.md); off in normal operation. */
  readonly diagnostics: {
    /** Answer every GraphQL request with `X-Vangnet-Statements`: the SQL statements it sent. */
    readonly countStatements: boolean;
  };
}

/** How many failed sign-ins are tolerated, and how long sign-in then stops. */
export interface SignInLimits {
  /** Failures in a row for one e-mail address (known or not) before that address is stopped. */
  readonly maxFailuresPerAccount: number;
  /** Failures from one source address, whatever the e-mail addresses, before that source is stopped. */
  readonly maxFailuresPerAddress: number;
  /** Failures older than this are forgotten. */
  readonly failureWindowSeconds: number;
  /** The first stop lasts this long; each next one within a day twice as long, up to the maximum. */
  readonly firstLockoutSeconds: number;
  readonly maxLockoutSeconds: number;
}

export interface GraphQLLimits {
  /** Lexical tokens in one document; the parser stops counting there, before building anything. */
  readonly maxTokens: number;
  readonly maxAliases: number;
  readonly maxDepth: number;
  readonly maxDirectives: number;
  /** The static cost of the selection (objects and fields weighted by depth). */
  readonly maxCost: number;
  /** The objects an answer may hold at most, each list counted at the page size it asks for. */
  readonly maxObjects: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Vangnet cannot start: the configuration is invalid.\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once. Every bad setting gets its own line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const settings = parsed.data;
  const problems: string[] = [];
  if (settings.DATABASE_URL && !settings.VANGNET_BSN_KEY && settings.NODE_ENV === 'production') {
    problems.push(
      'VANGNET_BSN_KEY: required with an external DATABASE_URL in production (generate one with: openssl rand -base64 32)',
    );
  }
  if (settings.VANGNET_SIGN_IN_LOCKOUT_MAX_SECONDS < settings.VANGNET_SIGN_IN_LOCKOUT_SECONDS) {
    problems.push('VANGNET_SIGN_IN_LOCKOUT_MAX_SECONDS: must be at least VANGNET_SIGN_IN_LOCKOUT_SECONDS');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(REPO_ROOT, settings.VANGNET_DATA_DIR ?? '.vangnet-data');
  return Object.freeze({
    environment: settings.NODE_ENV,
    http: {
      host: settings.HOST,
      port: settings.PORT,
      trustProxy: settings.VANGNET_TRUST_PROXY,
      clientDist: path.resolve(REPO_ROOT, settings.VANGNET_CLIENT_DIST ?? 'client/dist'),
      maxBodyBytes: Math.round(settings.VANGNET_MAX_BODY_MB * 1024 * 1024),
    },
    graphql: {
      maxTokens: settings.VANGNET_GRAPHQL_MAX_TOKENS,
      maxAliases: settings.VANGNET_GRAPHQL_MAX_ALIASES,
      maxDepth: settings.VANGNET_GRAPHQL_MAX_DEPTH,
      maxDirectives: settings.VANGNET_GRAPHQL_MAX_DIRECTIVES,
      maxCost: settings.VANGNET_GRAPHQL_MAX_COST,
      maxObjects: settings.VANGNET_GRAPHQL_MAX_OBJECTS,
    },
    logLevel: settings.LOG_LEVEL,
    database: settings.DATABASE_URL
      ? { kind: 'external', url: settings.DATABASE_URL }
      : {
          kind: 'embedded',
          dataDir,
          dataDirExplicit: settings.VANGNET_DATA_DIR !== undefined,
          port: settings.VANGNET_EMBEDDED_PG_PORT,
        },
    pool: {
      size: settings.VANGNET_DB_POOL_SIZE,
      statementTimeoutMs: settings.VANGNET_STATEMENT_TIMEOUT_MS,
    },
    bsnKey: settings.VANGNET_BSN_KEY ? Buffer.from(settings.VANGNET_BSN_KEY, 'base64') : null,
    session: {
      idleMinutes: settings.VANGNET_SESSION_IDLE_MINUTES,
      maxHours: settings.VANGNET_SESSION_MAX_HOURS,
      cookieSecure: settings.VANGNET_COOKIE_SECURE ?? settings.NODE_ENV === 'production',
    },
    signIn: {
      maxFailuresPerAccount: settings.VANGNET_SIGN_IN_MAX_FAILURES,
      maxFailuresPerAddress: settings.VANGNET_SIGN_IN_ADDRESS_MAX_FAILURES,
      failureWindowSeconds: settings.VANGNET_SIGN_IN_FAILURE_WINDOW_MINUTES * 60,
      firstLockoutSeconds: settings.VANGNET_SIGN_IN_LOCKOUT_SECONDS,
      maxLockoutSeconds: settings.VANGNET_SIGN_IN_LOCKOUT_MAX_SECONDS,
    },
    seedDemo: settings.VANGNET_SEED_DEMO,
    realtime: { redisUrl: settings.REDIS_URL ?? null },
    diagnostics: { countStatements: settings.VANGNET_COUNT_STATEMENTS },
  } satisfies Config);
}
