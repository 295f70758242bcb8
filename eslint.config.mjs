// Lint, including the one-way imports between rooms (conventions.md): app, cli, http -> services
// -> core, db -> shared. The renderer sees only src-main/shared.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const room = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
})

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
    'shared/ holds only contracts: no logic, no Node, no other room.',
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
  ),
  room(
    ['src-main/services/**'],
    ['**/app/**', '**/cli/**', '**/http/**', '**/preload/**', 'electron'],
    'services/ are called by app, cli and http, never the other way round.',
  ),
  room(
    ['src-main/cli/**', 'src-main/http/**'],
    ['**/app/**', '**/preload/**', 'electron'],
    'cli/ and http/ run under plain Node: no Electron.',
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
    rules: { 'no-console': 'error' },
  },
  {
    files: ['src-renderer/**/*.tsx', 'src-renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
)
