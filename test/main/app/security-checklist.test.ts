// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), all 20 items, one test
// each, against the functions that implement them. The other files in this folder test each piece in
// depth; this one is the index a reviewer can read top to bottom.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Session, WebContents } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api.ts';
import { checkSender } from '../../../main/app/ipc.ts';
import { CONTENT_SECURITY_POLICY, registerAppScheme, resolveAppPath, serveAppRequest } from '../../../main/app/protocol.ts';
import { guardSession, guardWebContents, isAllowedExternal } from '../../../main/app/security.ts';
import { rendererLocation, windowOptions } from '../../../main/app/window.ts';
import { repoRoot } from '../../support/paths.ts';
import { FakeWebContents } from './fake-electron.ts';

const builderConfig = createRequire(import.meta.url)('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string): Promise<{ electronFuses?: Record<string, boolean> }>;
};

const exposed = vi.hoisted(() => [] as [string, Record<string, unknown>][]);
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void exposed.push([key, api]) },
  ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on() {}, removeListener() {} },
}));

const prefs = windowOptions({ preload: '/p/preload.cjs', isPackaged: true }).webPreferences!;
const opened: string[] = [];
const contents = new FakeWebContents();
guardWebContents(contents as unknown as WebContents, { trustedOrigin: 'app://ringfence', openExternal: async (u) => void opened.push(u), log: () => {} });
const session = Object.assign(new EventEmitter(), {
  request: null as null | ((...a: unknown[]) => void),
  setPermissionRequestHandler(h: (...a: unknown[]) => void) {
    this.request = h;
  },
  setPermissionCheckHandler() {},
  setDevicePermissionHandler() {},
  setDisplayMediaRequestHandler() {},
});
guardSession(session as unknown as Session, () => {});
const attempt = (event: string, ...args: unknown[]) => {
  let prevented = false;
  contents.emit(event, { url: args[0], preventDefault: () => (prevented = true) }, ...args);
  return prevented;
};

beforeAll(async () => {
  await import('../../../main/preload.ts');
});

describe("Electron's security checklist", () => {
  it('1. only loads secure content: our own app:// scheme, marked secure, and no http: source in the CSP', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'http://example.com' }).url).toBe('app://ringfence/index.html');
    const privileged: { privileges: { secure?: boolean } }[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void privileged.push(...(s as never[])) });
    expect(privileged[0]!.privileges.secure).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|ws:|\*/);
  });

  it('2. gives no renderer Node integration', () => {
    expect([prefs.nodeIntegration, prefs.nodeIntegrationInWorker, prefs.nodeIntegrationInSubFrames]).toEqual([false, false, false]);
  });

  it('3. isolates the context', () => expect(prefs.contextIsolation).toBe(true));

  it('4. sandboxes the renderer', () => expect(prefs.sandbox).toBe(true));

  it('5. handles (refuses) session permission requests', () => {
    let granted: boolean | null = null;
    session.request!({}, 'geolocation', (g: boolean) => (granted = g), {});
    expect(granted).toBe(false);
  });

  it('6. does not disable webSecurity', () => expect(prefs.webSecurity).toBe(true));

  it("7. defines a Content-Security-Policy with script-src 'self'", async () => {
    const res = await serveAppRequest(join(repoRoot, 'renderer'), new Request('app://ringfence/index.html'));
    expect(res.headers.get('content-security-policy')).toMatch(/(^|; )script-src 'self'(;|$)/);
  });

  it('8. does not allow running insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));

  it('9. does not enable experimental features', () => expect(prefs.experimentalFeatures).toBe(false));

  it('10. does not use enableBlinkFeatures', () => expect(prefs).not.toHaveProperty('enableBlinkFeatures'));

  it('11. <webview>: no allowpopups, because no <webview> at all', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(attempt('will-attach-webview', {}, { allowpopups: 'true' })).toBe(true);
  });

  it('12. <webview>: options are verified, by refusing every attach', () => {
    expect(attempt('will-attach-webview', { nodeIntegration: true, preload: '/evil.js' }, { src: 'app://ringfence/' })).toBe(true);
  });

  it('13. limits navigation to our own origin', () => {
    expect(attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(attempt('will-navigate', 'app://ringfence/index.html')).toBe(false);
  });

  it('14. denies the creation of new windows', () => {
    expect(contents.windowOpenHandler!({ url: 'app://ringfence/index.html' })).toEqual({ action: 'deny' });
  });

  it('15. opens only allow-listed https links with shell.openExternal', () => {
    expect(isAllowedExternal('https://github.com/')).toBe(true);
    expect(['file:///etc/passwd', 'smb://host/share', 'http://github.com/', 'javascript:alert(1)'].map(isAllowedExternal)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('16. uses a current Electron (the installed one is the pinned major, 45 or later)', () => {
    const installed = (createRequire(import.meta.url)('electron/package.json') as { version: string }).version;
    const pinned = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;
    expect(Number(installed.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(pinned.replace(/^\D*/, '').split('.')[0]).toBe(installed.split('.')[0]);
  });

  it('17. validates the sender of every IPC message: a foreign origin and a subframe are refused', () => {
    expect(checkSender({ url: 'https://evil.example/', parent: null }, 'app://ringfence').ok).toBe(false);
    expect(checkSender({ url: 'app://ringfence/index.html', parent: {} }, 'app://ringfence').ok).toBe(false);
    expect(checkSender({ url: 'app://ringfence/index.html', parent: null }, 'app://ringfence').ok).toBe(true);
  });

  it('18. avoids file://: the page is never loaded from it and the app:// handler never serves it', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'file:///tmp/index.html' }).url).toBe('app://ringfence/index.html');
    expect(resolveAppPath('/app/out/renderer', 'file:///etc/passwd').ok).toBe(false);
  });

  it('19. sets the fuses (runAsNode, NODE_OPTIONS, --inspect off; asar only; no file:// privileges)', async () => {
    // Read by electron-builder's own loader, so a fuse nested under the wrong key (or spelled wrong) fails.
    const config = await builderConfig.getConfig(repoRoot, join(repoRoot, 'electron-builder.yml'));
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('20. exposes no Electron API to the page: one object with the contract methods and onEvent only', () => {
    expect(exposed.map(([key]) => key)).toEqual(['ringfence']);
    expect(Object.keys(exposed[0]![1]).sort()).toEqual([...methodNames, 'onEvent'].sort());
  });
});
