import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// One import style for the whole tree: relative imports name the file with its real extension
// (`./summary.service.ts`, `./App.tsx`), as Node, tsx, esbuild and Vite all resolve it; other
// workspaces are imported by package name, never by a relative path into them.
const relativeWithoutExtension = String.raw`/^\.{1,2}\/(?!.*\.(ts|tsx|css|json|svg|mjs)$)/`;
const intoAnotherWorkspace = String.raw`/^(\.\.\/)+(\.\.\/)?(stack|packages|apps)\//`;
const importRules = [
  ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].flatMap((node) => [
    {
      selector: `${node}[source.value=${relativeWithoutExtension}]`,
      message: 'Name the imported file with its extension (.ts, .tsx), e.g. ./summary.service.ts.',
    },
    {
      selector: `${node}[source.value=${intoAnotherWorkspace}]`,
      message:
        'Import another workspace by its package name (@promwall/core, @promwall/stack), not by a relative path.',
    },
  ]),
];

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', '.data/', '.data-test/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-syntax': ['error', ...importRules],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always'],
      // A variable a shutdown closure reads before start-up assigns it stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read JSON answers whose shape is what they assert.
    files: ['**/*.test.{ts,tsx}', '**/test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    ...reactHooks.configs.flat['recommended-latest'],
  },
);
