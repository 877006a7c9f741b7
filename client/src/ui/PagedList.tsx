import type { ReactNode } from 'react';

import { LoadMoreButton } from './LoadMoreButton';
import { EmptyState, QueryError } from './QueryState';
import { Skeleton } from './Skeleton';

/** A cursor connection as the lists read it. */
export interface PagedConnection<Node> {
  readonly totalCount: number;
  readonly edges: readonly { readonly node: Node }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor?: string | null };
}

export interface PagedListProps<Node> {
  readonly connection: PagedConnection<Node> | undefined;
  /** "12 van 40 …": announced politely whenever the list grows or is filtered anew. */
  readonly count: (shown: number, total: number) => string;
  readonly empty: string;
  /** While the first page loads: a skeleton of the list's height, so nothing jumps. */
  readonly loading: { readonly label: string; readonly height: string };
  /** An error worth showing (the caller leaves out what it shows elsewhere, such as field errors). */
  readonly error?: unknown;
  readonly onRetry: () => void;
  /** Fetches the next page (the button is busy meanwhile). */
  readonly onLoadMore: () => Promise<unknown>;
  /** The table of the loaded rows. */
  readonly children: (nodes: Node[]) => ReactNode;
}

/**
 * One paginated list: the count in a live region, the error (above the rows it failed to refresh), the
 * empty state or the rows with "Meer laden", and a skeleton or the error before the first page.
 */
export function PagedList<Node>({
  connection,
  count,
  empty,
  loading,
  error,
  onRetry,
  onLoadMore,
  children,
}: PagedListProps<Node>) {
  return (
    <>
      <div aria-live="polite">
        {connection ? (
          <p className="utrecht-paragraph">{count(connection.edges.length, connection.totalCount)}</p>
        ) : null}
      </div>
      {connection ? (
        <>
          {error ? <QueryError error={error} onRetry={onRetry} /> : null}
          {connection.edges.length === 0 ? (
            <EmptyState>{empty}</EmptyState>
          ) : (
            <>
              {children(connection.edges.map((edge) => edge.node))}
              <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} onLoadMore={onLoadMore} />
            </>
          )}
        </>
      ) : error ? (
        <QueryError error={error} onRetry={onRetry} />
      ) : (
        <Skeleton height={loading.height} label={loading.label} />
      )}
    </>
  );
}
