import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesDir = join(repoRoot, 'test', 'fixtures', 'modem');
/** Runs the CLI from source: Node 24 strips the types itself, so tests need no build. */
export const cliEntry = join(repoRoot, 'main', 'cli', 'index.ts');
