import { EventEmitter } from 'node:events';

type Invoke = (event: { senderFrame: { url: string } | null }, channel: unknown, request: unknown) => Promise<unknown>;
type MenuItem = { label?: string; click?: () => void; submenu?: MenuItem[] };
type MessageBox = { message: string; detail?: string; buttons?: string[]; defaultId?: number; cancelId?: number };
type ProtocolHandler = (request: Request) => Promise<Response>;

/**
 * Just enough of Electron's main-process API to run electron/main/index.ts under plain Node:
 * it records what the shell does (hardening, IPC handlers, windows, tray, notifications,
 * dialogs, links opened, protocols, exit) so tests can check the startup sequence without the Electron binary.
 * `answerMessageBox` is the user: it picks a button of each message box; by default they press Escape.
 * `answerFileDialog` picks the file of a save or open dialog; by default they cancel.
 */
export function createFakeElectron(options: {
  appPath: string;
  singleInstance?: boolean;
  /** An installed build (`app.isPackaged`); a development build by default. */
  packaged?: boolean;
  answerMessageBox?: (box: MessageBox) => number;
  answerFileDialog?: (dialog: { kind: 'save' | 'open'; title?: string }) => string | undefined;
}) {
  const answerMessageBox = options.answerMessageBox ?? ((box: MessageBox) => box.cancelId ?? 0);
  const answerFileDialog = options.answerFileDialog ?? (() => undefined);
  // Electron's default: userData under appData, by the app's name, until the app sets it.
  const paths = new Map<string, string>([['userData', `${options.appPath}/appData/Electron`]]);
  const record = {
    sandboxEnabled: false,
    quit: 0,
    errorBoxes: [] as Array<{ title: string; content: string }>,
    messageBoxes: [] as MessageBox[],
    openedExternally: [] as string[],
    shownInFolder: [] as string[],
    /** Folders opened with `shell.openPath` (Help → Open logs folder). */
    openedPaths: [] as string[],
    /** The window page's reloads ('reload') and the URLs main loaded into it after it first loaded. */
    pageLoads: [] as string[],
    /** The options of `crashReporter.start`. */
    crashReporter: [] as Array<Record<string, unknown>>,
    privilegedSchemes: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
    protocolHandlers: new Map<string, ProtocolHandler>(),
    permissionHandlers: 0,
    ipcHandlers: new Map<string, Invoke>(),
    windows: [] as Array<{ options: Record<string, unknown>; url?: string }>,
    trayMenu: [] as MenuItem[],
    appMenu: [] as MenuItem[],
    relaunched: 0,
    /** Each `app.setLoginItemSettings` call. */
    loginItems: [] as Array<Record<string, unknown>>,
    /** Sleep blockers started and not stopped, by id, with their kind. */
    powerBlockers: new Map<number, string>(),
    notices: [] as Array<{ title: string; body: string }>,
    /** The schemes the app asked to handle (`acm` for its links), with the command the OS should start. */
    protocolClients: [] as unknown[][],
    /** What the main process sent to the windows' pages: the IPC server's events and the `acm://` links. */
    sentToPage: [] as unknown[][],
  };
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  let quitCalled!: () => void;
  const quitting = new Promise<void>((resolve) => (quitCalled = resolve));
  let noticeShown!: () => void;
  const noticed = new Promise<void>((resolve) => (noticeShown = resolve));
  let windowLoaded!: () => void;
  const loaded = new Promise<void>((resolve) => (windowLoaded = resolve));

  let ready = false;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? false,
    enableSandbox: () => void (record.sandboxEnabled = true),
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    setName: () => {},
    whenReady: () => {
      ready = true;
      return Promise.resolve();
    },
    getAppPath: () => options.appPath,
    getPath: (name: string) => paths.get(name) ?? `${options.appPath}/${name}`,
    setPath: (name: string, path: string) => {
      if (ready) throw new Error(`app.setPath('${name}') is too late once the app is ready: the single-instance lock has read it`);
      paths.set(name, path);
    },
    relaunch: () => void record.relaunched++,
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      record.protocolClients.push(args);
      return true;
    },
    quit: () => {
      record.quit++;
      quitCalled();
    },
    exit: (code: number) => exited(code),
    getVersion: () => '1.0.0',
    setLoginItemSettings: (settings: Record<string, unknown>) => void record.loginItems.push(settings),
    getLoginItemSettings: () => ({ openAtLogin: record.loginItems.at(-1)?.openAtLogin === true, wasOpenedAtLogin: false }),
  });
  const defaultSession = {
    setPermissionRequestHandler: () => void record.permissionHandlers++,
    setPermissionCheckHandler: () => void record.permissionHandlers++,
    setDevicePermissionHandler: () => void record.permissionHandlers++,
    webRequest: { onHeadersReceived: () => {}, onBeforeRequest: () => {} },
    protocol: { handle: (scheme: string, handler: ProtocolHandler) => void record.protocolHandlers.set(scheme, handler) },
  };
  class BrowserWindow extends EventEmitter {
    static all: BrowserWindow[] = [];
    static getAllWindows = () => BrowserWindow.all;
    // A test emits 'render-process-gone' on it; `pageLoads` records what the window's page became after.
    readonly webContents = Object.assign(new EventEmitter(), {
      isDestroyed: () => false,
      send: (channel: string, ...args: unknown[]) => void record.sentToPage.push([channel, ...args]),
      reload: () => void record.pageLoads.push('reload'),
      loadURL: async (url: string) => void record.pageLoads.push(url),
    });
    private readonly entry: { options: Record<string, unknown>; url?: string };
    constructor(windowOptions: Record<string, unknown>) {
      super();
      this.entry = { options: windowOptions };
      record.windows.push(this.entry);
      BrowserWindow.all.push(this);
    }
    async loadURL(url: string) {
      this.entry.url = url;
      windowLoaded();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
    show() {}
    focus() {}
    restore() {}
    maximize() {}
  }
  class Tray extends EventEmitter {
    setToolTip() {}
    setContextMenu(menu: MenuItem[]) {
      record.trayMenu = menu;
    }
  }
  class Notification {
    static isSupported = () => true;
    constructor(private readonly notice: { title: string; body: string }) {}
    show() {
      record.notices.push(this.notice);
      noticeShown();
    }
  }
  const electron = {
    app,
    session: { defaultSession },
    ipcMain: { handle: (channel: string, listener: Invoke) => void record.ipcHandlers.set(channel, listener), removeHandler: () => {} },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>) => {
        if (ready) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
        record.privilegedSchemes.push(...schemes);
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => void record.errorBoxes.push({ title, content }),
      // Like Electron's: (box) or (parent window, box).
      showMessageBox: async (...args: [MessageBox] | [unknown, MessageBox]) => {
        const box = args.length === 1 ? args[0] : args[1];
        record.messageBoxes.push(box);
        return { response: answerMessageBox(box), checkboxChecked: false };
      },
      showSaveDialog: async (...args: [{ title?: string }] | [unknown, { title?: string }]) => {
        const filePath = answerFileDialog({ kind: 'save', title: (args.length === 1 ? args[0] : args[1]).title });
        return { canceled: filePath === undefined, filePath: filePath ?? '' };
      },
      showOpenDialog: async (...args: [{ title?: string }] | [unknown, { title?: string }]) => {
        const filePath = answerFileDialog({ kind: 'open', title: (args.length === 1 ? args[0] : args[1]).title });
        return { canceled: filePath === undefined, filePaths: filePath === undefined ? [] : [filePath] };
      },
    },
    crashReporter: { start: (crashOptions: Record<string, unknown>) => void record.crashReporter.push(crashOptions) },
    shell: {
      openPath: async (path: string) => {
        record.openedPaths.push(path);
        return '';
      },
      openExternal: async (url: string) => void record.openedExternally.push(url),
      showItemInFolder: (path: string) => void record.shownInFolder.push(path),
    },
    net: { fetch: (url: string, init?: RequestInit) => fetch(url, init) },
    // A keychain stand-in: sealed text is not the text, and only this "keychain" opens it.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { buildFromTemplate: (template: MenuItem[]) => template, setApplicationMenu: (menu: MenuItem[]) => void (record.appMenu = menu) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    // The OS's sleep and wake: a test emits 'suspend' and 'resume'.
    powerMonitor: new EventEmitter(),
    powerSaveBlocker: (() => {
      let next = 1;
      return {
        start: (kind: string) => {
          record.powerBlockers.set(next, kind);
          return next++;
        },
        stop: (id: number) => record.powerBlockers.delete(id),
      };
    })(),
    BrowserWindow,
    Tray,
    Notification,
  };
  return { electron, record, exit, loaded, noticed, quitting };
}
