// The --data-dir option every data command shares, and where the built UI lives.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../store/index.ts';

export const dataDirHelp = `data directory (default: ${defaultDataDir()})`;

/** The built renderer: beside the CLI bundle (out/main/cli.js → out/renderer) or from source (main/cli → out/renderer). */
export function rendererRoot(): string | null {
  const here = import.meta.dirname;
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer'), join(here, '..', '..', '..', 'out', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? null;
}
