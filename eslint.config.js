// Lint, including the layering rules (STYLE.md §1; ARCHITECTURE.md): which folder may import what, and no
// import cycles. Two kinds of rule:
//   - runtimes (no-restricted-imports on the import text): shared/ is pure, main/ never reaches electron,
//     React or the renderer, the renderer never reaches main/ or Node. Each file matches exactly one layer
//     block, so each gets exactly one `no-restricted-imports` configuration.
//   - capabilities (import-x/no-restricted-paths on the resolved file): which capability of main/ may use
//     which other, and only through that one's index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

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

// --- capabilities of main/ ---------------------------------------------------------------------------
// Who may use whom. Everything may use shared/ and main/version.ts; a capability reaches another only
// through its index.ts (its public face), never a file behind it.
const uses = {
  modem: [],
  settings: [],
  store: [],
  screening: ['store'],
  history: ['store'],
  sim: ['modem'],
  // Messages (SMS): pure assembly and complaint texts over the modem's PDU codec.
  messages: ['modem'],
  service: ['modem', 'screening', 'history', 'settings', 'store', 'sim', 'messages'],
  server: ['service'],
  cli: ['modem', 'screening', 'history', 'settings', 'store', 'sim', 'service', 'server', 'messages'],
  app: ['service', 'settings', 'store'],
};
const folders = Object.keys(uses);
const capabilityZones = folders.flatMap((target) =>
  folders
    .filter((from) => from !== target)
    .map((from) =>
      uses[target].includes(from)
        ? {
            target: `./main/${target}`,
            from: `./main/${from}`,
            except: ['./index.ts'],
            message: `main/${target} reaches main/${from} only through main/${from}/index.ts.`,
          }
        : {
            target: `./main/${target}`,
            from: `./main/${from}`,
            message: `main/${target} may not import main/${from} (main/${target} may use: ${['shared/', ...uses[target].map((u) => `main/${u}`)].join(', ')}).`,
          },
    ),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'test/lint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.{ts,tsx,js}'], languageOptions: { globals: { ...globals.node } } },
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },

  // --- layering: runtimes ---------------------------------------------------------------------------
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

  // --- layering: capabilities, and no cycles anywhere ------------------------------------------------
  {
    files: ['**/*.{ts,tsx,js}'],
    plugins: { 'import-x': importX },
    settings: {
      // Our imports name the .ts file; the cycle check parses each imported file with the TypeScript parser.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      // A cycle makes load order matter and hides which side owns what: move the shared piece to its own file.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['main/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: capabilityZones }] },
  },
);
