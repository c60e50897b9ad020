import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_INVOKE_CHANNEL, ELECTRON_LINK_CHANNEL } from '@shared/ipc/bridge';
import { createFakeElectron } from './fake-electron';
import { FAKE_ELECTRON_VERSION, provideProjectFiles } from './project-tree';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let appPath: string;

beforeEach(async () => {
  appPath = await mkdtemp(join(tmpdir(), 'acm-main-'));
  Object.defineProperty(process.versions, 'electron', { value: FAKE_ELECTRON_VERSION, configurable: true, enumerable: true });
  vi.resetModules();
});
afterEach(async () => {
  vi.doUnmock('electron');
  Reflect.deleteProperty(process.versions, 'electron');
  await rm(appPath, { recursive: true, force: true });
});

async function startMain(singleInstance = true, user: Omit<Parameters<typeof createFakeElectron>[0], 'appPath' | 'singleInstance'> = {}) {
  const fake = createFakeElectron({ appPath, singleInstance, ...user });
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  await import('../../../electron/main');
  return fake;
}

describe('the Electron main process', () => {
  it('hardens the session first, then stops with a clear error when SQLite for Electron is missing', async () => {
    const { record, exit } = await startMain();
    expect(await exit).toBe(1);
    expect(record.sandboxEnabled).toBe(true);
    expect(record.permissionHandlers).toBe(3);
    expect(record.errorBoxes).toEqual([
      {
        title: 'Agentic Campaign Manager could not start',
        content: expect.stringMatching(/^SQLite for Electron is missing at .*\.acm-electron-sqlite.*better_sqlite3\.node\. Run "npm start"/),
      },
    ]);
    expect(record.ipcHandlers.size).toBe(0);
  });

  it('leaves at once when another instance is running', async () => {
    const { record } = await startMain(false);
    expect(record.quit).toBe(1);
    expect(record.permissionHandlers).toBe(0);
    expect(record.errorBoxes).toEqual([]);
  });

  it('registers the app:// scheme as privileged before the app is ready', async () => {
    const { record } = await startMain(false);
    expect(record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens a hardened window whose page, and only it, is answered over IPC', async () => {
    await provideProjectFiles(appPath);
    const { electron, record, loaded, exit, noticed, quitting } = await startMain();
    const outcome = await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)]);
    expect(outcome).toBe('loaded');

    const [window] = record.windows;
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(window.url).toBe('app://acm/index.html');
    expect(record.protocolHandlers.has('app')).toBe(true);

    const invoke = record.ipcHandlers.get(ELECTRON_INVOKE_CHANNEL);
    expect(await invoke?.({ senderFrame: { url: window.url as string } }, 'app.info', {})).toMatchObject({ ok: true });
    expect(await invoke?.({ senderFrame: { url: 'https://evil.example/' } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const builtPage = join(root, 'out', 'renderer', 'index.html');
    expect(await invoke?.({ senderFrame: { url: pathToFileURL(builtPage).href } }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A link the page opens is put to the user first; this user presses Escape, so nothing opens.
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler) });
    electron.app.emit('web-contents-created', {}, contents);
    expect(openHandler?.({ url: 'https://docs.example.com/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(record.messageBoxes).toHaveLength(1));
    expect(record.messageBoxes[0].detail).toBe('https://docs.example.com/');
    expect(record.openedExternally).toEqual([]);

    // Whether or not this build has the command yet, the tray answers with a notice, never a crash.
    record.trayMenu.find((item) => item.label === 'Pause all agents')?.click?.();
    await noticed;
    expect(record.notices[0].title).toMatch(/^(All agents paused|Could not pause all agents)$/);

    // Quitting is held until the agents stop and the database is closed, then goes ahead.
    let held = false;
    electron.app.emit('before-quit', { preventDefault: () => (held = true) });
    expect(held).toBe(true);
    await quitting;
    expect(record.quit).toBe(1);
  });

  it('registers for acm:// links and hands the page those it was started with or sent later, and no others', async () => {
    await provideProjectFiles(appPath);
    const launchLink = 'acm://workspace/1/alert/a-1';
    process.argv.push(launchLink);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const { electron, record, loaded, exit, quitting } = await startMain();
      expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
      expect(record.protocolClients).toEqual([['acm']]);
      const links = () => record.sentToPage.filter(([channel]) => channel === ELECTRON_LINK_CHANNEL).map(([, url]) => url);
      await vi.waitFor(() => expect(links()).toEqual([launchLink]));

      electron.app.emit('second-instance', {}, ['/opt/acm/acm', 'acm://workspace/1/decision/d-1'], '/home');
      let prevented = false;
      electron.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'acm://workspace/1/agents');
      electron.app.emit('open-url', { preventDefault: () => undefined }, 'acm://workspace/1/agents?open=https://evil.example');
      await vi.waitFor(() => expect(links()).toEqual([launchLink, 'acm://workspace/1/decision/d-1', 'acm://workspace/1/agents']));
      expect(prevented).toBe(true);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[acm\] ignored a link: the link "acm:\/\/workspace\/1\/agents\?open=/));

      electron.app.emit('before-quit', { preventDefault: () => undefined });
      await quitting;
    } finally {
      process.argv.splice(process.argv.indexOf(launchLink), 1);
      warn.mockRestore();
    }
  });

  it('keeps the data of a development build in a folder of its own, set before anything reads it', async () => {
    const { electron } = await startMain(false);
    expect(electron.app.getPath('userData')).toBe(`${appPath}/appData/Agentic Campaign Manager (development)`);
  });

  it('backs up from the File menu while running, and restores a backup by restarting on it', async () => {
    await provideProjectFiles(appPath);
    const backup = join(appPath, 'backup.db');
    const { electron, record, loaded, exit } = await startMain(true, {
      answerFileDialog: () => backup,
      answerMessageBox: (box) => Math.max(0, box.buttons?.indexOf('Restore and restart') ?? 0),
    });
    expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
    const database = join(electron.app.getPath('userData'), 'acm.db');
    const file = record.appMenu.find((item) => item.label === 'File')?.submenu ?? [];

    file.find((item) => item.label === 'Back up now')?.click?.();
    await vi.waitFor(() => expect(record.messageBoxes.map((box) => box.message)).toContain(`Backed up to ${backup}`), { timeout: 30_000 });
    expect(existsSync(backup)).toBe(true);
    expect(existsSync(`${database}.lock`)).toBe(true);

    file.find((item) => item.label === 'Restore…')?.click?.();
    expect(await exit).toBe(0);
    expect(record.relaunched).toBe(1);
    expect(record.messageBoxes.map((box) => box.message)).toContain("Replace the app's data with the backup backup.db?");
    expect(readdirSync(join(database, '..')).some((name) => name.startsWith('acm.db.replaced-'))).toBe(true);
    expect(existsSync(`${database}.lock`)).toBe(false);
  });

  it('tells the agents the computer slept when it wakes, so they catch up at once', async () => {
    await provideProjectFiles(appPath);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const realNow = Date.now.bind(Date);
    let slept = 0;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + slept);
    try {
      const { electron, record, loaded, exit, quitting } = await startMain();
      expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
      electron.powerMonitor.emit('suspend');
      expect(warn).toHaveBeenCalledWith('[acm] the computer is going to sleep; the agents catch up when it wakes');
      // Three minutes asleep (three hours of the sandbox account's time), then the OS wakes the app.
      slept = 3 * 60_000;
      electron.powerMonitor.emit('resume');
      expect(warn).toHaveBeenCalledWith('[acm] woke after 3 min asleep; catching up once');
      electron.app.emit('before-quit', { preventDefault: () => undefined });
      await quitting;
    } finally {
      now.mockRestore();
      warn.mockRestore();
    }
  });

  it('exports from the page to the file chosen in a save dialog, and shows it in its folder', async () => {
    await provideProjectFiles(appPath);
    const chosen = join(appPath, 'chosen.csv');
    // The person cancels the first dialog and picks `chosen` in the next.
    const answers = [undefined, chosen];
    const dialogs: Array<string | undefined> = [];
    const { electron, record, loaded, exit, quitting } = await startMain(true, {
      answerFileDialog: ({ title }) => {
        dialogs.push(title);
        return answers.shift();
      },
    });
    expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
    const page = { senderFrame: { url: record.windows[0].url as string } };
    const invoke = (channel: string, request: unknown) => record.ipcHandlers.get(ELECTRON_INVOKE_CHANNEL)!(page, channel, request);

    expect(await invoke('decisions.export', { format: 'csv' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(existsSync(chosen)).toBe(false);
    expect(await invoke('decisions.export', { format: 'csv' })).toMatchObject({ ok: true, value: { saved: chosen, fileName: 'chosen.csv', rows: 0 } });
    expect(dialogs).toEqual(['Export CSV', 'Export CSV']);
    expect(existsSync(chosen)).toBe(true);
    expect(await invoke('decisions.showExported', { path: chosen })).toEqual({ ok: true, value: {} });
    expect(await invoke('decisions.showExported', { path: join(appPath, 'other.csv') })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(record.shownInFolder).toEqual([chosen]);
    electron.app.emit('before-quit', { preventDefault: () => undefined });
    await quitting;
  });
});
