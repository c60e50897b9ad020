import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  Menu,
  app,
  crashReporter,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  safeStorage,
  session,
  shell,
  type Tray,
} from 'electron';
import { dirname } from 'node:path';
import { errorFields } from '../host/logging/logger';
import { startAppLog, type AppLog } from './logging';
import { watchUncaughtErrors } from './uncaught-errors';
import { recoverRendererCrashes } from './renderer-crash';
import { runAgentCommand, type AgentCommand } from './agent-commands';
import { developmentUserData, resolveAppPaths, type AppPaths } from './app-paths';
import { createBackupCommands } from './backup-commands';
import { createExportDialog } from './export-dialog';
import { createLinkRouter, linkInArgv, registerLinkScheme } from './deep-links';
import { setUpDesktop, type DesktopSetup } from './desktop-setup';
import { describeUpdate } from '@shared/ipc/channels/desktop';
import { desktopBackups } from '../host/desktop-backup';
import { startDesktopServices, type DesktopServices } from '../host/desktop-services';
import { bindIpcServer } from './ipc-binding';
import { openMainWindow } from './main-window';
import { buildAppMenuTemplate, type AppMenuActions, type MenuActions } from './menus';
import { notify } from './notifier';
import { trayTooltip, watchAlerts } from './alert-watch';
import { registerAppScheme, serveRenderer } from './security/app-protocol';
import { buildContentSecurityPolicy } from './security/content-security-policy';
import { createExternalLinkOpener } from './security/external-links';
import { guardAllWebContents, hardenSession, type HardenContext } from './security/harden';
import { isTrustedSender } from './security/navigation-policy';
import { appLocation, devServerLocation, type RendererLocation } from './security/renderer-location';
import { createTray } from './tray';

const APP_NAME = 'Agentic Campaign Manager';
// Only called once the log is open (below, as soon as the app's folders are named).
const warn = (message: string) => appLog.logger.warn(message);
const built = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// electron-vite dev sets ELECTRON_RENDERER_URL; a packaged app never trusts it.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const location: RendererLocation = devUrl ? devServerLocation(devUrl) : appLocation();

let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let services: DesktopServices | undefined;
let unbindIpc: (() => void) | undefined;
let stopAlertWatch: (() => void) | undefined;
let desktop: DesktopSetup | undefined;
let paths: AppPaths | undefined;

let opening: Promise<BrowserWindow> | undefined;
// `acm://` links from Slack and e-mail; held until the window is up.
const links = createLinkRouter(warn);

const openWindow = () => (window && !window.isDestroyed() ? window : undefined);

/** Focuses the window, or opens it (once, even when asked twice while it loads). */
async function showWindow(): Promise<void> {
  if (!paths) return;
  if (window && !window.isDestroyed()) {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return;
  }
  opening ??= openMainWindow({
    title: APP_NAME,
    preloadPath: built('../preload/index.cjs'),
    iconPath: paths.icon,
    stateFile: paths.windowState,
    location,
    warn,
  })
    .then((opened) => {
      recoverRendererCrashes(opened.webContents, { logger: appLog.logger, logFile: appLog.file });
      return opened;
    })
    .finally(() => {
      opening = undefined;
    });
  window = await opening;
}

async function start(): Promise<void> {
  const resolved = resolveAppPaths({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    userData: app.getPath('userData'),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
  });
  paths = resolved;
  const openExternal = createExternalLinkOpener({ dialog, shell, parent: openWindow, warn });
  const hardening: HardenContext = {
    location,
    csp: buildContentSecurityPolicy({ location, devNonce: devUrl ? process.env.ACM_DEV_CSP_NONCE : undefined }),
    openExternal: (url) => void openExternal(url),
    warn,
  };
  hardenSession(session.defaultSession, hardening);
  if (location.kind === 'app') serveRenderer(session.defaultSession, built('../renderer'), location, hardening.csp);
  guardAllWebContents(app, hardening);

  if (!existsSync(resolved.nativeBinding)) {
    throw new Error(`SQLite for Electron is missing at ${resolved.nativeBinding}. Run "npm start" (it builds it) or reinstall the app.`);
  }
  desktop = await setUpDesktop({ app, powerSaveBlocker, platform: process.platform, argv: process.argv, warn });
  services = await startDesktopServices(
    resolved,
    {
      sealer: safeStorage,
      fetch: (url, init) => net.fetch(url, init),
      // Requests from the page are always checked; our own answers only in a development build, where a drift from the contract should fail loudly.
      validateResponses: !app.isPackaged,
      desktop: desktop.settings,
      exports: createExportDialog({ dialog, shell, parent: openWindow, documents: app.getPath('documents') }),
      // Google's consent page, whose address the host built itself: straight to the system browser, never a window of the app.
      openExternal: (url) => shell.openExternal(url),
    },
    warn,
  );
  const server = services.server;
  desktop.follow(server);
  // A laptop that slept missed its agents' hours: they catch up once as it wakes, not at the scheduler's next look.
  powerMonitor.on('suspend', () => warn('the computer is going to sleep; the agents catch up when it wakes'));
  powerMonitor.on('resume', () => services?.wake());
  unbindIpc = bindIpcServer({
    ipcMain,
    server,
    isTrustedSender: (url) => isTrustedSender(url, location),
    eventTargets: () => BrowserWindow.getAllWindows().map((each) => each.webContents),
    warn,
  });

  const actions: MenuActions = {
    showWindow: () => void showWindow().catch(fail),
    runCommand: (command: AgentCommand) => void runAgentCommand(server, command, notify),
    quit: () => app.quit(),
  };
  const backupCommands = createBackupCommands({
    dialog,
    parent: openWindow,
    backups: desktopBackups(resolved),
    documents: app.getPath('documents'),
    stopServices,
    relaunch: () => {
      app.relaunch();
      app.exit(0);
    },
  });
  const menuActions: AppMenuActions = {
    ...actions,
    backUp: () => void backupCommands.backUp(),
    restore: () => void backupCommands.restore(),
    openLogsFolder: () => void shell.openPath(dirname(appLog.file)),
    checkForUpdates: () =>
      void desktop?.settings.checkForUpdates().then((found) => dialog.showMessageBox({ message: describeUpdate(found.update, found.version) })),
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildAppMenuTemplate({ appName: APP_NAME, platform: process.platform, development: Boolean(devUrl) }, menuActions)),
  );
  tray = createTray(resolved.trayIcon, APP_NAME, actions);
  const shownTray = tray;
  stopAlertWatch = watchAlerts(
    server,
    {
      setCount: (count) => {
        shownTray.setToolTip(trayTooltip(APP_NAME, count));
        // macOS shows a title beside the icon; elsewhere the tooltip carries the count.
        if (process.platform === 'darwin') shownTray.setTitle(count.total > 0 ? String(count.total) : '');
      },
      notify,
    },
    warn,
  );
  // Started by the login item, the app waits in the tray until it is asked for.
  if (!desktop.startedHidden) await showWindow();
  links.attach(async () => {
    await showWindow();
    return openWindow()?.webContents;
  });
  // Started by a link (Windows, Linux): it is among the arguments.
  const launchLink = linkInArgv(process.argv);
  if (launchLink) links.open(launchLink);
}

/** Stops the agents and closes the databases, and with them the lock: before quitting, and before a restore. */
async function stopServices(): Promise<void> {
  const running = services;
  services = undefined;
  unbindIpc?.();
  stopAlertWatch?.();
  desktop?.stop();
  await running?.close();
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  appLog.logger.error('the app could not start', errorFields(error));
  dialog.showErrorBox(`${APP_NAME} could not start`, message);
  app.exit(1);
}

app.enableSandbox();
registerAppScheme(protocol);
// Before anything reads userData (the single-instance lock lives there); a development build keeps a folder of its own.
app.setName(APP_NAME);
const developmentFolder = developmentUserData({ packaged: app.isPackaged, appData: app.getPath('appData'), name: APP_NAME });
if (developmentFolder) app.setPath('userData', developmentFolder);
const appLog: AppLog = startAppLog(app.getPath('logs'));
// Crash dumps stay on this machine (nothing is uploaded), for a person to send if they choose.
crashReporter.start({ uploadToServer: false });
appLog.logger.info(`${APP_NAME} ${app.getVersion()} started; log ${appLog.file}, crash dumps in ${app.getPath('crashDumps')}`);
watchUncaughtErrors(process, appLog.logger, (error) => {
  void stopServices()
    .catch((closing: unknown) => appLog.logger.error('could not stop the agents cleanly', errorFields(closing)))
    .finally(() => {
      dialog.showErrorBox(`${APP_NAME} stopped after an error`, `${error instanceof Error ? error.message : String(error)}\n\nThe log is ${appLog.file}`);
      app.exit(1);
    });
});
if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database: hand over to it (it shows its window) and leave.
  app.quit();
} else {
  registerLinkScheme(app, process, warn);
  // A link opened while the app runs: Windows and Linux start a second instance with it as an argument…
  app.on('second-instance', (_event, argv: string[]) => {
    const link = linkInArgv(argv);
    if (link) links.open(link);
    else void showWindow().catch(fail);
  });
  // …macOS sends it here, at launch too (so this is listened to before the app is ready).
  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.open(url);
  });
  app.on('activate', () => void showWindow().catch(fail));
  // Agents keep working from the tray when the window closes; Quit in the tray or menu ends the app.
  app.on('window-all-closed', () => {
    if (!tray) app.quit();
  });
  // Quitting waits for the agents' current cycle and closes the database cleanly, then quits for real.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !services) return;
    event.preventDefault();
    stopServices()
      .catch((error: Error) => warn(`could not shut down cleanly: ${error.message}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fail);
}
