// @vitest-environment node
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The repository's ESLint configuration keeps the features apart: a feature imports another one only
 * through its entry (`../<feature>`, the folder's index.ts). These tests lint small sources as if they
 * were files of the client, with the configuration's own import restrictions (its blocks that set
 * `no-restricted-imports`, with their file globs), and read which imports are reported. The type-aware
 * rules are left out: they need the file on disk, and they are not what is tested here.
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
    { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
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

describe('feature boundaries (eslint.config.js)', () => {
  it('reports a feature that imports a file inside another feature', async () => {
    const reported = await restrictedImports(
      'client/src/features/cases/Example.tsx',
      source(
        "import { ArrearsPanel as a0 } from '../arrears/ArrearsPanel';",
        "import { useActor as a1 } from '../../features/auth/session';",
        "import { ArrearsPanel as a2 } from '../arrears';",
        "import { formatMoney as a3 } from '../../lib/format';",
        "import { Button as a4 } from '../../ui/Button';",
        "import { CaseSummary as a5 } from './CaseSummary';",
      ),
    );
    expect(reported).toEqual(['../arrears/ArrearsPanel', '../../features/auth/session']);
  });

  it('reports a stylesheet taken from another feature', async () => {
    const reported = await restrictedImports(
      'client/src/features/signals/Example.tsx',
      "import '../arrears/arrears.css';\nimport './signals.css';\n",
    );
    expect(reported).toEqual(['../arrears/arrears.css']);
  });

  it('reports lib/ or ui/ code that imports a feature', async () => {
    const reported = await restrictedImports(
      'client/src/ui/Example.tsx',
      source("import { useActor as a0 } from '../features/auth';", "import { Table as a1 } from './Table';"),
    );
    expect(reported).toEqual(['../features/auth']);
  });

  it('lets a test use the query documents of another feature', async () => {
    const reported = await restrictedImports(
      'client/src/features/cases/Example.test.tsx',
      source("import { MeDocument as a0 } from '../auth/session';"),
    );
    expect(reported).toEqual([]);
  });
});
