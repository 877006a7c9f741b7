import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The repository's ESLint configuration keeps the server's layers apart: core/ imports no feature and
 * not app/ (the composition root), a feature does not import app/, and a feature imports another one
 * only through its entry (`../<feature>/index.js`), never a file inside it (its tests may). These tests lint small sources
 * as if they were files of the server, with the configuration's own import restrictions (its blocks
 * that set `no-restricted-imports`, with their file globs), and read which imports are reported. The
 * type-aware rules are left out: they need the file on disk, and they are not what is tested here.
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function importRestrictions(): Promise<Linter.Config[]> {
  const configFile = pathToFileURL(path.join(repositoryRoot, 'eslint.config.js')).href;
  const { default: config } = (await import(configFile)) as { default: Linter.Config[] };
  const restrictions = config.filter((block) => block.rules?.['no-restricted-imports'] !== undefined);
  expect(restrictions.length).toBeGreaterThan(0);
  return restrictions;
}

const eslint = new ESLint({
  cwd: repositoryRoot,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...(await importRestrictions()),
  ],
});

/** The import sources that `no-restricted-imports` reports in `source`, linted as the file at `file`. */
async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repositoryRoot, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((message) => message.message).join('\n'));
  return messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => source.split('\n')[message.line - 1]?.match(/'([^']+)'/)?.[1] ?? '');
}

const source = (...imports: string[]) =>
  `${imports.join('\n')}\n\nexport const used = [${imports.map((_, index) => `a${index}`).join(', ')}];\n`;

describe('server layers (eslint.config.js)', () => {
  it('reports core code that imports a feature or app/', async () => {
    const reported = await restrictedImports(
      'server/src/core/http/example.ts',
      source(
        "import { Case as a0 } from '../../features/cases/case.entity.js';",
        "import { createServices as a1 } from '../../app/services.js';",
        "import { AccessScope as a2 } from '../authz/access-scope.js';",
        "import { startApp as a3 } from './app.js';",
      ),
    );
    expect(reported).toEqual(['../../features/cases/case.entity.js', '../../app/services.js']);
  });

  it('holds core tests to it as well', async () => {
    const reported = await restrictedImports(
      'server/src/core/example.test.ts',
      source(
        "import { seedDemoWorld as a0 } from '../features/demo/seed-demo.js';",
        "import { startTestApp as a1 } from '../testing/test-app.js';",
      ),
    );
    expect(reported).toEqual(['../features/demo/seed-demo.js']);
  });

  it("reports a feature that imports app/, not one that imports core or another feature's entry", async () => {
    const reported = await restrictedImports(
      'server/src/features/notes/example.ts',
      source(
        "import { FEATURES as a0 } from '../../app/features.js';",
        "import { writeAuditEvent as a1 } from '../../core/audit/audit-writer.js';",
        "import { CaseType as a2 } from '../cases/index.js';",
      ),
    );
    expect(reported).toEqual(['../../app/features.js']);
  });

  it('reports a feature that imports a file inside another feature instead of its entry', async () => {
    const reported = await restrictedImports(
      'server/src/features/notes/example.service.ts',
      source(
        "import { CaseSectionsService as a0 } from '../cases/case-sections.service.js';",
        "import type { ContactRow as a1 } from '../cases/case-sections.service.js';",
        "import { Case as a2 } from '../../features/cases/index.js';",
        "import { CaseSectionsService as a3, type ContactSectionType as a4 } from '../cases/index.js';",
        "import { CaseNote as a5 } from './case-note.entity.js';",
        "import { ScopedTransaction as a6 } from '../../core/db/gateway.js';",
      ),
    );
    expect(reported).toEqual([
      '../cases/case-sections.service.js',
      '../cases/case-sections.service.js',
      '../../features/cases/index.js',
    ]);
  });

  it("reports a feature's entry that passes on another feature's file", async () => {
    const reported = await restrictedImports(
      'server/src/features/notes/index.ts',
      "export { Case } from '../cases/case.entity.js';\nexport { CaseNote } from './case-note.entity.js';\n",
    );
    expect(reported).toEqual(['../cases/case.entity.js']);
  });

  it("lets a feature's tests and fixtures reach into another feature", async () => {
    for (const file of [
      'server/src/features/notes/example.test.ts',
      'server/src/features/notes/example.fixtures.ts',
    ]) {
      const reported = await restrictedImports(
        file,
        source("import { CaseSectionsService as a0 } from '../cases/case-sections.service.js';"),
      );
      expect(reported).toEqual([]);
    }
  });

  it('lets app/ import core and the features', async () => {
    const reported = await restrictedImports(
      'server/src/app/example.ts',
      source(
        "import { notesFeature as a0 } from '../features/notes/notes.feature.js';",
        "import { startApp as a1 } from '../core/http/app.js';",
      ),
    );
    expect(reported).toEqual([]);
  });
});
