// Lint, including the layering rules (STYLE.md §1; ARCHITECTURE.md): which folder may import what, and no
// import cycles. Two kinds of rule:
//   - runtimes (no-restricted-imports on the import text): shared/ is pure, main/ never reaches electron,
//     React or the renderer, the renderer never reaches main/ or Node. Each file matches exactly one layer
//     block, so each gets exactly one `no-restricted-imports` configuration.
//   - capabilities (import-x/no-restricted-paths on the resolved file): which capability of main/ may use
//     which other, and only through that one's index.ts.
import js from '@eslint/js';
import * as espree from 'espree';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

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

// --- pure modules --------------------------------------------------------------------------------------
// The decision core and the parsers: functions of their arguments (the clock and the data come in), no I/O,
// no Node built-ins — so they are tested without a disk or a port and can never block the thread that
// answers the next caller ID. ARCHITECTURE.md names them; a new pure module is added here.
export const pureModules = [
  'main/screening/decide.ts',
  'main/screening/final.ts',
  'main/screening/patterns.ts',
  'main/screening/schedule.ts',
  'main/screening/numbers.ts',
  'main/screening/shield.ts',
  'main/screening/recent.ts',
  'main/screening/rule-input.ts',
  'main/screening/indexed-rule.ts',
  'main/screening/import/{csv,detect,ncid,segments,text,types,vcard}.ts',
  'main/modem/call-state.ts',
  'main/modem/call-steps.ts',
  'main/modem/caller-id-parser.ts',
  'main/modem/clip.ts',
  'main/modem/clcc.ts',
  'main/modem/ccwa.ts',
  'main/modem/charset.ts',
  'main/modem/cadence.ts',
  'main/modem/landline-cid.ts',
  'main/modem/hex-cid.ts',
  'main/modem/line-splitter.ts',
  'main/modem/at-fields.ts',
  'main/modem/result-codes.ts',
  'main/modem/urc.ts',
  'main/modem/transcript.ts',
  'main/history/complaint.ts',
  'main/history/filing.ts',
];

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
  // The UI's components and hooks: the rules of hooks, complete effect dependencies, and the React Compiler's
  // checks (no state set synchronously in an effect, no ref read or written while rendering, pure renders…).
  // The recommended set as it is: a violation is fixed, not switched off.
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  // main/cli/node24-guard.cjs runs first, on whatever Node the machine has (however old), before Ringfence's
  // own Node 24 exists: parsed as ES5 so a `const` or an arrow function fails the lint, not a newcomer's first
  // command.
  {
    files: ['main/cli/node24-guard.cjs'],
    languageOptions: { parser: espree, ecmaVersion: 5, sourceType: 'script', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      // ES5 has no `catch {}` without a binding.
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
    },
  },

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
    files: pureModules,
    rules: layer('a pure module (ARCHITECTURE.md) does no I/O:', [electron, react, toRenderer, toApp, toTest, node]),
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
    // The module files of main/ (the .cjs Node guard is plain ES5 with no imports of ours).
    files: ['main/**/*.{ts,tsx,js}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: capabilityZones }] },
  },
);
