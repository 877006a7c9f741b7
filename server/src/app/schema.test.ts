import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../core/config.js';
import { printSortedSchema } from '../core/graphql/schema.js';
import { buildAppSchema } from './schema.js';

describe('server/schema.graphql', () => {
  it('is the SDL the server builds (run `pnpm schema:emit` after changing the API)', async () => {
    const committed = await readFile(path.join(REPO_ROOT, 'server', 'schema.graphql'), 'utf8');
    expect(printSortedSchema(await buildAppSchema())).toBe(committed);
  });
});
