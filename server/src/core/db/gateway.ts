import { isUuid, type CaseStatus, type DataCategory } from '@vangnet/shared';
import type { Logger } from 'pino';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { writeAuditEvent, writeAuditEvents, type AuditEntry } from '../audit/audit-writer.js';
import { ParameterBag } from '../authz/casl-sql-compiler.js';
import { recordRefusedCaseAccess } from '../audit/refused-case-access.js';
import { BadUserInputError, ForbiddenError, NotFoundError, RequestAbandonedError } from '../errors.js';
import { inBatchTransaction, processInBatches, type BatchLoop, type BatchProgress } from '../jobs/batches.js';
import type { RequestContext } from '../request-context.js';
import caseScopedTables from './case-scoped-tables.json' with { type: 'json' };
import { cancellationError, queryCancellably } from './cancellable-query.js';
import { requestSignal } from './request-signal.js';

/**
 * The one way features reach the database (docs/development.md § Every read through the gateway).
 *
 * A feature never holds TypeORM's DataSource or an EntityManager (ESLint refuses the import). Per
 * request it gets `context.db`, a gateway bound to the request's actor and moment:
 * - `read(build, params)` for anything that touches a case's data: `build` receives the parameter bag
 *   and must put at least one predicate of the request's access scope into the statement
 *   (`context.access.readableRow(…, bag)`, …); a statement without one is refused before it runs;
 * - `lookup(sql, params)` for tables outside any case (organisations, users, settings): refused when
 *   the statement names a case-scoped table;
 * - `transaction(work)` for writes: inside, `lockFor(action, subject, id, refusal)` locks the case under
 *   the rule (or refuses: ACCESS_DENIED audited, FORBIDDEN or NOT_FOUND), and only a statement that
 *   names the locked case may then read or write its rows (`readLocked`, `write`).
 *
 * System work (jobs, the seed, the audit sealer, migrations) gets a `SystemDatabase`, which only the
 * app's wiring creates from the DataSource.
 */

/**
 * Tables that hold a case's or a tenant's data (case-scoped-tables.json, which eslint.config.js reads
 * too). Reading one needs the rule (or a lock taken under it); gateway.test.ts checks the list against
 * the migrated tables, so a new table cannot slip past unclassified.
 */
export const CASE_SCOPED_TABLES: readonly string[] = caseScopedTables;

export type CaseScopedTable = string;

const CASE_SCOPED_REFERENCE = new RegExp(
  String.raw`\b(?:from|join|into|update|table)\s+(?:only\s+)?"?(${CASE_SCOPED_TABLES.join('|')})"?(?![a-z0-9_])`,
  'i',
);

/** The case-scoped table a statement names, if any (the gateway's runtime check; exported for its test). */
export function caseScopedTableIn(sql: string): CaseScopedTable | null {
  const match = CASE_SCOPED_REFERENCE.exec(sql);
  return match ? match[1]!.toLowerCase() : null;
}

/** A programming error: a statement tried to pass the gateway without the rule. Never a user's fault. */
export class AccessGatewayError extends Error {
  override readonly name = 'AccessGatewayError';
}

type Parameters = readonly unknown[] | Readonly<Record<string, unknown>>;

/** Anything that runs SQL: the DataSource outside a transaction, an EntityManager inside one. */
type Runner = EntityManager | DataSource;

/**
 * Every statement of the gateway. Inside an HTTP request (request-signal.ts) it runs so that the
 * request's abort cancels it in PostgreSQL and starts no further statement (cancellable-query.ts);
 * outside one (jobs, the sealer, the CLI) it runs as it is. A statement stopped by PostgreSQL answers
 * StatementTimeoutError (TIMEOUT), or RequestAbandonedError when the request's own abort stopped it.
 */
async function run<Row>(runner: Runner, sql: string, parameters: Parameters = []): Promise<Row[]> {
  let text = sql;
  let values: unknown[];
  if (Array.isArray(parameters)) {
    values = [...(parameters as unknown[])];
  } else {
    const driver = 'connection' in runner ? runner.connection.driver : runner.driver;
    [text, values] = driver.escapeQueryWithParameters(sql, { ...parameters }, {});
  }
  const signal = requestSignal();
  try {
    const result: unknown = signal
      ? await queryCancellably(runner, text, values, signal)
      : await runner.query(text, values);
    return rowsOf<Row>(result);
  } catch (error) {
    throw cancellationError(error, signal);
  }
}

/**
 * TypeORM answers a bare UPDATE or DELETE with `[rows, affectedCount]` and everything else with the
 * rows; through the gateway every statement answers with its rows (those of RETURNING, else none).
 * A row is always an object, so the pair cannot be mistaken for two rows.
 */
function rowsOf<Row>(result: unknown): Row[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as Row[];
  return result as Row[];
}

function parameterValues(parameters: Parameters): unknown[] {
  const values = Array.isArray(parameters)
    ? (parameters as unknown[])
    : Object.values(parameters as Record<string, unknown>);
  return values.flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]));
}

/** What every gateway can do: reads under the rule, and lookups outside any case. */
class GatewayReads {
  constructor(
    private readonly runnerOrNone: Runner | null,
    private readonly contextOf: () => RequestContext,
  ) {}

  protected get context(): RequestContext {
    return this.contextOf();
  }

  protected get runner(): Runner {
    if (!this.runnerOrNone)
      throw new AccessGatewayError('This context has no database (system work uses the SystemDatabase).');
    return this.runnerOrNone;
  }

  /**
   * Reads case-scoped data under the request's access rule. `build` writes the statement with :named
   * parameters and puts the compiled predicates (`context.access.…(…, bag)`) in it; the gateway refuses
   * a statement into which the request's own scope compiled nothing.
   */
  async read<Row>(
    build: (bag: ParameterBag) => string,
    parameters: Readonly<Record<string, unknown>> = {},
  ): Promise<Row[]> {
    const bag = new ParameterBag();
    const sql = build(bag);
    if (!bag.compiled.some((entry) => entry.scope === this.context.access))
      throw new AccessGatewayError(
        'A read of case-scoped data must carry a predicate of the request’s access scope.',
      );
    return run<Row>(this.runner, sql, { ...parameters, ...bag.values });
  }

  /** Reads of tables outside any case (organisations, users, settings, sessions). */
  async lookup<Row>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    refuseCaseScoped(sql, 'lookup');
    return run<Row>(this.runner, sql, parameters);
  }

  /** TypeORM's repository for an entity outside any case (a user, a session, an organisation). */
  entities<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): Repository<Entity> {
    const manager = 'manager' in this.runner ? this.runner.manager : this.runner;
    const repository = manager.getRepository(target);
    const table = repository.metadata.tableName;
    if (CASE_SCOPED_TABLES.includes(table))
      throw new AccessGatewayError(`${table} holds case data: read it under the rule (read) or a lock.`);
    return repository;
  }
}

function refuseCaseScoped(sql: string, method: string): void {
  const table = caseScopedTableIn(sql);
  if (table)
    throw new AccessGatewayError(
      `${method} may not touch ${table}: it holds case data (use read with the rule, or lockFor in a transaction).`,
    );
}

/** The per-request gateway (`context.db`). */
export class ScopedDatabase extends GatewayReads {
  /**
   * `contextOf` returns the request context this gateway belongs to (built together with it:
   * `createRequestContext`); a null data source makes a gateway that refuses everything (the context of
   * system work, which uses the SystemDatabase instead).
   */
  constructor(
    private readonly dataSource: DataSource | null,
    contextOf: () => RequestContext,
  ) {
    super(dataSource, contextOf);
  }

  private get source(): DataSource {
    if (!this.dataSource)
      throw new AccessGatewayError('This context has no database (system work uses the SystemDatabase).');
    return this.dataSource;
  }

  /** One transaction; everything in `work` commits together (with its audit rows) or not at all. */
  async transaction<T>(work: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
    // A request whose client has gone does not open a transaction it would only roll back.
    if (requestSignal()?.aborted) throw new RequestAbandonedError();
    return this.source.transaction((manager) => work(new ScopedTransaction(manager, () => this.context)));
  }

  /** Writes of tables outside any case (sessions, passwords), each statement on its own. */
  async execute<Row = unknown>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    refuseCaseScoped(sql, 'execute');
    return run<Row>(this.source, sql, parameters);
  }

  /** Audit events outside a transaction (a login, a read), e.g. after the refusal of a write. */
  audit(entry: AuditEntry): Promise<void> {
    return writeAuditEvent(this.source.manager, this.context, entry);
  }

  /**
   * The same database for a context derived from this request's with an access scope of its own (the
   * tenant export reads as its organisation): reads through it need predicates of that scope.
   */
  derivedFor(contextOf: () => RequestContext): ScopedDatabase {
    const own = this.context.access;
    return new ScopedDatabase(this.dataSource, () => {
      const derived = contextOf();
      // Only this request's own scope, or one derived from it (AccessScope.forTenantExport): never a
      // scope built for some other actor, which would let a feature read as someone it is not.
      if (derived.access !== own && derived.access.derivedFrom !== own)
        throw new AccessGatewayError('A derived gateway must keep the request’s own access scope.');
      return derived;
    });
  }

  /** A refused read of a case by id: audited as ACCESS_DENIED, naming the case when it exists. */
  recordRefusedCaseAccess(caseId: string, attempted: string): Promise<void> {
    return recordRefusedCaseAccess(this.source, this.context, caseId, attempted);
  }
}

/** A case write holds this until its transaction ends: proof that the rule allowed it on this case. */
export interface LockedCase {
  readonly id: string;
  readonly reference: string;
  readonly tenantId: string;
  readonly originOrgId: string;
  readonly status: CaseStatus;
  readonly crisis: boolean;
  readonly version: number;
  readonly helpRequestedAt: Date | null;
  readonly firstConversationAt: Date | null;
  /** The id of the locked row when the subject was a row (an action item, a referral, a consent). */
  readonly rowId: string | null;
  readonly [lockedBrand]: ScopedTransaction;
}
declare const lockedBrand: unique symbol;
const LOCK_OWNER = Symbol('lock owner');

/** Permission to create a new case: there is no row to lock yet. */
export interface CaseCreation {
  readonly [creationBrand]: ScopedTransaction;
}
declare const creationBrand: unique symbol;

/** Case writes the rule names per case (`casesFor`). */
export type CaseWriteAction =
  'workSignal' | 'refer' | 'transition' | 'assign' | 'manageArrears' | 'manageConsents';

/** Rows of these tables can be the subject of a lock, each joined to its case by `case_id`. */
export type LockableRowTable =
  | 'action_plan'
  | 'action_plan_goal'
  | 'action_item'
  | 'payment_arrangement'
  | 'instalment'
  | 'arrangement_milestone';

/** One row of a case, under its category's row rule, joined to its case by `case_id`. */
export interface LockableRow {
  readonly category: DataCategory;
  readonly table: LockableRowTable;
  /** Find the row by its id, or (a one-per-case row such as the plan) by its case. */
  readonly by: 'id' | 'case_id';
}

/**
 * What a write locks, under which rule:
 * - `('read', 'Case', caseId)`: the case is visible (a note for the own organisation);
 * - `('read', <category>, caseId)`: the case and that category are readable (co-editing a section);
 * - `('read', { category, table, by }, key)`: one row under the category's row rule;
 * - `(<write action>, { category, table, by }, key)`: that row, and the rule's write action on its case
 *   (a payment on an instalment: the row is visible, and `manageArrears` on the case);
 * - `(<write action>, 'Case', caseId)`: the rule's write action on the case;
 * - `('respond' | 'withdraw', 'Referral', referralId)`: answering or taking back a referral;
 * - `('withdraw', 'Consent', consentId)`: withdrawing a consent the actor may read and manage.
 */
export type LockRequest =
  | { readonly action: 'read'; readonly subject: 'Case' | DataCategory }
  | { readonly action: 'read'; readonly subject: LockableRow }
  | { readonly action: CaseWriteAction; readonly subject: LockableRow }
  | { readonly action: CaseWriteAction; readonly subject: 'Case' }
  | { readonly action: 'respond' | 'withdraw'; readonly subject: 'Referral' }
  | { readonly action: 'withdraw'; readonly subject: 'Consent' };

export interface Refusal {
  /** Audit: what was attempted (the mutation's name). */
  readonly attempted: string;
  /** Audit: the kind of thing refused; defaults to the subject's (case, referral, consent, the row's table). */
  readonly entityType?: string;
  /** The NOT_FOUND answer's noun ("Dossier", "Actie"), identical whether missing or invisible. */
  readonly notFound?: string;
  /** When set, an actor who can see the case (but not do this) is answered FORBIDDEN with this. */
  readonly forbiddenWhenVisible?: string;
}

interface LockedRow {
  id: string;
  reference: string;
  tenant_id: string;
  origin_org_id: string;
  status: CaseStatus;
  crisis: boolean;
  version: number;
  help_requested_at: Date | null;
  first_conversation_at: Date | null;
  row_id: string | null;
}

const CASE_COLUMNS = `c.id, c.reference, c.tenant_id, c.origin_org_id, c.status, c.crisis, c.version,
  c.help_requested_at, c.first_conversation_at`;

/** A transaction through the gateway: locks under the rule, then writes confined to the locked case. */
export class ScopedTransaction extends GatewayReads {
  constructor(
    private readonly manager: EntityManager,
    contextOf: () => RequestContext,
  ) {
    super(manager, contextOf);
  }

  /**
   * Locks the case (`SELECT … FOR UPDATE`) under the rule of `request`, so the rule is checked against
   * the actual row inside the write's transaction and concurrent writes on one case take turns.
   *
   * Refused: NOT_FOUND when the actor may not see the case (identical to one that does not exist), or
   * FORBIDDEN when it may see it and the refusal says so. Either is recorded as ACCESS_DENIED through
   * the request's audit buffer (written when the response is sent, so it survives this transaction's
   * rollback), naming the case when it exists, so its privacy officers can see the attempt.
   */
  async lockFor(request: LockRequest, key: string, refusal: Refusal): Promise<LockedCase> {
    const { access } = this.context;
    const bag = new ParameterBag();
    let sql: string;
    let keyCase: string; // SQL that finds the case id of `key`, for the refusal
    const subject = request.subject;
    if (typeof subject === 'object') {
      const write =
        isRowLock(request) && request.action !== 'read'
          ? `AND ${access.casesFor(request.action, 'c', bag)}`
          : '';
      sql = `SELECT ${CASE_COLUMNS}, x.id AS row_id
               FROM ${subject.table} x JOIN case_file c ON c.id = x.case_id
              WHERE x.${subject.by} = :key ${write}
                AND ${access.readableRow(subject.category, 'c', 'x.origin_org_id', bag)}
              FOR UPDATE OF c`;
      keyCase = `SELECT case_id FROM ${subject.table} WHERE ${subject.by} = $1`;
    } else if (subject === 'Referral') {
      sql = `SELECT ${CASE_COLUMNS}, r.id AS row_id
               FROM referral r JOIN case_file c ON c.id = r.case_id
              WHERE r.id = :key AND ${access.referralsFor(request.action, 'r', bag)}
                AND ${access.readableCases('c', bag)}
              FOR UPDATE OF c, r`;
      keyCase = `SELECT case_id FROM referral WHERE id = $1`;
    } else if (subject === 'Consent') {
      sql = `SELECT ${CASE_COLUMNS}, k.id AS row_id
               FROM consent k JOIN case_file c ON c.id = k.case_id
              WHERE k.id = :key AND ${access.readableConsents('k', bag)} AND ${access.casesFor('manageConsents', 'c', bag)}
              FOR UPDATE OF c, k`;
      keyCase = `SELECT case_id FROM consent WHERE id = $1`;
    } else {
      const predicate =
        request.action === 'read'
          ? subject === 'Case'
            ? access.readableCases('c', bag)
            : access.readableSection(subject, 'c', bag)
          : access.casesFor(request.action, 'c', bag);
      sql = `SELECT ${CASE_COLUMNS}, NULL::uuid AS row_id FROM case_file c WHERE c.id = :key AND ${predicate} FOR UPDATE OF c`;
      keyCase = `SELECT id AS case_id FROM case_file WHERE id = $1`;
    }
    if (isUuid(key)) {
      const [row] = await run<LockedRow>(this.manager, sql, { ...bag.values, key });
      if (row) return this.locked(row);
    }
    throw await this.refuse(request, key, keyCase, refusal);
  }

  private locked(row: LockedRow): LockedCase {
    const locked = {
      id: row.id,
      reference: row.reference,
      tenantId: row.tenant_id,
      originOrgId: row.origin_org_id,
      status: row.status,
      crisis: row.crisis,
      version: row.version,
      helpRequestedAt: row.help_requested_at,
      firstConversationAt: row.first_conversation_at,
      rowId: row.row_id,
    };
    Object.defineProperty(locked, LOCK_OWNER, { value: this, enumerable: false });
    return locked as unknown as LockedCase;
  }

  private async refuse(request: LockRequest, key: string, keyCase: string, refusal: Refusal): Promise<Error> {
    const subject = request.subject;
    const entityType =
      refusal.entityType ??
      (typeof subject === 'object'
        ? subject.table.replaceAll('_', '-')
        : subject === 'Referral'
          ? 'referral'
          : subject === 'Consent'
            ? 'consent'
            : 'case');
    let caseId: string | null = null;
    let visible = false;
    if (isUuid(key)) {
      caseId = (await run<{ case_id: string }>(this.manager, keyCase, [key]))[0]?.case_id ?? null;
      if (caseId) {
        const bag = new ParameterBag();
        // Visible means: the thing asked for may be read (a row under its category's rule), so a
        // FORBIDDEN answer never tells of a row the actor may not see.
        const row =
          subject === 'Referral'
            ? `AND EXISTS (SELECT 1 FROM referral r WHERE r.id = :key AND ${this.context.access.readableReferrals('r', bag)})`
            : typeof subject === 'object'
              ? `AND EXISTS (SELECT 1 FROM ${subject.table} x WHERE x.${subject.by} = :key AND x.case_id = c.id
                   AND ${this.context.access.readableRow(subject.category, 'c', 'x.origin_org_id', bag)})`
              : '';
        const [found] = await run<{ id: string }>(
          this.manager,
          `SELECT c.id FROM case_file c WHERE c.id = :caseId AND ${this.context.access.readableCases('c', bag)} ${row}`,
          { ...bag.values, caseId, key },
        );
        visible = Boolean(found);
      }
    }
    this.context.readAudit.record({
      action: 'ACCESS_DENIED',
      entityType,
      entityId: isUuid(key) ? key : null,
      ...(caseId ? { caseId } : {}),
      details: { attempted: refusal.attempted },
    });
    if (visible && refusal.forbiddenWhenVisible) return new ForbiddenError(refusal.forbiddenWhenVisible);
    return new NotFoundError(refusal.notFound);
  }

  /** Permission to open a new case (the rule's `create Case`); FORBIDDEN otherwise. */
  authorizeCaseCreation(message: string): CaseCreation {
    if (!this.context.access.mayCreateCases()) throw new ForbiddenError(message);
    const creation = {};
    Object.defineProperty(creation, LOCK_OWNER, { value: this, enumerable: false });
    return creation as CaseCreation;
  }

  private requireOwnLock(lock: LockedCase | CaseCreation, sql: string, parameters: Parameters): void {
    if ((lock as unknown as Record<symbol, unknown>)[LOCK_OWNER] !== this)
      throw new AccessGatewayError('A write needs a lock taken in this very transaction.');
    if ('id' in lock && caseScopedTableIn(sql)) {
      const values = parameterValues(parameters);
      if (!values.includes(lock.id))
        throw new AccessGatewayError(
          'A statement on case data inside a lock must name the locked case (pass its id as a parameter).',
        );
    }
  }

  /** Reads rows of the locked case (the statement must name the case's id as a parameter). */
  async readLocked<Row>(lock: LockedCase, sql: string, parameters: Parameters): Promise<Row[]> {
    this.requireOwnLock(lock, sql, parameters);
    return run<Row>(this.manager, sql, parameters);
  }

  /**
   * Writes the locked case's rows (the statement must name the case's id as a parameter), or a new
   * case's rows under a `CaseCreation`.
   */
  async write<Row = unknown>(
    lock: LockedCase | CaseCreation,
    sql: string,
    parameters: Parameters,
  ): Promise<Row[]> {
    this.requireOwnLock(lock, sql, parameters);
    return run<Row>(this.manager, sql, parameters);
  }

  /** Writes tables outside any case (an organisation's import log, a session). */
  async execute<Row = unknown>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    refuseCaseScoped(sql, 'execute');
    return run<Row>(this.manager, sql, parameters);
  }

  /** The audit event of this transaction's change: committed or rolled back with it. */
  audit(entry: AuditEntry): Promise<void> {
    return writeAuditEvent(this.manager, this.context, entry);
  }

  auditAll(entries: readonly AuditEntry[]): Promise<void> {
    return writeAuditEvents(this.manager, this.context, entries);
  }

  // Bulk writes (the arrears import): many cases in one set-based statement, each under the rule.

  /**
   * Locks those of `caseIds` on which the rule allows `action`, in one `SELECT … FOR UPDATE`. The
   * others are left out, not refused: a bulk write reports them row by row (nothing is audited here).
   */
  async lockAllFor(action: CaseWriteAction, caseIds: readonly string[]): Promise<LockedCase[]> {
    const keys = caseIds.filter((id) => isUuid(id));
    if (keys.length === 0) return [];
    const bag = new ParameterBag();
    const rows = await run<LockedRow>(
      this.manager,
      `SELECT ${CASE_COLUMNS}, NULL::uuid AS row_id FROM case_file c
        WHERE c.id = ANY(CAST(:keys AS uuid[])) AND ${this.context.access.casesFor(action, 'c', bag)}
        FOR UPDATE OF c`,
      { ...bag.values, keys },
    );
    return rows.map((row) => this.locked(row));
  }

  /** Reads rows of several locked cases; the statement must name every one of them as a parameter. */
  readLockedAll<Row>(locks: readonly LockedCase[], sql: string, parameters: Parameters): Promise<Row[]> {
    this.requireOwnLocks(locks, parameters);
    return run<Row>(this.manager, sql, parameters);
  }

  /** Writes rows of several locked cases; the statement must name every one of them as a parameter. */
  writeAll<Row = unknown>(locks: readonly LockedCase[], sql: string, parameters: Parameters): Promise<Row[]> {
    this.requireOwnLocks(locks, parameters);
    return run<Row>(this.manager, sql, parameters);
  }

  /**
   * What opening cases must know before it writes: the creating organisation's own records (its
   * contracts, and whether one already has an open dossier, whoever works it), so no contract gets a
   * second dossier. The statement must name the organisation (its id as a parameter).
   */
  readForCreation<Row>(creation: CaseCreation, sql: string, parameters: Parameters): Promise<Row[]> {
    this.requireOwnLock(creation, sql, parameters);
    const organizationId = this.context.actor?.membership?.organizationId;
    if (!organizationId || !parameterValues(parameters).includes(organizationId))
      throw new AccessGatewayError('A read for a case creation must name the creating organisation.');
    return run<Row>(this.manager, sql, parameters);
  }

  private requireOwnLocks(locks: readonly LockedCase[], parameters: Parameters): void {
    if (locks.length === 0) throw new AccessGatewayError('A bulk statement needs at least one locked case.');
    const named = new Set(parameterValues(parameters));
    for (const lock of locks) {
      if ((lock as unknown as Record<symbol, unknown>)[LOCK_OWNER] !== this)
        throw new AccessGatewayError('A write needs a lock taken in this very transaction.');
      if (!named.has(lock.id))
        throw new AccessGatewayError('A bulk statement must name every locked case (pass their ids).');
    }
  }
}

/** A lock of one row (TypeScript does not narrow the request on its subject's type by itself). */
function isRowLock(request: LockRequest): request is Extract<LockRequest, { readonly subject: LockableRow }> {
  return typeof request.subject === 'object';
}

/** Nothing more happens to a closed dossier. */
export function refuseClosed(
  locked: Pick<LockedCase, 'status'>,
  message: string,
  fieldMessage = 'Het dossier is afgesloten.',
): void {
  if (locked.status === 'CLOSED') throw new BadUserInputError(message, { caseId: fieldMessage });
}

/**
 * The system's own database access (scheduled jobs, the demo seed, the audit sealer, the CLI): no actor
 * and no rule, because the work is not done for a user. Only the app's wiring creates one, from the
 * DataSource that features cannot import.
 */
export class SystemDatabase {
  constructor(private readonly dataSource: DataSource) {}

  /** Any statement: system work is not bound by a user's rule. */
  run<Row>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    return run<Row>(this.dataSource, sql, parameters);
  }

  transaction<T>(work: (tx: SystemTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new SystemTransaction(manager)));
  }

  repository<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): Repository<Entity> {
    return this.dataSource.getRepository(target);
  }

  /**
   * One short page transaction of a job (core/jobs/batches.ts: timeouts, cancelled on the server when
   * `signal` aborts).
   */
  inBatchTransaction<T>(
    signal: AbortSignal | undefined,
    work: (tx: SystemTransaction) => Promise<T>,
  ): Promise<T> {
    return inBatchTransaction(this.dataSource, signal, (manager) => work(new SystemTransaction(manager)));
  }

  /** Walks a job's work page by page (core/jobs/batches.ts), each page in a transaction of its own. */
  processInBatches<Item, Done = void>(
    loop: SystemBatchLoop<Item, Done>,
    options: {
      readonly signal?: AbortSignal | undefined;
      readonly batchSize?: number | undefined;
      readonly startAfter?: string | null;
      readonly logger?: Logger | undefined;
    } = {},
  ): Promise<BatchProgress> {
    return processInBatches<Item, Done>(
      this.dataSource,
      {
        ...loop,
        select: (manager, after, limit) => loop.select(new SystemTransaction(manager), after, limit),
        process: (manager, items) => loop.process(new SystemTransaction(manager), items),
      },
      options,
    );
  }
}

/** A job's page loop (core/jobs/batches.ts `BatchLoop`) on the SystemDatabase's transactions. */
export interface SystemBatchLoop<Item, Done = void> extends Omit<
  BatchLoop<Item, Done>,
  'select' | 'process'
> {
  readonly select: (tx: SystemTransaction, after: string | null, limit: number) => Promise<Item[]>;
  readonly process: (tx: SystemTransaction, items: readonly Item[]) => Promise<Done>;
}

export class SystemTransaction {
  constructor(private readonly manager: EntityManager) {}

  run<Row>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    return run<Row>(this.manager, sql, parameters);
  }

  repository<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): Repository<Entity> {
    return this.manager.getRepository(target);
  }

  audit(context: RequestContext, entry: AuditEntry): Promise<void> {
    return writeAuditEvent(this.manager, context, entry);
  }

  auditAll(context: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
    return writeAuditEvents(this.manager, context, entries);
  }

  /** Inserts rows, leaving those whose key exists as they are (ON CONFLICT DO NOTHING): idempotent seeding. */
  async insertMissing<Entity extends ObjectLiteral>(
    target: EntityTarget<Entity>,
    rows: Entity[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.createQueryBuilder().insert().into(target).values(rows).orIgnore().execute();
  }
}
