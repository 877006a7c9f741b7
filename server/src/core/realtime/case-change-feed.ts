import { DATA_CATEGORIES, type DataCategory } from '@vangnet/shared';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccessScope } from '../authz/access-scope.js';
import type { Clock } from '../clock.js';
import { ParameterBag } from '../authz/casl-sql-compiler.js';
import { NotFoundError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { accessActorOf, requireMembership, type Actor, type RequestContext } from '../request-context.js';
import type { CaseChange, CaseEventBus } from './case-events.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORIES: ReadonlySet<string> = new Set(DATA_CATEGORIES);

/** What a subscriber is told: the case, its version, and only the facets it may read. */
export interface CaseChangedPayload {
  readonly caseId: string;
  readonly version: number;
  readonly changed: string[];
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
type Outcome = CaseChangedPayload | null | typeof SESSION_ENDED;

/**
 * Live changes of one case for one subscriber. Every change is re-decided for this subscriber when it is
 * about to be delivered: its session is read again (revoked or expired ends the subscription), its access
 * rule is built afresh at that moment (a withdrawn or expired consent applies at once), and SQL says
 * whether it may still see the case and which of the changed categories it may read. A facet that is
 * not a data category (such as 'status') is passed on when the case is visible. When nothing remains,
 * nothing is sent.
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
    const decision = UUID.test(caseId) ? await this.decide(context.access, caseId, []) : null;
    if (!decision?.readable) throw new NotFoundError();
    return new CaseChangeStream(
      this.bus,
      caseId,
      (change) => this.visiblePart(session, change, context.clock),
      context.logger,
    );
  }

  private async visiblePart(session: LiveSession, change: CaseChange, clock: Clock): Promise<Outcome> {
    const actor = await session.currentActor();
    if (!actor) return SESSION_ENDED;
    const access = AccessScope.for(accessActorOf(actor), clock.now());
    const categories = [
      ...new Set(change.changed.filter((facet) => CATEGORIES.has(facet))),
    ] as DataCategory[];
    const decision = await this.decide(access, change.caseId, categories);
    if (!decision?.readable) return null;
    const changed = [...new Set(change.changed)].filter(
      (facet) => !CATEGORIES.has(facet) || decision.categories.has(facet as DataCategory),
    );
    return changed.length > 0 ? { caseId: change.caseId, version: change.version, changed } : null;
  }

  /** One SQL decision: may the actor see the case, and which of these categories may it read. */
  private async decide(
    access: AccessScope,
    caseId: string,
    categories: readonly DataCategory[],
  ): Promise<{ readable: boolean; categories: Set<DataCategory> } | null> {
    const bag = new ParameterBag();
    const columns = [
      `${access.readableCases('c', bag)} AS readable`,
      ...categories.map((category, index) => `${access.readableSection(category, 'c', bag)} AS "f${index}"`),
    ];
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT ${columns.join(', ')} FROM case_file c WHERE c.id = :liveCaseId`,
      { ...bag.values, liveCaseId: caseId },
      {},
    );
    const [row] = await this.dataSource.query<Record<string, boolean>[]>(sql, parameters);
    if (!row) return null;
    return {
      readable: row.readable === true,
      categories: new Set(categories.filter((_category, index) => row[`f${index}`] === true)),
    };
  }
}

function merge(earlier: CaseChange, later: CaseChange): CaseChange {
  return {
    caseId: later.caseId,
    version: Math.max(earlier.version, later.version),
    changed: [...new Set([...earlier.changed, ...later.changed])],
  };
}

/**
 * An async iterator over the changes of one case, pulled by graphql-ws. Changes that arrive while the
 * subscriber is still busy are folded into one ("these facets changed, up to this version"), so a slow
 * subscriber holds at most one pending change, never a growing queue. Each change is decided when it is
 * delivered, one at a time.
 */
class CaseChangeStream implements AsyncIterableIterator<CaseChangedPayload> {
  private pending: CaseChange | null = null;
  private readonly waiters: {
    resolve: (result: IteratorResult<CaseChangedPayload>) => void;
    reject: (error: unknown) => void;
  }[] = [];
  private busy = false;
  private finished = false;
  private readonly unsubscribe: () => void;

  constructor(
    bus: CaseEventBus,
    caseId: string,
    private readonly decide: (change: CaseChange) => Promise<Outcome>,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.caseId === caseId) this.offer(change);
    });
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

  private offer(change: CaseChange): void {
    if (this.finished) return;
    this.pending = this.pending ? merge(this.pending, change) : change;
    this.pump();
  }

  private pump(): void {
    if (this.busy || this.finished || !this.pending || this.waiters.length === 0) return;
    const change = this.pending;
    this.pending = null;
    this.busy = true;
    this.decide(change).then(
      (outcome) => {
        this.busy = false;
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
        // Fail closed: nothing is delivered; the subscription ends with a generic error and the client
        // re-subscribes (and re-reads).
        this.logger.error(
          { err: error, caseId: change.caseId },
          'live updates: could not decide on a change',
        );
        const waiter = this.waiters.shift();
        this.finish();
        waiter?.reject(new Error('live update could not be checked'));
      },
    );
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.pending = null;
    this.unsubscribe();
    for (const waiter of this.waiters.splice(0)) waiter.resolve({ done: true, value: undefined });
  }
}
