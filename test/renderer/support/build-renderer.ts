// `node build-renderer.ts <outDir>`: the renderer's production build, as electron-vite's renderer config
// makes it (root renderer/, React plugin), into a directory of the caller's choosing.
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { repoRoot } from '../../support/paths.ts';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node build-renderer.ts <outDir>');
await build({
  root: join(repoRoot, 'renderer'),
  configFile: false,
  plugins: [react()],
  logLevel: 'error',
  mode: 'production',
  build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
