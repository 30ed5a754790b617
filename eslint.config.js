// @ts-check
import tseslint from 'typescript-eslint';
import modules from './eslint/module-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'data/**',
      'scratch/**',
      'test-results/**',
      'server/db/migrations/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // no unused code: an unused import, variable or parameter (a leading _ says it is on purpose)
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: ['error', 'always'],
      'max-lines': ['error', { max: 800, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // exceljs needs its UTF-8 fix in place before it loads: platform/excel/exceljs.ts
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['server/platform/excel/exceljs.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='exceljs'][importKind!='type']",
          message:
            'import ExcelJS from server/platform/excel/exceljs.ts (it fixes split characters)',
        },
      ],
    },
  },
  {
    // Files past 400 lines are a warning: split the use cases into service/<verb>-<noun>.ts.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.e2e.ts', 'web/shared/locales/**'],
    rules: { 'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['server/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/** imports no module' }] },
      ],
    },
  },
  {
    files: [
      'server/modules/*/contract.ts',
      'server/modules/*/*-contract.ts',
      'server/platform/contract/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'drizzle-orm*',
                'fastify*',
                '@fastify/*',
                'pg',
                '@electric-sql/*',
                '../../db/*.ts',
                '../../platform/*/*.ts',
                '!../../platform/contract/*.ts',
                '../[a-z]*/*.ts',
                '!../*/contract.ts',
              ],
              message: 'a contract imports only zod and platform/contract (the web imports it)',
            },
          ],
        },
      ],
    },
  },
  {
    // the allow-list between modules and their order; tests may read any table to check a write
    files: ['server/modules/**'],
    ignores: ['**/*.test.ts'],
    plugins: { modules },
    rules: { 'modules/boundaries': 'error' },
  },
  {
    files: ['web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/(?!platform/contract/|modules/[^/]+/contract\\.ts$)',
              message: 'the web imports only module contracts and platform/contract',
            },
          ],
        },
      ],
    },
  },
);
