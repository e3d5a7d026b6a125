// The production renderer bundle for the browser tests and benchmarks: built once per change of its
// sources (renderer/ and shared/) into test-results/, then reused. Tests exercise what users get, and a
// page loads one bundle instead of hundreds of dev-server modules. Parallel test files share one build:
// the first takes a lock directory, the others wait for its result.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../support/paths.ts';

// Bump when the build script changes, so an old build is not reused.
const BUILD_RECIPE = 'production-2';
const buildScript = join(import.meta.dirname, 'build-renderer.ts');

function sourceHash(): string {
  const hash = createHash('sha256').update(BUILD_RECIPE);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(repoRoot, path)).update(readFileSync(path));
    }
  };
  walk(join(repoRoot, 'renderer'));
  walk(join(repoRoot, 'shared'));
  return hash.digest('hex').slice(0, 16);
}

export async function builtRenderer(): Promise<string> {
  const root = join(repoRoot, 'test-results', 'renderer-build');
  const dir = join(root, sourceHash());
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 180_000;
  mkdirSync(root, { recursive: true });
  while (!existsSync(join(dir, 'index.html'))) {
    if (Date.now() > deadline)
      throw new Error(`The renderer build in ${dir} did not appear within 3 minutes; delete ${lock} if a test run was killed mid-build.`);
    try {
      mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      const tmp = `${dir}.tmp-${process.pid}`;
      // A separate process: Vitest sets NODE_ENV=test, and a production build needs NODE_ENV=production
      // from the start (the JSX transform and React's build both follow it).
      await promisify(execFile)(process.execPath, [buildScript, tmp], { env: { ...process.env, NODE_ENV: 'production' }, cwd: repoRoot });
      renameSync(tmp, dir);
      pruneOldBuilds(root, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

// Builds of earlier sources pile up as the renderer changes; drop those unused for an hour (a build in use
// by a run that is still going is younger than that).
function pruneOldBuilds(root: string, keep: string) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === keep || name.includes('.lock') || name.includes('.tmp-')) continue;
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}
