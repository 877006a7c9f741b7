/** Page sizes of every connection (`first`); apart from connection.ts so the request limits can use them without loading type-graphql. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
