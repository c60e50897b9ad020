import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_INVOKE_CHANNEL } from '@shared/ipc/bridge';
import { efficiencyDraft } from '../ipc/app-fixture';
import { createFakeElectron } from './fake-electron';
import { FAKE_ELECTRON_VERSION, provideProjectFiles } from './project-tree';

let appPath: string;
/** Every time the app reached for electron-updater's autoUpdater. */
let updaterLoads = 0;

beforeEach(async () => {
  appPath = await mkdtemp(join(tmpdir(), 'acm-desktop-'));
  Object.defineProperty(process.versions, 'electron', { value: FAKE_ELECTRON_VERSION, configurable: true, enumerable: true });
  updaterLoads = 0;
  vi.resetModules();
  vi.doMock('electron-updater', () => {
    const electronUpdater = {
      get autoUpdater() {
        updaterLoads++;
        throw new Error('a test must never construct the updater');
      },
    };
    return { ...electronUpdater, default: electronUpdater };
  });
});
afterEach(async () => {
  vi.doUnmock('electron');
  vi.doUnmock('electron-updater');
  Reflect.deleteProperty(process.versions, 'electron');
  await rm(appPath, { recursive: true, force: true });
});

async function startApp() {
  await provideProjectFiles(appPath);
  const fake = createFakeElectron({ appPath });
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  await import('../../../electron/main');
  const outcome = await Promise.race([fake.loaded.then(() => 'loaded'), fake.exit.then(() => `exited: ${JSON.stringify(fake.record.errorBoxes)}`)]);
  expect(outcome).toBe('loaded');
  const page = fake.record.windows[0].url as string;
  const invoke = async (channel: string, request: unknown = {}) => {
    const reply = (await fake.record.ipcHandlers.get(ELECTRON_INVOKE_CHANNEL)?.({ senderFrame: { url: page } }, channel, request)) as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
    if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
    return reply.value as never;
  };
  const quit = async () => {
    fake.electron.app.emit('before-quit', { preventDefault: () => undefined });
    await fake.quitting;
  };
  return { ...fake, invoke, quit };
}

describe('the desktop settings in the running app', () => {
  it('keep the computer awake while agents run once turned on, let it sleep after the kill switch, and set the login item', async () => {
    const app = await startApp();
    const agent: { id: string } = await app.invoke('agents.create', { definition: efficiencyDraft() });
    await app.invoke('agents.activate', { id: agent.id });
    const workspaces: { agents: { active: number } }[] = await app.invoke('workspaces.list');
    expect(workspaces.some((w) => w.agents.active > 0)).toBe(true);
    // Off by default: an agent runs, and the computer may still sleep.
    expect(app.record.powerBlockers.size).toBe(0);

    await app.invoke('desktop.saveSettings', { keepAwake: true });
    await vi.waitFor(() => expect([...app.record.powerBlockers.values()]).toEqual(['prevent-app-suspension']));
    // Linux has no login items Electron can set: the setting is refused there, and set elsewhere.
    if (process.platform === 'linux') await expect(app.invoke('desktop.saveSettings', { openAtLogin: true })).rejects.toThrow(/INVALID_INPUT/);
    else {
      await app.invoke('desktop.saveSettings', { openAtLogin: true });
      expect(app.record.loginItems.map((item) => item.openAtLogin)).toEqual([true]);
    }

    await app.invoke('workspaces.pauseAll');
    await vi.waitFor(() => expect(app.record.powerBlockers.size).toBe(0));
    await app.invoke('workspaces.resumeAll');
    await vi.waitFor(() => expect(app.record.powerBlockers.size).toBe(1));
    await app.quit();
    expect(app.record.powerBlockers.size).toBe(0);
    expect(updaterLoads).toBe(0);
  });

  it('start from the defaults, with a warning, when the preferences file is corrupt; and never load the updater in a development build or a test', async () => {
    const userData = join(appPath, 'appData', 'Agentic Campaign Manager (development)');
    await mkdir(userData, { recursive: true });
    await writeFile(join(userData, 'preferences.json'), '{ not json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const app = await startApp();
      const settings: { preferences: { keepAwake: boolean; checkForUpdates: boolean }; problem?: string } = await app.invoke('desktop.settings');
      expect(settings.preferences).toMatchObject({ keepAwake: false, checkForUpdates: false });
      expect(settings.problem).toMatch(/preferences\.json is not JSON/);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[acm\] .*preferences\.json is not JSON/));
      const checked: { update: { state: string; message?: string } } = await app.invoke('desktop.checkForUpdates');
      expect(checked.update).toMatchObject({ state: 'error', message: expect.stringMatching(/development build/) });
      await app.quit();
      expect(updaterLoads).toBe(0);
    } finally {
      warn.mockRestore();
    }
  });
});
