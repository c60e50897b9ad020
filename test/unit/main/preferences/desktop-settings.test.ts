import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopPreferencesPatchSchema, desktopPreferencesSchema } from '@shared/ipc/channels/desktop';
import type { IpcServer } from '../../../../electron/ipc/server';
import { watchAgentActivity } from '../../../../electron/main/agent-activity';
import { loginItem } from '../../../../electron/main/login-item';
import { createKeepAwake } from '../../../../electron/main/power';
import { openDesktopSettings } from '../../../../electron/main/preferences/desktop-settings';
import { createUpdates, type Updater } from '../../../../electron/main/updates';

let folder: string;
beforeEach(async () => (folder = await mkdtemp(join(tmpdir(), 'acm-prefs-'))));
afterEach(() => rm(folder, { recursive: true, force: true }));

/** Electron's powerSaveBlocker, counting the blockers held. */
function fakeBlocker() {
  const held = new Set<number>();
  let next = 1;
  return {
    held,
    blocker: {
      start: vi.fn((kind: string) => {
        expect(kind).toBe('prevent-app-suspension');
        held.add(next);
        return next++;
      }),
      stop: vi.fn((id: number) => held.delete(id)),
    },
  };
}

/** The host's IPC server as the watcher sees it: workspaces with running agents, and the events that move them. */
function fakeServer(active: number[]) {
  const listeners = new Set<(event: string, payload: unknown, workspaceId?: number) => void>();
  const server = {
    handle: async () => ({ ok: true, value: active.map((count, i) => ({ id: i + 1, agents: { active: count, paused: 0 } })) }),
    onEvent: (listener: (event: string, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as IpcServer;
  const emit = (event: string) => listeners.forEach((listener) => listener(event, {}));
  return { server, emit, active };
}

const noUpdates = () =>
  createUpdates({ load: () => Promise.reject(new Error('never loaded')), packaged: false, onChange: () => undefined, warn: () => undefined });

async function open(options: { loginSupported?: boolean } = {}) {
  const { held, blocker } = fakeBlocker();
  const setLoginItemSettings = vi.fn();
  const warn = vi.fn();
  const settings = await openDesktopSettings({
    file: join(folder, 'preferences.json'),
    version: '1.2.3',
    keepAwake: createKeepAwake(blocker),
    loginItem: loginItem({ setLoginItemSettings, getLoginItemSettings: vi.fn() }, options.loginSupported === false ? 'linux' : 'win32'),
    updates: noUpdates,
    warn,
  });
  return { settings, held, blocker, setLoginItemSettings, warn };
}

describe('the preferences schema', () => {
  it('turns everything off by default and accepts only an https feed', () => {
    expect(desktopPreferencesSchema.parse({})).toEqual({ keepAwake: false, openAtLogin: false, updateFeedUrl: '', checkForUpdates: false });
    expect(desktopPreferencesSchema.parse({ updateFeedUrl: ' https://updates.agency.test/acm/ ' }).updateFeedUrl).toBe('https://updates.agency.test/acm/');
    for (const bad of ['http://updates.agency.test/', 'ftp://x.test/', 'updates.agency.test', 'https://user:pw@updates.agency.test/']) {
      expect(desktopPreferencesSchema.safeParse({ updateFeedUrl: bad }).success, bad).toBe(false);
    }
  });

  it('changes in a save only what the save names', () => {
    expect(desktopPreferencesPatchSchema.parse({ keepAwake: true })).toEqual({ keepAwake: true });
    expect(desktopPreferencesPatchSchema.safeParse({ keepAwake: true, secret: 'x' }).success).toBe(false);
  });
});

describe('the desktop settings', () => {
  it('start from the defaults on a fresh install', async () => {
    const { settings, warn } = await open();
    expect(settings.settings()).toMatchObject({
      preferences: { keepAwake: false, openAtLogin: false, updateFeedUrl: '', checkForUpdates: false },
      version: '1.2.3',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('report a corrupt file and use the defaults, and saving replaces it whole', async () => {
    const file = join(folder, 'preferences.json');
    await writeFile(file, '{"keepAwake": tru');
    const { settings, warn } = await open();
    expect(settings.preferences.keepAwake).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('is not JSON; the default settings are in force'));
    expect(settings.settings().problem).toMatch(/is not JSON/);

    await settings.save({ keepAwake: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ keepAwake: true, openAtLogin: false, updateFeedUrl: '', checkForUpdates: false });
    expect(settings.settings().problem).toBeUndefined();
  });

  it('report a file with a value out of range by name', async () => {
    await writeFile(join(folder, 'preferences.json'), JSON.stringify({ updateFeedUrl: 'http://plain.test/' }));
    const { settings, warn } = await open();
    expect(settings.preferences.updateFeedUrl).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/updateFeedUrl: must be an https:\/\/ address/));
  });

  it('keep the computer awake with one blocker while an agent runs and the setting is on, and let it sleep when all are paused', async () => {
    const { settings, held, blocker } = await open();
    const host = fakeServer([0, 2]);
    const stop = watchAgentActivity(
      host.server,
      (active) => settings.setAgentsActive(active),
      () => undefined,
    );
    await new Promise((resolve) => setImmediate(resolve));
    // Off by default: agents run, the computer may sleep.
    expect(blocker.start).not.toHaveBeenCalled();

    await settings.save({ keepAwake: true });
    await vi.waitFor(() => expect(held.size).toBe(1));

    // A second event with agents still running does not take a second blocker.
    host.emit('agent.changed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(blocker.start).toHaveBeenCalledTimes(1);

    // The kill switch: every agent paused in every workspace.
    host.active.splice(0, 2, 0, 0);
    host.emit('agent.changed');
    await vi.waitFor(() => expect(held.size).toBe(0));

    host.active.splice(0, 2, 1, 0);
    host.emit('agent.changed');
    await vi.waitFor(() => expect(held.size).toBe(1));
    await settings.save({ keepAwake: false });
    expect(held.size).toBe(0);
    stop();
  });

  it('set the login item when the setting changes, hidden to the tray on Windows', async () => {
    const { settings, setLoginItemSettings } = await open();
    await settings.save({ openAtLogin: true });
    expect(setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    await settings.save({ keepAwake: true });
    expect(setLoginItemSettings).toHaveBeenCalledTimes(1);
    await settings.save({ openAtLogin: false });
    expect(setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: ['--hidden'] });
  });

  it('refuse start at login where the system has no login items', async () => {
    const { settings } = await open({ loginSupported: false });
    expect(settings.settings().loginItemSupported).toBe(false);
    await expect(settings.save({ openAtLogin: true })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { path: 'openAtLogin' } });
  });
});

/** electron-updater's autoUpdater, answering a check as `answer` says. */
function fakeUpdater(answer: (updater: { emit(event: string, ...args: unknown[]): void }) => void) {
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: null,
    setFeedURL: vi.fn(),
    on: (event: string, handler: (...args: unknown[]) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return updater;
    },
    emit: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((handler) => handler(...args)),
    checkForUpdates: vi.fn(async () => {
      answer(updater);
      return null;
    }),
    quitAndInstall: vi.fn(),
  };
  return updater;
}

describe('the updater', () => {
  it('is never loaded without a feed, in a development build, or while checks are off', async () => {
    const load = vi.fn(async () => fakeUpdater(() => undefined) as unknown as Updater);
    const packaged = createUpdates({ load, packaged: true, onChange: () => undefined, warn: () => undefined });
    packaged.configure({ updateFeedUrl: '', checkForUpdates: true });
    expect((await packaged.checkNow()).message).toMatch(/no update feed is set/);
    packaged.configure({ updateFeedUrl: 'https://updates.agency.test/acm/', checkForUpdates: false });

    const development = createUpdates({ load, packaged: false, onChange: () => undefined, warn: () => undefined });
    development.configure({ updateFeedUrl: 'https://updates.agency.test/acm/', checkForUpdates: true });
    expect((await development.checkNow()).message).toMatch(/development build/);
    expect(load).not.toHaveBeenCalled();
  });

  it("checks the agency's generic feed and says what it found: downloading, then ready to install", async () => {
    const updater = fakeUpdater((self) => {
      self.emit('update-available', { version: '1.3.0' });
      self.emit('download-progress', { percent: 40 });
    });
    const updates = createUpdates({ load: async () => updater as unknown as Updater, packaged: true, onChange: () => undefined, warn: () => undefined });
    updates.configure({ updateFeedUrl: 'https://updates.agency.test/acm/', checkForUpdates: false });
    expect(await updates.checkNow()).toEqual({ state: 'downloading', version: '1.3.0', percent: 40 });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.agency.test/acm/' });
    expect(updates.install()).toBe(false);

    updater.emit('update-downloaded', { version: '1.3.0' });
    expect(updates.status).toEqual({ state: 'ready', version: '1.3.0' });
    expect(updates.install()).toBe(true);
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledTimes(1));
  });

  it('reports a failed check in words, and checks by itself once turned on', async () => {
    const updater = fakeUpdater(() => {
      throw new Error('HttpError: 404 Not Found');
    });
    const warn = vi.fn();
    const updates = createUpdates({ load: async () => updater as unknown as Updater, packaged: true, onChange: () => undefined, warn });
    updates.configure({ updateFeedUrl: 'https://updates.agency.test/acm/', checkForUpdates: true });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('the automatic update check failed: HttpError: 404 Not Found'));
    expect(updates.status).toEqual({ state: 'error', message: 'HttpError: 404 Not Found' });
    updates.stop();
  });
});
