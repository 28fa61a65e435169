// @ts-check
import eslint from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Architecture rules (`no-restricted-imports`):
 * - a lib never imports an app;
 * - an app never imports another app;
 * - libs are consumed only through their public index, `@app/<lib>`: no `@app/<lib>/src/...`,
 *   no `libs/...`, no relative path that climbs out of the importing app or lib.
 *
 * ESLint does not merge the options of one rule across config objects (the last match wins), so
 * every object below that sets `no-restricted-imports` carries the full list for its files.
 */

const deepLibImports = {
  group: ['@app/*/**', 'libs/**', '**/libs/**'],
  message: 'Import a lib only through its public index: `@app/<lib>`.',
};
const appImports = {
  group: ['apps/**', '**/apps/**'],
  message: 'Apps are leaves: nothing imports an app (share code through a lib in libs/).',
};

/**
 * Deepest folder level under `apps/<x>/` or `libs/<x>/` that gets the relative-escape check;
 * files deeper than that still get the app and deep-lib rules.
 */
const MAX_DEPTH = 12;

/**
 * One config object per folder depth inside an app or lib: a file `depth` folders below
 * `apps/<x>/` (or `libs/<x>/`) may climb at most `depth` levels with `../`, so a relative import
 * with `depth + 1` or more `../` segments leaves its own app or lib.
 */
function packageBoundary(root, message) {
  const anyDepth = {
    name: `architecture/${root}`,
    files: [`${root}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [appImports, deepLibImports] }],
    },
  };
  const perDepth = Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    name: `architecture/${root}-depth-${depth}`,
    files: [`${root}/*/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            appImports,
            deepLibImports,
            {
              regex: `^(?:\\./)?(?:\\.\\./){${depth}}\\.\\.(?:/|$)`,
              message,
            },
          ],
        },
      ],
    },
  }));
  return [anyDepth, ...perDepth];
}

export default defineConfig(
  globalIgnores(
    [
      'dist/',
      'node_modules/',
      'coverage/',
      'bench/dist/',
      'bench/results/',
      '*.js',
      '*.mjs',
      '*.cjs',
    ],
    'ignores',
  ),
  {
    name: 'typescript',
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Launchers that run before anything is compiled (`npm run token`): plain CommonJS on Node.
    name: 'javascript/tools',
    files: ['tools/**/*.js'],
    extends: [eslint.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { __dirname: 'readonly', process: 'readonly' },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Tools and benchmarks use libs through their public index and never import an app.
    name: 'architecture/tools-and-bench',
    files: ['tools/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [appImports, deepLibImports] }],
    },
  },
  packageBoundary(
    'libs',
    'A lib may not reach outside itself: import another lib as `@app/<lib>`.',
  ),
  packageBoundary(
    'apps',
    'An app may not reach outside itself: import libs as `@app/<lib>`, never another app.',
  ),
  {
    // A migration freezes the SQL it ran (ADR 0015): a lib's DDL helper or app code it called
    // could change later and rewrite history. Only `typeorm` (its types) may be imported.
    name: 'architecture/frozen-migrations',
    files: ['apps/*/src/database/migrations/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "ImportDeclaration[source.value!='typeorm']",
          'ExportAllDeclaration',
          'ExportNamedDeclaration[source]',
          'ImportExpression',
          "CallExpression[callee.name='require']",
        ].map((selector) => ({
          selector,
          message:
            'A migration freezes the SQL it ran: paste the statements, import only `typeorm` (ADR 0015).',
        })),
      ],
    },
  },
  {
    // Black-box tests read JSON bodies of any shape; asserting on them is the point.
    name: 'tests',
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
