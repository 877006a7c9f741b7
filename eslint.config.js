// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import caseScopedTables from './server/src/core/db/case-scoped-tables.json' with { type: 'json' };

/** SQL that names a case-scoped table (as the gateway's own runtime check reads it). */
const caseScopedSql = `/\\b(from|join|into|update)\\s+(${caseScopedTables.join('|')})\\b/i`;

/** Source trees that are linted with full type information (via each package's tsconfig.json). */
const typedSources = [
  'shared/src/**/*.{ts,tsx}',
  'server/src/**/*.{ts,tsx}',
  'server/bench/**/*.ts',
  'client/src/**/*.{ts,tsx}',
];

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '**/node_modules/',
    '**/coverage/',
    '**/.vangnet-data/',
    'e2e/artifacts/',
    'e2e/test-results/',
    'playwright-report/',
  ]),

  // Plain JavaScript (config files, scripts) runs on Node.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  // All TypeScript: syntactic rules only. This covers `**/*.config.ts` and anything outside the
  // typed source trees, which are linted without type information.
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  // Package sources: type-aware rules.
  {
    files: typedSources,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  // Browser client: React hooks rules and browser globals.
  {
    files: ['client/src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },

  // Client features: a feature uses another one only through its public entry (`../<feature>`, the
  // folder's index.ts), never a file inside it, so a feature can be reorganised without breaking
  // others. What several features need lives in lib/ or ui/. Tests may reach into another feature
  // (e.g. for the query documents they answer in a mocked session).
  {
    files: ['client/src/features/**/*.{ts,tsx}'],
    ignores: ['client/src/features/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.?/)[^/]+/',
              message:
                "Import another feature through its entry ('../<feature>', its index.ts), or move the shared piece to lib/ or ui/.",
            },
            {
              regex: '^(\\.\\./)+features/',
              message: "Import another feature as '../<feature>' (its index.ts).",
            },
          ],
        },
      ],
    },
  },

  // Server features reach the database only through the gateway (core/db/gateway.ts): no DataSource,
  // EntityManager or repository of their own, no raw `.query(…)`, and a `lookup`/`execute` (for tables
  // outside any case) that names a case-scoped table is refused here as it is at run time. Entities
  // still import TypeORM's decorators. server/src/core/db/gateway-lint.test.ts shows the rules firing.
  // This block also keeps the layers (no app/) and the features apart: a feature imports another one
  // only through its entry `../<feature>/index.js`, as in the client (server/src/core/layer-boundaries.test.ts).
  {
    files: ['server/src/features/**/*.ts'],
    ignores: ['server/src/features/**/*.test.ts', 'server/src/features/**/*.fixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager', 'Repository', 'QueryRunner', 'SelectQueryBuilder'],
              message:
                'Features reach the database through the gateway (context.db, or the SystemDatabase for jobs).',
            },
          ],
          patterns: [
            {
              regex: '(^|/)app(/|$)',
              message: 'A feature must not import app/ (the composition root); app/ imports the features.',
            },
            {
              // `../<feature>/<file>`: anything under a sibling folder but its index.js (`../../core/…`
              // starts with `../..` and is not matched).
              regex: '^\\.\\./(?!\\.\\.?/)[^/]+/(?!index\\.js$)',
              message:
                "Import another feature through its entry ('../<feature>/index.js'); export what it needs there.",
            },
            {
              regex: '^(\\.\\./)+features/',
              message: "Import another feature as '../<feature>/index.js'.",
            },
            {
              regex: '(^|/)core/authz/casl-sql-compiler(\\.js)?$',
              importNames: ['compileAccessCondition'],
              message: 'Access predicates come from the request scope (context.access) through the gateway.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(query|escapeQueryWithParameters|createQueryBuilder|getRepository)$/]',
          message:
            'Features run SQL through the gateway (context.db.read / lookup, or a transaction from context.db).',
        },
        {
          selector: `CallExpression[callee.property.name=/^(lookup|execute)$/] > TemplateLiteral > TemplateElement[value.raw=${caseScopedSql}]`,
          message:
            'This statement names a case-scoped table: read it with context.db.read and the rule, or under a lock.',
        },
        {
          selector: `CallExpression[callee.property.name=/^(lookup|execute)$/] > Literal[value=${caseScopedSql}]`,
          message:
            'This statement names a case-scoped table: read it with context.db.read and the rule, or under a lock.',
        },
      ],
    },
  },

  // lib/ and ui/ are shared by the features, so they never depend on one.
  {
    files: ['client/src/lib/**/*.{ts,tsx}', 'client/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '(^|/)features(/|$)', message: 'lib/ and ui/ must not import a feature.' }],
        },
      ],
    },
  },

  // Server layers: core/ is the machinery the features build on, app/ the one composition root that
  // puts core and the features together. Core never imports a feature or app/ (what it needs from a
  // feature is handed to it by app/), and a feature never imports app/. Tests included: a core test
  // that needs the whole application lives in app/.
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(features|app)(/|$)',
              message:
                'core/ must not import a feature or app/: take what it needs as a parameter (app/ wires it), or put the code in app/.',
            },
          ],
        },
      ],
    },
  },
  // (The same rule for the features' own code is part of the gateway block above: one block per file
  // may set `no-restricted-imports`, the later one would replace the earlier.)
  {
    files: ['server/src/features/**/*.test.ts', 'server/src/features/**/*.fixtures.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)app(/|$)',
              message: 'A feature must not import app/ (the composition root); app/ imports the features.',
            },
          ],
        },
      ],
    },
  },

  // Shared TypeScript rule settings (last, so they win over the presets above).
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
);
