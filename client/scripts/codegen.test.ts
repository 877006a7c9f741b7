// @vitest-environment node
import { describe, expect, it } from 'vitest';

import { staleClientTypes } from './codegen.mjs';

describe('generated GraphQL types (src/gql/)', () => {
  it('match ../server/schema.graphql and the documents in src/ — run `pnpm --filter @vangnet/client codegen` when this fails', async () => {
    expect(await staleClientTypes()).toEqual([]);
  }, 60_000);
});
