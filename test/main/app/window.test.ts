import { describe, expect, it } from 'vitest';
import { closeDecision, rendererLocation, windowOptions } from '../../../main/app/window.ts';

describe('the main window options', () => {
  const prefs = windowOptions({ preload: '/app/out/preload/preload.cjs', isPackaged: true }).webPreferences!;

  it('sandboxes the page, isolates its context and gives it no Node (checklist 2, 3, 4, 20)', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/preload.cjs');
  });

  it('keeps web security, refuses insecure content, experimental and Blink features (checklist 6, 8, 9, 10)', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('allows no <webview> tag and no navigation by dropping a file on the window (checklist 11, 12, 13)', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
  });

  it('offers DevTools only to an unpackaged development build', () => {
    expect(prefs.devTools).toBe(false);
    expect(windowOptions({ preload: 'p', isPackaged: false }).webPreferences!.devTools).toBe(true);
  });

  it('starts hidden so the page is shown only once it has painted', () => {
    expect(windowOptions({ preload: 'p', isPackaged: true }).show).toBe(false);
  });
});

describe('where the page comes from', () => {
  it('is app://ringfence in the packaged app, whatever the environment says (checklist 18)', () => {
    expect(rendererLocation({ isPackaged: true, devServerUrl: 'http://localhost:5173' })).toEqual({
      url: 'app://ringfence/index.html',
      origin: 'app://ringfence',
    });
  });

  it('is the loopback dev server while developing', () => {
    expect(rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    });
  });

  it('never trusts a remote or non-http dev server URL', () => {
    for (const devServerUrl of ['http://evil.example:5173', 'https://localhost.evil.example', 'file:///tmp/index.html', 'not a url']) {
      expect(rendererLocation({ isPackaged: false, devServerUrl }).origin).toBe('app://ringfence');
    }
  });
});

describe('closing the window', () => {
  it('keeps screening in the tray and tells the user the first time only', () => {
    expect(closeDecision({ quitting: false, trayHintShown: false })).toEqual({ keepRunning: true, tellUser: true });
    expect(closeDecision({ quitting: false, trayHintShown: true })).toEqual({ keepRunning: true, tellUser: false });
  });

  it('really closes while the app is quitting', () => {
    expect(closeDecision({ quitting: true, trayHintShown: false })).toEqual({ keepRunning: false, tellUser: false });
  });
});
