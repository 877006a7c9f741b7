import autocannon from 'autocannon';
import pg from 'pg';

/**
 * Both sides measured the same way: `connections` clients each sending the next request as soon as the
 * previous answer arrived, for `seconds`; throughput is answered requests per second of the run, and
 * latency percentiles come from every answer's round-trip time, sorted (no histogram buckets).
 */
export interface Measurement {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  /** Answers that were not a clean success: non-2xx, GraphQL errors, failed statements, timeouts. */
  readonly errors: number;
  /** The first error seen, to say what went wrong. */
  readonly firstError: string | null;
  /** Mean SQL statements per answered request, from the server's X-Vangnet-Statements (API only). */
  readonly statementsPerRequest: number | null;
}

function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function summarise(
  latencies: number[],
  connections: number,
  seconds: number,
  errors: number,
  firstError: string | null,
  statements: { sum: number; count: number } | null,
): Measurement {
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors,
    firstError,
    statementsPerRequest: statements && statements.count > 0 ? statements.sum / statements.count : null,
  };
}

/** What one autocannon connection sends: a fresh body per request, and what it learns from each answer. */
export interface ConnectionScript {
  body(): string;
  /** Returns an error description when the answer is not a success. */
  check(body: string): string | null;
}

/** The API under load from autocannon: POST /graphql with the session cookie and a same-origin Origin. */
export async function loadApi(options: {
  readonly url: string;
  readonly cookie: string | null;
  readonly connections: number;
  readonly seconds: number;
  readonly script: (connection: number) => ConnectionScript;
}): Promise<Measurement> {
  const latencies: number[] = [];
  const statements = { sum: 0, count: 0 };
  let errors = 0;
  let firstError: string | null = null;
  const fail = (message: string) => {
    errors += 1;
    firstError ??= message;
  };
  let nextConnection = 0;
  const started = performance.now();
  const cannon = {
    url: `${options.url}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: options.url,
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    // Each connection its own script (a plan item of its own for updateActionItem, for instance).
    setupClient(client) {
      const script = options.script(nextConnection++);
      client.setRequests([
        {
          method: 'POST',
          path: '/graphql',
          setupRequest: (request) => ({ ...request, body: script.body() }),
          onResponse: (status, body, _context, headers) => {
            if (status !== 200) return fail(`HTTP ${status}: ${body.slice(0, 300)}`);
            const problem = script.check(body);
            if (problem) fail(problem);
            // Raw header names, as the server wrote them.
            const counted = Number(headers?.['X-Vangnet-Statements'] ?? headers?.['x-vangnet-statements']);
            if (Number.isFinite(counted)) {
              statements.sum += counted;
              statements.count += 1;
            }
          },
        },
      ]);
    },
  } satisfies autocannon.Options;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(cannon, (error: unknown, finished) =>
      error
        ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
        : resolve(finished),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status === 200) latencies.push(responseTime);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.timeouts > 0) fail(`${result.timeouts} requests timed out after 10 s`);
  errors += result.errors - result.timeouts > 0 ? result.errors - result.timeouts : 0;
  return summarise(latencies, options.connections, seconds, errors, firstError, statements);
}

/**
 * The floor: one hand-written statement per request through node-postgres, with `connections` clients
 * (one PostgreSQL connection each, a named prepared statement) looping for `seconds`.
 */
export async function loadFloor(options: {
  readonly databaseUrl: string;
  readonly connections: number;
  readonly seconds: number;
  readonly name: string;
  readonly sql: string;
  readonly values: readonly unknown[];
}): Promise<Measurement> {
  const clients = await Promise.all(
    Array.from({ length: options.connections }, async () => {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < until) {
          const sent = performance.now();
          try {
            await client.query({ name: options.name, text: options.sql, values: [...options.values] });
            latencies.push(performance.now() - sent);
          } catch (error) {
            errors += 1;
            firstError ??= (error as Error).message;
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  const seconds = (performance.now() - started) / 1000;
  return summarise(latencies, options.connections, seconds, errors, firstError, null);
}
