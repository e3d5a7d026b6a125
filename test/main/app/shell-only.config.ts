// Builds only the Electron shell (main/app and the preload) as the real build does, with the service left
// as an import: the security scan (electronegativity.test.ts) reads the shell's built code without
// needing the rest of main/ to build.
import config from '../../../electron.vite.config.ts';

type Section = { build: { outDir: string; rollupOptions: Record<string, unknown> } };
const { main, preload } = config as { main: Section; preload: Section };

export default {
  main: {
    ...main,
    plugins: [],
    build: {
      ...main.build,
      rollupOptions: {
        ...main.build.rollupOptions,
        // electronegativity's parser stops at private class fields (`#x`); lowering the syntax for the scan
        // changes how the code is written, not what it calls.
        transform: { target: 'es2020' },
        input: { index: 'main/app/index.ts' },
        external: ['electron', /^node:/, /\/service\/index\.ts$/],
      },
    },
  },
  preload,
};
