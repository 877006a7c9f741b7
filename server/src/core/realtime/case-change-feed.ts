import { DATA_CATEGORIES, isUuid, type DataCategory } from '@vangnet/shared';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccessScope } from '../authz/access-scope.js';
import type { Clock } from '../clock.js';
import { ParameterBag } from '../authz/casl-sql-compiler.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { NotFoundError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { accessActorOf, requireMembership, type Actor, type RequestContext } from '../request-context.js';
import { CATEGORY_SOURCES } from '../authz/subject-mappings.js';
import type { CaseChange, CaseEventBus, ChangedRows } from './case-events.js';

const CATEGORIES: ReadonlySet<string> = new Set(DATA_CATEGORIES);

/**
 * What a subscriber is told: the case, its version, and only the facets it may read. `resync` says that
 * changes may have been missed (the server's listener was cut off and is back): re-read everything shown.
 */
export interface CaseChangedPayload {
  readonly caseId: string;
  readonly version: number;
  readonly changed: string[];
  readonly resync: boolean;
}

/** The subscriber's session, asked again at every event. */
export interface LiveSession {
  /**
   * The actor of the session now; null when the session was revoked or expired, in which case the
   * connection has been ended as unauthorised.
   */
  currentActor(): Promise<Actor | null>;
}

/** The GraphQL context of an operation that arrived over the WebSocket. */
export interface LiveGraphQLContext extends GraphQLContext {
  readonly live: { readonly feed: CaseChangeFeed; readonly session: LiveSession };
}

export function isLiveContext(context: GraphQLContext): context is LiveGraphQLContext {
  return 'live' in context;
}

const SESSION_ENDED = Symbol('session ended');
const MIN_RETRY_DELAY_MS = 250;
const MAX_RETRY_DELAY_MS = 5_000;
type Outcome = CaseChangedPayload | null | typeof SESSION_ENDED;

/**
 * Live changes of one case for one subscriber. Every change is re-decided for this subscriber when it is
 * about to be delivered: its session is read again (revoked or expired ends the subscription), its access
 * rule is built afresh at that moment (a withdrawn or expired consent applies at once), and SQL says
 * whether it may still see the case and which of the changed categories it may read — for a change that
 * names its rows, whether it may read at least one of them. A facet that is not a data category (such as
 * 'status') is passed on when the case is visible. When nothing remains, nothing is sent: a subscriber
 * who may read nothing of a change does not even learn that it happened.
 */
export class CaseChangeFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: CaseEventBus,
  ) {}

  /** A case the subscriber may not see answers exactly like one that does not exist. */
  async open(
    context: RequestContext,
    session: LiveSession,
    caseId: string,
  ): Promise<AsyncIterableIterator<CaseChangedPayload>> {
    requireMembership(context);
    const decision = isUuid(caseId) ? await this.decide(context.access, caseId, []) : null;
    if (!decision?.readable) throw new NotFoundError();
    return new CaseChangeStream(
      this.bus,
      caseId,
      (pending) => this.visiblePart(session, caseId, pending, context.clock),
      context.logger,
    );
  }

  private async visiblePart(
    session: LiveSession,
    caseId: string,
    pending: Pending,
    clock: Clock,
  ): Promise<Outcome> {
    const actor = await session.currentActor();
    if (!actor) return SESSION_ENDED;
    const access = AccessScope.for(accessActorOf(actor), clock.now());
    const facets = pending.change?.changed ?? [];
    const categories = [...new Set(facets.filter((facet) => CATEGORIES.has(facet)))] as DataCategory[];
    const decision = await this.decide(access, caseId, categories, pending.change?.rows ?? []);
    if (!decision?.readable) return null;
    const changed = [...new Set(facets)].filter(
      (facet) => !CATEGORIES.has(facet) || decision.categories.has(facet as DataCategory),
    );
    // A resync goes out even when nothing specific is known: the subscriber re-reads the case as it is now.
    if (pending.resync)
      return {
        caseId,
        version: Math.max(decision.version, pending.change?.version ?? 0),
        changed,
        resync: true,
      };
    return changed.length > 0 && pending.change
      ? { caseId, version: pending.change.version, changed, resync: false }
      : null;
  }

  /**
   * One SQL decision: may the actor see the case, and which of these categories may it read. A category
   * whose changed rows are named counts only when the actor may read at least one of those rows (a note
   * for another organisation, or one it has no consent for, says nothing to it); any other category
   * counts when the actor may read its section.
   */
  private async decide(
    access: AccessScope,
    caseId: string,
    categories: readonly DataCategory[],
    rows: readonly ChangedRows[] = [],
  ): Promise<{ readable: boolean; version: number; categories: Set<DataCategory> } | null> {
    const bag = new ParameterBag();
    const rowIds: Record<string, string[]> = {};
    const categoryColumn = (category: DataCategory): string => {
      const named = rows.filter((entry) => entry.category === category);
      if (named.length === 0) return access.readableSection(category, 'c', bag);
      const exists = named.map((entry) => {
        const source = CATEGORY_SOURCES[category].find(({ table }) => table === entry.table);
        if (!source) return 'FALSE'; // a table that does not hold this category: nothing to read there
        const idsName = `liveRows${Object.keys(rowIds).length}`;
        rowIds[idsName] = [...entry.ids];
        const visibility = entry.table === 'case_note' ? 'r.visibility' : undefined;
        return `EXISTS (SELECT 1 FROM ${source.table} r WHERE r.id IN (:...${idsName}) AND ${source.link('r', 'c')} AND ${access.readableRow(category, 'c', 'r.origin_org_id', bag, visibility)})`;
      });
      return `(${exists.join(' OR ')})`;
    };
    const columns = [
      `${access.readableCases('c', bag)} AS readable`,
      'c.version AS version',
      ...categories.map((category, index) => `${categoryColumn(category)} AS "f${index}"`),
    ];
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT ${columns.join(', ')} FROM case_file c WHERE c.id = :liveCaseId`,
      { ...bag.values, ...rowIds, liveCaseId: caseId },
      {},
    );
    const [row] = await this.dataSource.query<Record<string, boolean | number>[]>(sql, parameters);
    if (!row) return null;
    return {
      readable: row.readable === true,
      version: Number(row.version),
      categories: new Set(categories.filter((_category, index) => row[`f${index}`] === true)),
    };
  }
}

/** What waits to be delivered to one subscriber: the changes folded into one, and whether to resync. */
interface Pending {
  readonly change: CaseChange | null;
  readonly resync: boolean;
}

/** The categories of a change that are decided for their whole section (no changed rows named). */
function sectionWide(change: CaseChange): Set<string> {
  const withRows = new Set((change.rows ?? []).map((entry) => entry.category));
  return new Set(change.changed.filter((facet) => !withRows.has(facet)));
}

/**
 * Two changes folded into one. Changed rows are kept per category and table, unless one of the two
 * changed the category's section as a whole: then the whole section decides, as it would have alone.
 */
function merge(earlier: CaseChange | null, later: CaseChange | null): CaseChange | null {
  if (!earlier || !later) return earlier ?? later;
  const wide = new Set([...sectionWide(earlier), ...sectionWide(later)]);
  const rows = new Map<string, { category: string; table: string; ids: Set<string> }>();
  for (const entry of [...(earlier.rows ?? []), ...(later.rows ?? [])]) {
    if (wide.has(entry.category)) continue;
    const key = `${entry.category}/${entry.table}`;
    const kept = rows.get(key) ?? { category: entry.category, table: entry.table, ids: new Set<string>() };
    for (const id of entry.ids) kept.ids.add(id);
    rows.set(key, kept);
  }
  return {
    caseId: later.caseId,
    version: Math.max(earlier.version, later.version),
    changed: [...new Set([...earlier.changed, ...later.changed])],
    ...(rows.size > 0
      ? { rows: [...rows.values()].map((entry) => ({ ...entry, ids: [...entry.ids] })) }
      : {}),
  };
}

/**
 * An async iterator over the changes of one case, pulled by graphql-ws. Changes that arrive while the
 * subscriber is still busy are folded into one ("these facets changed, up to this version"), so a slow
 * subscriber holds at most one pending change, never a growing queue. Each change is decided when it is
 * delivered, one at a time. A resync of the bus (it was cut off and is back) becomes one resync event,
 * folded in the same way.
 */
class CaseChangeStream implements AsyncIterableIterator<CaseChangedPayload> {
  private pending: Pending | null = null;
  private readonly waiters: {
    resolve: (result: IteratorResult<CaseChangedPayload>) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private busy = false;
  private finished = false;
  /** While the database is unreachable, decisions are retried with back-off instead of ending the stream. */
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs = 0;
  private readonly unsubscribe: () => void;

  constructor(
    bus: CaseEventBus,
    private readonly caseId: string,
    private readonly decide: (pending: Pending) => Promise<Outcome>,
    private readonly logger: Logger,
  ) {
    const fromChanges = bus.subscribe((change) => {
      if (change.caseId === caseId) this.offer({ change, resync: false });
    });
    const fromResyncs = bus.onResync(() => this.offer({ change: null, resync: true }));
    this.unsubscribe = () => {
      fromChanges();
      fromResyncs();
    };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<CaseChangedPayload> {
    return this;
  }

  next(): Promise<IteratorResult<CaseChangedPayload>> {
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.pump();
    });
  }

  return(): Promise<IteratorResult<CaseChangedPayload>> {
    this.finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(error?: unknown): Promise<IteratorResult<CaseChangedPayload>> {
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  private offer(next: Pending): void {
    if (this.finished) return;
    this.pending = this.pending
      ? { change: merge(this.pending.change, next.change), resync: this.pending.resync || next.resync }
      : next;
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.finished || this.retryTimer || !this.pending || this.waiters.length === 0) return;
    const pending = this.pending;
    this.pending = null;
    this.busy = true;
    this.decide(pending).then(
      (outcome) => {
        this.busy = false;
        this.retryDelayMs = 0;
        if (this.finished) return;
        if (outcome === SESSION_ENDED) {
          this.finish();
          return;
        }
        if (outcome) this.waiters.shift()?.resolve({ done: false, value: outcome });
        this.pump();
      },
      (error: unknown) => {
        this.busy = false;
        if (this.finished) return;
        if (isDatabaseUnavailable(error)) {
          // Nothing is delivered until the database answers again (fail closed); then one resync goes
          // out, so the subscriber re-reads instead of missing the change or losing its subscription.
          this.retryLater(error); // first: the timer holds pump() back until the wait is over
          this.offer({ change: pending.change, resync: true });
          return;
        }
        // Fail closed: nothing is delivered; the subscription ends with a generic error and the client
        // re-subscribes (and re-reads).
        this.logger.error({ err: error, caseId: this.caseId }, 'live updates: could not decide on a change');
        const waiter = this.waiters.shift();
        this.finish();
        waiter?.reject(new Error('live update could not be checked'));
      },
    );
  }

  /** Tries the pending decision again after a wait that grows from 250 ms to 5 s while the outage lasts. */
  private retryLater(error: unknown): void {
    this.retryDelayMs = Math.min(MAX_RETRY_DELAY_MS, Math.max(MIN_RETRY_DELAY_MS, this.retryDelayMs * 2));
    this.logger.warn(
      { err: error, caseId: this.caseId, retryInMs: this.retryDelayMs },
      'live updates: database unreachable; will resync the subscriber once it answers',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pending = null;
    this.unsubscribe();
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
  }
}
