// Lint, including the one-way imports between rooms (conventions.md): app, cli, http -> services
// -> core, db -> shared, with db taking only types from core, core using no Node global, and
// `sheaf serve` (cli) starting the HTTP transport. The renderer sees only src-main/shared.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// `**/db/**` alone would miss a room's index (`../db`)
const withIndex = (groups) => groups.flatMap((g) => (g.endsWith('/**') ? [g, g.slice(0, -3)] : [g]))

const room = (files, forbidden, message, typesOnly = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...withIndex(forbidden).map((group) => ({ group: [group], message })),
          ...withIndex(typesOnly).map((group) => ({ group: [group], message, allowTypeImports: true })),
        ],
      },
    ],
  },
})

// Node's globals, which the engine must not lean on: it takes bytes and gives values, anywhere.
const NODE_GLOBALS = [
  'Buffer',
  'process',
  'global',
  '__dirname',
  '__filename',
  'require',
  'module',
  'setImmediate',
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench-out/**',
      'demo-out/**',
      'test/fixtures/files/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Sanitising text from unit files means naming control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  room(
    ['src-main/shared/**'],
    [
      '**/core/**',
      '**/db/**',
      '**/services/**',
      '**/app/**',
      '**/cli/**',
      '**/http/**',
      '**/preload/**',
      'node:*',
      'electron',
    ],
    'shared/ holds the contracts and the small pure vocabulary every room shares: no Node, no other room.',
  ),
  room(
    ['src-main/core/**'],
    [
      '**/db/**',
      '**/services/**',
      '**/app/**',
      '**/cli/**',
      '**/http/**',
      '**/preload/**',
      'electron',
      'node:fs',
      'node:fs/*',
      'fs',
      'better-sqlite3',
      'react',
    ],
    'core/ is the pure engine: bytes in, values out; no database, file system, Electron or React.',
  ),
  room(
    ['src-main/db/**'],
    ['**/services/**', '**/app/**', '**/cli/**', '**/http/**', '**/preload/**', 'electron'],
    'db/ sits below services/: it may use core types and shared only.',
    ['**/core/**'],
  ),
  room(
    ['src-main/services/**'],
    ['**/app/**', '**/cli/**', '**/http/**', '**/preload/**', 'electron'],
    'services/ are called by app, cli and http, never the other way round.',
  ),
  room(
    ['src-main/cli/**'],
    ['**/core/**', '**/db/**', '**/app/**', '**/preload/**', 'electron'],
    'cli/ calls services/ (and starts http/ for `sheaf serve`); it runs under plain Node: no Electron.',
  ),
  room(
    ['src-main/http/**'],
    ['**/core/**', '**/db/**', '**/cli/**', '**/app/**', '**/preload/**', 'electron'],
    'http/ serves the services/ API under plain Node: no engine, database or Electron of its own.',
  ),
  room(
    ['src-main/app/**'],
    ['**/core/**', '**/db/**', '**/cli/**', '**/http/**', '**/preload/**'],
    'app/ (Electron main) serves the services/ API to the window: no engine or database of its own.',
  ),
  room(
    ['src-renderer/**'],
    [
      '**/src-main/core/**',
      '**/src-main/db/**',
      '**/src-main/services/**',
      '**/src-main/app/**',
      '**/src-main/cli/**',
      '**/src-main/http/**',
      'node:*',
      'electron',
      'better-sqlite3',
    ],
    'The renderer sees only src-main/shared and window.api.',
  ),
  {
    files: ['src-main/core/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({
          name,
          message:
            'core/ is the pure engine: no Node global (use Uint8Array, TextDecoder, what services pass in).',
        })),
      ],
    },
  },
  {
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
)
