import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * "Every read through the gateway" is kept by ESLint as much as by the gateway itself: a feature that
 * takes TypeORM's DataSource, runs raw SQL, or hands a case-scoped table to `lookup` fails lint. These
 * tests lint small sources as files of a server feature with the repository's own configuration (its
 * blocks that restrict imports and syntax; the type-aware rules need files on disk and are left out).
 */
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

async function gatewayRules(): Promise<Linter.Config[]> {
  const configFile = pathToFileURL(path.join(repositoryRoot, 'eslint.config.js')).href;
  const { default: config } = (await import(configFile)) as { default: Linter.Config[] };
  const blocks = config.filter(
    (block) =>
      block.rules?.['no-restricted-imports'] !== undefined ||
      block.rules?.['no-restricted-syntax'] !== undefined,
  );
  expect(blocks.length).toBeGreaterThan(0);
  return blocks;
}

const eslint = new ESLint({
  cwd: repositoryRoot,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...(await gatewayRules()),
  ],
});

/** The rule ids reported for `source` linted as the file at `file`, one per reported line. */
async function reported(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repositoryRoot, file) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((message) => message.message).join('\n'));
  return messages.map((message) => `${message.line}:${message.ruleId ?? ''}`);
}

const FEATURE_FILE = 'server/src/features/notes/example.service.ts';

describe('the gateway rule in eslint.config.js', () => {
  it('fails a feature that reads a case-scoped table around the gateway', async () => {
    const source = [
      "import type { DataSource, EntityManager } from 'typeorm';", // 1
      'export async function notes(dataSource: DataSource, manager: EntityManager) {', // 2
      "  await dataSource.query('SELECT * FROM case_note');", // 3
      "  await manager.query('SELECT body FROM case_note WHERE case_id = $1', ['x']);", // 4
      "  const [sql] = dataSource.driver.escapeQueryWithParameters('SELECT 1', {}, {});", // 5
      "  return manager.getRepository('case_note').find();", // 6
      '}',
    ].join('\n');
    expect(await reported(FEATURE_FILE, source)).toEqual([
      '1:no-restricted-imports',
      '1:no-restricted-imports',
      '3:no-restricted-syntax',
      '4:no-restricted-syntax',
      '5:no-restricted-syntax',
      '6:no-restricted-syntax',
    ]);
  });

  it('fails a lookup or an execute that names a case-scoped table', async () => {
    const source = [
      "import type { RequestContext } from '../../core/request-context.js';",
      'export async function sneaky(context: RequestContext, id: string) {',
      '  await context.db.lookup(`SELECT body FROM case_note WHERE id = $1`, [id]);', // 3
      "  await context.db.lookup('SELECT o.name FROM organization o JOIN consent k ON k.to_org_id = o.id');", // 4
      "  await context.db.execute('UPDATE case_file SET crisis = true');", // 5
      "  return context.db.lookup('SELECT name FROM organization WHERE id = $1', [id]);", // fine
      '}',
    ].join('\n');
    expect(await reported(FEATURE_FILE, source)).toEqual([
      '3:no-restricted-syntax',
      '4:no-restricted-syntax',
      '5:no-restricted-syntax',
    ]);
  });

  it('lets a feature read case data through the gateway with the rule', async () => {
    const source = [
      "import { Column, Entity } from 'typeorm';",
      "import type { RequestContext } from '../../core/request-context.js';",
      '@Entity() export class Example { @Column() name!: string; }',
      'export function notes(context: RequestContext, ids: string[]) {',
      '  return context.db.read(',
      "    (bag) => `SELECT n.id FROM case_note n JOIN case_file c ON c.id = n.case_id WHERE n.id IN (:...ids) AND ${context.access.readableRow('CASE_NOTES', 'c', 'n.origin_org_id', bag)}`,",
      '    { ids },',
      '  );',
      '}',
    ].join('\n');
    expect(await reported(FEATURE_FILE, source)).toEqual([]);
  });

  it('leaves tests free to arrange their data with SQL', async () => {
    const source = [
      "import type { DataSource } from 'typeorm';",
      "export const arrange = (dataSource: DataSource) => dataSource.query('DELETE FROM case_note');",
    ].join('\n');
    expect(await reported('server/src/features/notes/example.test.ts', source)).toEqual([]);
  });
});
