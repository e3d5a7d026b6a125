// A stand-in for the `electron` module: Electron's binary cannot be downloaded here, so the shell is tested
// against objects that record what it asked for. Tests mock 'electron' with this module:
//   vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule);
// Every fake is a stable object; `resetElectron()` clears what it recorded between tests.
import { EventEmitter } from 'node:events';

type Handler = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Handler | null = null;
  reloads = 0;
  isDestroyed = () => this.destroyed;
  getURL = () => this.url;
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
  setWindowOpenHandler = (h: Handler) => void (this.windowOpenHandler = h);
  reload = () => void (this.reloads += 1);
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.all.filter((w) => !w.destroyed);
  options: unknown;
  webContents = new FakeWebContents();
  visible = false;
  focused = 0;
  minimized = false;
  destroyed = false;
  constructor(options: unknown) {
    super();
    this.options = options;
    FakeBrowserWindow.all.push(this);
  }
  loadURL = async (url: string) => {
    this.webContents.url = url;
    this.emit('ready-to-show');
  };
  show = () => void (this.visible = true);
  hide = () => void (this.visible = false);
  focus = () => void (this.focused += 1);
  isMinimized = () => this.minimized;
  restore = () => void (this.minimized = false);
  isDestroyed = () => this.destroyed;
  /** What the user's close button does: 'close' (preventable), then, unless prevented, 'closed'. */
  userClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return !prevented;
  }
}

class FakeApp extends EventEmitter {
  lock = true;
  ready = false;
  isPackaged = true;
  userData = '/nonexistent';
  home = '/nonexistent';
  quitCalls = 0;
  exitCode: number | null = null;
  loginItem: unknown = null;
  #ready: () => void = () => {};
  #whenReady = new Promise<void>((r) => (this.#ready = r));
  requestSingleInstanceLock = () => this.lock;
  getPath = (name: string) => (name === 'home' ? this.home : this.userData);
  getVersion = () => '0.1.0';
  getLocale = () => 'en-GB';
  isReady = () => this.ready;
  whenReady = () => this.#whenReady;
  setLoginItemSettings = (s: unknown) => void (this.loginItem = s);
  setPath = (name: string, path: string) => void (name === 'userData' && (this.userData = path));
  appUserModelId: string | null = null;
  setAppUserModelId = (id: string) => void (this.appUserModelId = id);
  getLoginItemSettings = () => ({ wasOpenedAtLogin: false });
  quit = () => {
    this.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
  };
  exit = (code: number) => void (this.exitCode = code);
  makeReady() {
    this.ready = true;
    this.#ready();
  }
  reset() {
    this.removeAllListeners();
    Object.assign(this, { lock: true, ready: false, isPackaged: true, quitCalls: 0, exitCode: null, loginItem: null, appUserModelId: null });
    this.#whenReady = new Promise<void>((r) => (this.#ready = r));
  }
}

export const app = new FakeApp();

export const ipcMain = Object.assign(new EventEmitter(), {
  handlers: new Map<string, Handler>(),
  handle(channel: string, h: Handler) {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, h);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
});

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, Handler>(),
  registerSchemesAsPrivileged(s: unknown[]) {
    this.privileged.push(...s);
  },
  handle(scheme: string, h: Handler) {
    this.handlers.set(scheme, h);
  },
};

export const defaultSession = Object.assign(new EventEmitter(), {
  permissionRequest: null as Handler | null,
  permissionCheck: null as Handler | null,
  devicePermission: null as Handler | null,
  displayMedia: null as Handler | null,
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequest = h;
  },
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheck = h;
  },
  setDevicePermissionHandler(h: Handler) {
    this.devicePermission = h;
  },
  setDisplayMediaRequestHandler(h: Handler) {
    this.displayMedia = h;
  },
});

export const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };

export class FakeNotification extends EventEmitter {
  static shown: { title: string; body: string }[] = [];
  static supported = true;
  static isSupported = () => FakeNotification.supported;
  readonly options: { title: string; body: string };
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
  }
  show = () => void FakeNotification.shown.push(this.options);
}

export class FakeTray extends EventEmitter {
  static current: FakeTray | null = null;
  tooltip = '';
  menu: { template: Record<string, unknown>[] } | null = null;
  images = 0;
  constructor(_image: unknown) {
    super();
    FakeTray.current = this;
  }
  setImage = () => void (this.images += 1);
  setToolTip = (t: string) => void (this.tooltip = t);
  setContextMenu = (m: { template: Record<string, unknown>[] }) => void (this.menu = m);
  destroy = () => {};
}

export const powerMonitor = new EventEmitter();

export const dialog = { errors: [] as string[], showErrorBox: (title: string, body: string) => void dialog.errors.push(`${title}: ${body}`) };

export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  protocol,
  session: { defaultSession },
  shell,
  Notification: FakeNotification,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: Record<string, unknown>[]) => ({ template }) },
  nativeImage: { createFromBuffer: (buffer: Buffer) => ({ buffer }) },
  dialog,
  powerMonitor,
};
// electron-store does `import electron from 'electron'` and reads app and ipcMain from the default export.
export default electronModule;

export function resetElectron(): void {
  app.reset();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  defaultSession.removeAllListeners();
  shell.opened = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  FakeBrowserWindow.all = [];
  FakeTray.current = null;
  dialog.errors = [];
  powerMonitor.removeAllListeners();
}
