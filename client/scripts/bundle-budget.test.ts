// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { CLIENT_DIR, FIRST_LOAD_BUDGET_BYTES, caseFirstLoad, filesLoadedBy } from './bundle-budget.mjs';

describe('the first-load budget of a case page', () => {
  it('counts an entry with its stylesheets and static imports, not what it imports on demand', () => {
    const manifest = {
      'index.html': { file: 'assets/index.js', css: ['assets/index.css'], imports: ['_session.js'] },
      '_session.js': { file: 'assets/session.js', imports: ['_runtime.js'] },
      '_runtime.js': { file: 'assets/runtime.js' },
      'src/features/cases/CasePage.tsx': {
        file: 'assets/CasePage.js',
        css: ['assets/CasePage.css'],
        imports: ['_session.js', '_FormShell.js'],
        dynamicImports: ['src/lib/calendar.ts'],
      },
      '_FormShell.js': { file: 'assets/FormShell.js' },
      'src/lib/calendar.ts': { file: 'assets/calendar.js' },
    };
    expect(filesLoadedBy(manifest, ['index.html', 'src/features/cases/CasePage.tsx'])).toEqual([
      'assets/CasePage.css',
      'assets/CasePage.js',
      'assets/FormShell.js',
      'assets/index.css',
      'assets/index.js',
      'assets/runtime.js',
      'assets/session.js',
    ]);
    expect(() => filesLoadedBy(manifest, ['src/features/cases/Gone.tsx'])).toThrow(
      /not in the build's manifest/,
    );
  });

  it(`stays within ${FIRST_LOAD_BUDGET_BYTES / 1000} KB of compressed JS and CSS in a production build`, async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'vangnet-client-budget-'));
    try {
      // In a process of its own, as `pnpm build` runs it: inside Vitest, NODE_ENV is `test`, which would
      // build React's development code instead of what ships.
      const env = { ...process.env };
      delete env.NODE_ENV;
      const viteDir = path.dirname(
        createRequire(path.join(CLIENT_DIR, 'package.json')).resolve('vite/package.json'),
      );
      const vite = path.join(viteDir, 'bin/vite.js');
      await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
        cwd: CLIENT_DIR,
        env,
      });
      const { files, totalBytes } = caseFirstLoad(outDir);
      expect(files.map(({ file }) => file)).toContainEqual(
        expect.stringMatching(/^assets\/CasePage-.*\.js$/),
      );
      expect(totalBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 300_000);
});
