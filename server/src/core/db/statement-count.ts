import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements one request sends to PostgreSQL, for the scale benchmark (`pnpm bench`,
 * docs/performance.md): "statements per request" is one of its budgets, and only the server knows the
 * number. Switched on by VANGNET_COUNT_STATEMENTS; off, nothing ever enters the storage, so the hook in
 * the TypeORM logger (data-source.ts) finds no counter and costs one lookup.
 *
 * Every statement a query runner sends counts, transaction control (START TRANSACTION, COMMIT) included:
 * each is a round trip the request waits for. Work outside a request (jobs, the audit sealer) is never
 * counted, as it runs outside `countStatementsOf`.
 */
export interface StatementCounter {
  statements: number;
}

const storage = new AsyncLocalStorage<StatementCounter>();

/** Runs `work` (and everything it starts asynchronously) with `counter` counting its statements. */
export function countStatementsOf<T>(counter: StatementCounter, work: () => T): T {
  return storage.run(counter, work);
}

/** Called for every statement a query runner is about to send. */
export function countStatement(): void {
  const counter = storage.getStore();
  if (counter) counter.statements += 1;
}
