// Electron entry (bundled to out/main/index.js). The only file that starts anything; the wiring is
// desktop.ts and every decision is a tested function beside it.
import { join } from 'node:path';
import { startService } from '../service/index.ts';
import { runDesktop } from './desktop.ts';

runDesktop({
  startService: (options) => startService(options),
  preloadPath: join(import.meta.dirname, '../preload/preload.cjs'),
  rendererRoot: join(import.meta.dirname, '../renderer'),
});
