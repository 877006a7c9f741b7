import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = path.resolve(import.meta.dirname, '../..');

describe('generated GraphQL types of the server tests (src/testing/gql/)', () => {
  it('match schema.graphql and the operations the tests send — run `pnpm --filter @vangnet/server codegen` when this fails', async () => {
    // Run as the script itself, the way a developer runs it: the check compares the committed files
    // with a fresh generation and exits non-zero, naming the stale files, when they differ.
    const outcome = await promisify(execFile)(process.execPath, ['scripts/codegen.mjs', '--check'], {
      cwd: SERVER_DIR,
    }).then(
      ({ stdout }) => ({ ok: true, output: stdout }),
      (error: Error & { stderr?: string }) => ({ ok: false, output: error.stderr || error.message }),
    );
    expect(outcome.output).toContain('up to date');
    expect(outcome.ok).toBe(true);
  }, 60_000);
});
