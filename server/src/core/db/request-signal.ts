import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the HTTP request whose work is running, for the database gateway: when the client
 * goes away before its answer is sent (core/http/app.ts aborts the signal), the request's statement in
 * flight is cancelled in PostgreSQL and its further statements are not started (gateway.ts, `run`), so
 * an abandoned request stops holding a connection and a CPU of the database.
 *
 * Mirrors the statement counter (statement-count.ts): an AsyncLocalStorage entered once per request,
 * so every statement the request causes, however deep in the services, finds the signal without it
 * being passed along. Work outside a request (jobs, the audit sealer, the CLI) finds none and is never
 * cancelled this way (jobs have their own signal, core/jobs/batches.ts).
 */
const storage = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (and everything it starts asynchronously) as the work of a request with `signal`. */
export function withRequestSignal<T>(signal: AbortSignal, work: () => T): T {
  return storage.run(signal, work);
}

/** The signal of the request being served, if any. */
export function requestSignal(): AbortSignal | undefined {
  return storage.getStore();
}
