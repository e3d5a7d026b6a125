// The two tiers of the test suite. A unit test runs in-process: no pseudo-terminal (socat), no Chromium, no
// CLI child process, so `npm run test:unit` runs the tier in under a minute on any OS and
// `npm run test:watch` reruns it as you edit. Every other test is an integration test; `npm test` runs both.
//
// The tier is not a list to keep up to date: a test file is a unit test exactly when nothing it imports,
// however indirectly (our own modules, followed through their relative imports), can start a process or a
// browser. Type-only imports do not count: they are erased before the code runs. test/support/unit-tier.ts
// then makes starting a process fail inside the unit tier, for the ways in this scan cannot see (a package
// that spawns, a computed import).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Modules whose import means the code may start a process or a browser. */
export const PROCESS_MODULES = ['node:child_process', 'child_process', 'playwright-core'];

// Static imports and re-exports (group 1: `type`, group 2: the module), and dynamic imports (group 3) —
// `typeof import('…')` is a type, not an import.
const importPattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|(?<!typeof\s+)\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The modules a source file imports at run time: [relative specifiers resolved to files, bare specifiers]. */
function runtimeImports(file: string): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(importPattern)) {
    if (m[1]) continue; // import type … / export type …
    const spec = (m[2] ?? m[3])!;
    if (spec.startsWith('.')) files.push(resolve(dirname(file), spec));
    else packages.push(spec);
  }
  return { files, packages };
}

/** Why a file may start a process (the first import chain found), or null when it cannot. */
export function startsProcesses(file: string, seen = new Set<string>()): string | null {
  if (seen.has(file) || !/\.[cm]?[jt]sx?$/.test(file)) return null;
  seen.add(file);
  let imports;
  try {
    imports = runtimeImports(file);
  } catch {
    return null; // a generated or missing file: nothing to follow
  }
  const direct = imports.packages.find((p) => PROCESS_MODULES.includes(p));
  if (direct) return `${file} imports ${direct}`;
  for (const dep of imports.files) {
    const why = startsProcesses(dep, seen);
    if (why) return `${file} → ${why}`;
  }
  return null;
}

export function testFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.test\.tsx?$/.test(name)) out.push(path);
    }
  };
  walk(join(root, 'test'));
  return out;
}

/** The unit tier: test files (relative to root, with forward slashes, as Vitest's include takes them). */
export function unitTestFiles(root: string): string[] {
  return testFiles(root)
    .filter((file) => startsProcesses(file) === null)
    .map((file) => relative(root, file).split(sep).join('/'));
}
