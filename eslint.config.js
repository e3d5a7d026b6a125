// Lint, including the layering rule (STYLE.md §1): which folder may import what. Each file matches
// exactly one layer block below, so each gets exactly one `no-restricted-imports` configuration.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'net', 'http', 'os', 'crypto', 'stream', 'url', 'util'];

const layer = (message, patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((p) => ({ ...p, message: `${message} ${p.message ?? ''}`.trim() })) }],
});

const electron = { group: ['electron', 'electron/*', 'electron-store'], message: '(electron belongs to main/app and main/preload.ts)' };
const react = { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'react-i18next'], message: '(React belongs to renderer/)' };
const toRenderer = { regex: '(^|/)renderer(/|$)', message: '(the renderer is reached only through the API contract)' };
const toMain = { regex: '(^|/)main(/|$)', message: '(main/ is reached only through the API contract in shared/)' };
const toApp = { regex: '(^|/)app(/|$)', message: '(only the Electron entry main/app/index.ts imports main/app)' };
const toTest = { regex: '(^|/)test(/|$)', message: '(product code never imports tests)' };
const node = { group: nodeBuiltins, message: '(Node built-ins do not exist here)' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.{ts,tsx,js}'], languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },

  // --- layering -----------------------------------------------------------------------------------
  {
    files: ['shared/**'],
    rules: layer('shared/ is pure TypeScript and imports nothing of ours:', [toMain, toRenderer, toTest, electron, react, node]),
  },
  {
    files: ['main/**'],
    ignores: ['main/app/**', 'main/preload.ts'],
    rules: layer('plain-Node main/ code:', [electron, react, toRenderer, toApp, toTest]),
  },
  {
    files: ['main/app/**'],
    rules: layer('the Electron shell:', [react, toRenderer, toTest]),
  },
  {
    files: ['main/preload.ts'],
    rules: layer('the sandboxed preload may import only shared/ and electron:', [
      react,
      toRenderer,
      toTest,
      { regex: '^\\.\\/|^\\.\\.\\/(?!shared\\/)', message: '(only ../shared/*)' },
      node,
    ]),
  },
  {
    files: ['renderer/**'],
    rules: layer('the renderer runs in a browser:', [toMain, toTest, electron, node]),
  },
);
