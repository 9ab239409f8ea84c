// Lint rules. The most important one keeps the engine (shared/) pure: it runs in the renderer, in Node tests and
// in the command line alike, so it may not import Electron, Node built-ins, React or Dexie, nor touch the DOM.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'dist-web/', 'release/', 'test-results/', 'bench-results/', 'dist-bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Importers must recognise control characters (binary content, NUL bytes) on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="eval"]', message: 'No eval: the CSP forbids it.' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'shared/ is the pure engine: no Electron.' },
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'buffer', 'stream', 'url'], message: 'shared/ is the pure engine: no Node built-ins.' },
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ is the pure engine: no React.' },
            { group: ['dexie', 'dexie-*'], message: 'shared/ is the pure engine: no Dexie.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ may not depend on the app layers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'shared/ is the pure engine: no DOM.' },
        { name: 'document', message: 'shared/ is the pure engine: no DOM.' },
        { name: 'localStorage', message: 'shared/ is the pure engine: no DOM.' },
        { name: 'navigator', message: 'shared/ is the pure engine: no DOM.' },
        { name: 'process', message: 'shared/ is the pure engine: no Node globals.' },
        { name: 'Buffer', message: 'shared/ is the pure engine: use Uint8Array.' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.{ts,mjs}', 'build/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node } },
  },
);
