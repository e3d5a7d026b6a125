import { chmod } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three bundles for the desktop app, plus the CLI, which shares the main build so it ships the same code.
export default defineConfig({
  main: {
    plugins: [
      {
        // `bin: ringfence` points at the CLI bundle: it must be executable for npx and npm link.
        name: 'ringfence-cli-executable',
        async writeBundle(options, bundle) {
          if ('cli.js' in bundle) await chmod(resolve(options.dir ?? 'out/main', 'cli.js'), 0o755);
        },
      },
    ],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/app/index.ts'),
          cli: resolve('main/cli/index.ts'),
          // Chain verification spreads over worker threads; the worker must be a file of its own.
          'verify-worker': resolve('main/history/verify-worker.ts'),
          // Call records are written on a thread of their own, off the decision path (issue 14).
          'record-writer-worker': resolve('main/service/record-writer-worker.ts'),
          // List imports are parsed and written on a worker thread, never on the one that screens calls.
          'import-worker': resolve('main/screening/import/import-worker.ts'),
        },
        // node:sqlite is built into Node 24 / Electron 45; never bundle or polyfill it.
        external: ['node:sqlite', 'electron', 'serialport', '@serialport/parser-readline', '@serialport/stream', '@serialport/bindings-cpp'],
        output: {
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      // electron-vite leaves package.json dependencies as require() calls by default; a sandboxed preload
      // cannot load them (only 'electron'), so zod and everything else is bundled in.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve('main/preload.ts') },
        // A sandboxed preload can only require() a few modules: it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
