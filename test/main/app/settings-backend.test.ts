// The desktop settings file through the real electron-store (with Electron mocked) and the shared
// SettingsStore: same schema, same file name as headless mode, corrupt files backed up.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../shared/settings.ts';
import { SettingsStore, openSettings } from '../../../main/settings/index.ts';
import { electronStoreBackend } from '../../../main/app/settings-backend.ts';
import { app, ipcMain, resetElectron } from './fake-electron.ts';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.ts');
  return { ...fake.electronModule, default: fake.electronModule };
});

let dir: string;
beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'ringfence-settings-'));
  app.userData = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => new SettingsStore(electronStoreBackend(dir, ipcMain), { firstRun: { homeCountry: 'GB' } });

describe('the electron-store settings backend', () => {
  it('writes first-run defaults to <dataDir>/settings.json', () => {
    const store = open();
    expect(store.get()).toEqual({ ...defaultSettings(), homeCountry: 'GB' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual(store.get());
  });

  it('keeps a change across a restart of the app', () => {
    open().update({ startAtLogin: true, screening: { shield: { calls: 8 } }, notifications: { blockedSummary: false } });
    const again = open().get();
    expect(again.startAtLogin).toBe(true);
    expect(again.screening.shield.calls).toBe(8);
    expect(again.notifications).toEqual({ ringThrough: true, blockedSummary: false });
  });

  it('shares the file with headless mode (the CLI reads what the app wrote)', () => {
    open().update({ language: 'zh' });
    expect(openSettings(dir).get().language).toBe('zh');
    openSettings(dir).update({ theme: 'dark' });
    expect(open().get().theme).toBe('dark');
  });

  it('rejects an invalid change and leaves the file as it was', () => {
    const store = open();
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(() => store.update({ screening: { shield: { calls: 0 } } })).toThrow(/screening\.shield\.calls/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
  });

  it('backs up a corrupt file, starts from defaults and tells the user', () => {
    writeFileSync(join(dir, 'settings.json'), '{"language": "zh", "startAtLo');
    const store = open();
    expect(store.get()).toEqual({ ...defaultSettings(), homeCountry: 'GB' });
    const backups = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe('{"language": "zh", "startAtLo');
    expect(store.notices).toEqual([expect.objectContaining({ code: 'settings-reset', level: 'warning' })]);
    expect(store.notices[0]!.text.zh).toContain('无法读取设置文件');
  });

  it('backs up a file with an invalid value the same way', () => {
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ homeCountry: 'Britain' }));
    const store = open();
    expect(store.get().homeCountry).toBe('GB');
    expect(store.notices[0]!.text.en).toMatch(/homeCountry/);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it("removes electron-store's unchecked IPC listener (every IPC message must check its sender)", async () => {
    // A fresh electron-store module: it registers its listener once per module instance.
    vi.resetModules();
    const fresh = await import('../../../main/app/settings-backend.ts');
    const electron = (await import('electron')) as unknown as { ipcMain: typeof ipcMain };
    expect(electron.ipcMain).toBe(ipcMain);
    const registered = vi.spyOn(ipcMain, 'on');
    new SettingsStore(fresh.electronStoreBackend(dir, ipcMain)).update({ theme: 'light' });
    expect(registered).toHaveBeenCalledWith('electron-store-get-data', expect.any(Function));
    expect(ipcMain.listenerCount('electron-store-get-data')).toBe(0);
  });
});
