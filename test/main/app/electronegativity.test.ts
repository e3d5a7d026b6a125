// @doyensec/electronegativity on the built shell (main/app and the preload, built as the real build does)
// and the renderer's page. Every finding must be on the list below with the reason it is acceptable; a
// new one fails this test until it is fixed or justified here.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.ts';

type Finding = { id: string; file: string; line: number; severity: string; description: string; sample: string | null };

/** Each accepted finding: which one (id, file, a piece of the flagged code) and why it is acceptable. */
const justified: { id: string; file: string; sample: RegExp; why: string }[] = [
  {
    id: 'CONTEXT_ISOLATION_JS_CHECK',
    file: 'main/index.js',
    sample: /new BrowserWindow\(deps\.options\)/,
    why: 'False positive: the scanner cannot follow the options into windowOptions(), which sets contextIsolation: true (window.test.ts).',
  },
  {
    id: 'SANDBOX_JS_CHECK',
    file: 'main/index.js',
    sample: /new BrowserWindow\(deps\.options\)/,
    why: 'False positive: windowOptions() sets sandbox: true (window.test.ts).',
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    file: 'main/index.js',
    sample: /new BrowserWindow\(deps\.options\)/,
    why: "False positive: windowOptions() sets disableBlinkFeatures: 'Auxclick', and the window-open handler denies every new window.",
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: /guard\.openExternal\(url\)/,
    why: 'Reached only through openExternalIfAllowed(): https, exact allow-listed hosts, no credentials (security.test.ts).',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    sample: /openExternal: \(url\) => shell\.openExternal\(url\)/,
    why: 'The same function handed to the guard above; nothing else calls it.',
  },
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'renderer/index.html',
    sample: /script-src 'self'/,
    why: "The page's own <meta> policy (renderer/index.html) keeps script-src 'self'. What the evaluator flags is style-src 'unsafe-inline' (style attributes, which cannot run code) and ws:/wss: for the headless server; in the app the app:// handler also sends connect-src 'self', and the browser enforces both policies.",
  },
];

let dir: string;
let result: { errors: unknown[]; issues: Finding[] };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ringfence-scan-'));
  const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);
  execFileSync(bin('electron-vite'), ['build', '-c', 'test/main/app/shell-only.config.ts', '--outDir', dir, '--logLevel', 'error'], {
    cwd: repoRoot,
    stdio: 'pipe',
    timeout: 120_000,
  });
  // The tool reads .js, not .cjs: scan the preload under a name it recognises.
  copyFileSync(join(dir, 'preload', 'preload.cjs'), join(dir, 'preload', 'preload.js'));
  mkdirSync(join(dir, 'renderer'));
  copyFileSync(join(repoRoot, 'renderer', 'index.html'), join(dir, 'renderer', 'index.html'));
  const out = execFileSync(process.execPath, [join(repoRoot, 'test', 'main', 'app', 'electronegativity-scan.ts'), dir], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  result = JSON.parse(out);
}, 250_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electronegativity on the built shell', () => {
  it('parses every file it scans', () => {
    expect(result.errors).toEqual([]);
  });

  it('scans the main bundle, the preload and the page', () => {
    const files = readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining([join('main', 'index.js'), join('preload', 'preload.js'), join('renderer', 'index.html')]));
  });

  it('finds nothing that is not fixed or justified', () => {
    const unexplained = result.issues.filter((f) => !justified.some((j) => j.id === f.id && j.file === f.file && j.sample.test(f.sample ?? '')));
    expect(unexplained).toEqual([]);
  });

  it('finds no navigation, permission-handler or preload problem (the checks it could not fault)', () => {
    const ids = new Set(result.issues.map((f) => f.id));
    for (const id of [
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'PRELOAD_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'INSECURE_CONTENT_JS_CHECK',
      'PROTOCOL_HANDLER_JS_CHECK',
    ]) {
      expect(ids.has(id), id).toBe(false);
    }
  });
});
