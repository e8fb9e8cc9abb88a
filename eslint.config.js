// Lint: typescript-eslint's recommended rules plus the layering the architecture depends on:
// shared ← core ← hosts, renderer ← shared. A wrong import fails `npm test`, not a code review.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'zlib', 'os', 'child_process'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Code runs from files, built, linted and type-checked like the rest: never from a string.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Worker'] Property[key.name='eval']",
          message: 'A worker runs a module file, not source text (see main/core/child-process.ts).',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', '**/main/**', '**/renderer/**', 'better-sqlite3'],
      'shared/ runs in Node and in the browser: no Node, Electron, core or renderer imports.',
    ),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: restrict(['electron', '**/hosts/**', '**/renderer/**'], 'The core is Electron-free and knows no host.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [...nodeBuiltins, 'electron', '**/main/**', 'better-sqlite3'],
      'The renderer reaches the core only through shared/api.ts.',
    ),
  },
  {
    // The rules of hooks, and every dependency listed: one left out on purpose says why, in place.
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
