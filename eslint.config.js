// Lint: typescript-eslint's recommended rules plus the layering the architecture depends on:
// shared ← core ← hosts, renderer ← shared. A wrong import fails `npm test`, not a code review.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'zlib', 'os', 'child_process'];
/** The core's folders, lowest first. */
const CORE_ORDER = [
  'sign',
  'events',
  'ingest',
  'store',
  'generate',
  'derive',
  'resend',
  'forward',
  'receiver',
  'transfer',
  'bodies',
  'service',
];
const WORKER_FROM_FILE = {
  selector: "NewExpression[callee.name='Worker'] Property[key.name='eval']",
  message: 'A worker runs a module file, not source text (see main/core/child-process.ts).',
};
/** The store's JSON-text columns (deliveries' headers, response, status_summary; sends' request and response headers). */
const STORE_DECODES = {
  selector:
    "CallExpression[callee.object.name='JSON'][callee.property.name='parse'] > MemberExpression[property.name=/^(headers|response|status_summary|request_headers|response_headers)$/]",
  message:
    'Stored JSON columns are decoded once, in main/core/store: read the record the store returns (store-interface.ts), whose headers and response are already values.',
};
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
      'no-restricted-syntax': ['error', WORKER_FROM_FILE, STORE_DECODES],
    },
  },
  {
    // The one place that reads the store's JSON columns.
    files: ['main/core/store/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', WORKER_FROM_FILE] },
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
  // The order inside the core, lowest first: a folder imports only folders before it (and the core's
  // top-level helpers). A delivery's way up: sign, events → ingest → store → generate, derive → resend
  // → forward → receiver → transfer → bodies → service → api (app.ts composes them all).
  ...CORE_ORDER.map((folder, i) => ({
    files: [`main/core/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', '**/hosts/**', '**/renderer/**'], message: 'The core is Electron-free and knows no host.' },
            ...(i + 1 < CORE_ORDER.length
              ? [
                  {
                    group: CORE_ORDER.slice(i + 1).flatMap((above) => [`../${above}/**`, `**/core/${above}/**`]),
                    message: `core/${folder}/ sits below these folders (eslint.config.js, CORE_ORDER): move the shared part down, or the caller up.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
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
