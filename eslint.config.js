// Which process may import which file is enforced here, not by hope (the Signal Desktop model):
// shared/ is pure, the renderer never reaches into electron/, main never reaches into renderer/,
// and only the Electron edge files import `electron`. Nothing outside tests/ imports tests/.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noTests = { group: ['**/tests/**'], message: 'Product code, scripts and benchmarks never import tests/.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'crypto', 'url', 'util', 'net'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.tsbuild/**', 'node_modules/**', 'test-results/**', 'test-artifacts/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // Plain JavaScript build scripts run in Node.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Playwright fixtures declare their dependencies with an object pattern, empty when there are none.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', ...nodeBuiltins, 'react', 'react-dom', 'dexie', 'get-windows', 'intuit-oauth'], message: 'shared/ is pure TypeScript used by both processes.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on a process.' },
          noTests,
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', ...nodeBuiltins, 'get-windows', 'intuit-oauth'], message: 'The renderer is sandboxed: talk to main through the IPC contract.' },
          { group: ['**/electron/**'], message: 'The renderer never imports main-process code; use shared/ or the IPC contract.' },
          noTests,
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/electron-ports.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Services take OS dependencies as ports (electron/main/ports.ts); only the Electron edge imports electron.' },
          { group: ['**/renderer/**'], message: 'Main never imports the renderer.' },
          noTests,
        ],
      }],
    },
  },
  {
    files: ['electron/main/index.ts', 'electron/main/window.ts', 'electron/main/electron-ports.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'Main never imports the renderer.' }, noTests] }],
    },
  },
  {
    files: ['scripts/**/*.{ts,mjs,js}', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTests] }] },
  },
);
