import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
  /** True when the count stopped at its cap: there are more than totalCount. */
  totalCountCapped: boolean;
}

/** A Relay-style cursor connection type for one node type (docs/product.md §8). */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, {
      description:
        'How many items match, counted up to a cap on long lists (then totalCountCapped is true and there are more).',
    })
    totalCount: number;

    @Field(() => Boolean, {
      description: 'True when totalCount stopped at its cap: there are more items than it says.',
    })
    totalCountCapped: boolean;
  }
  return ConnectionClass;
}

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first moet tussen 1 en ${MAX_PAGE_SIZE} liggen.`, {
      first: `Kies een aantal van 1 tot en met ${MAX_PAGE_SIZE}.`,
    });
  }
  return first;
}

/** Cursors are opaque to clients: base64url of a key the server sorts on. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('v1:'))
    throw new BadUserInputError('Ongeldige cursor.', { after: 'Deze cursor is ongeldig.' });
  return decoded.slice(3);
}
