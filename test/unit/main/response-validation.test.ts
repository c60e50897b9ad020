import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_INVOKE_CHANNEL } from '@shared/ipc/bridge';
import type { Handlers } from '@shared/ipc/contract';
import type { createDispatcher } from '@ipc/dispatcher';
import { electronSqlitePath } from '../../../electron/main/native/native-paths';
import { createFakeElectron } from './fake-electron';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const FAKE_ELECTRON_VERSION = '45.4.1';
const nodeSqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
let appPath: string;

beforeEach(async () => {
  appPath = await mkdtemp(join(tmpdir(), 'acm-validation-'));
  Object.defineProperty(process.versions, 'electron', { value: FAKE_ELECTRON_VERSION, configurable: true, enumerable: true });
  vi.resetModules();
});
afterEach(async () => {
  vi.doUnmock('electron');
  vi.doUnmock('../../../electron/ipc/dispatcher');
  Reflect.deleteProperty(process.versions, 'electron');
  Reflect.deleteProperty(process, 'resourcesPath');
  await rm(appPath, { recursive: true, force: true });
});

/** The files the app reads, where each build finds them: the project tree, or the installed app's resources folder. */
async function provideFiles(packaged: boolean): Promise<void> {
  if (packaged) {
    const resources = join(appPath, 'resources');
    Object.defineProperty(process, 'resourcesPath', { value: resources, configurable: true });
    await mkdir(join(resources, 'native'), { recursive: true });
    await copyFile(nodeSqlite, join(resources, 'native', 'better_sqlite3.node'));
    await symlink(join(root, 'electron', 'store', 'migrations'), join(resources, 'migrations'));
    await symlink(join(root, 'resources', 'scenarios'), join(resources, 'scenarios'));
    return;
  }
  const binding = electronSqlitePath(appPath, { electronVersion: FAKE_ELECTRON_VERSION, platform: process.platform, arch: process.arch });
  await mkdir(join(binding, '..'), { recursive: true });
  await copyFile(nodeSqlite, binding);
  await mkdir(join(appPath, 'electron', 'store'), { recursive: true });
  await symlink(join(root, 'electron', 'store', 'migrations'), join(appPath, 'electron', 'store', 'migrations'));
  await symlink(join(root, 'resources'), join(appPath, 'resources'));
}

/**
 * Starts the app's main process with one bug planted in the IPC server: `app.info` answers
 * something the contract does not allow. What the page then receives tells whether the
 * answers are checked.
 */
async function startWithDriftingHandler(packaged: boolean) {
  await provideFiles(packaged);
  const fake = createFakeElectron({ appPath, packaged });
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  vi.doMock('../../../electron/ipc/dispatcher', async (importOriginal) => {
    const real = await importOriginal<{ createDispatcher: typeof createDispatcher }>();
    return {
      ...real,
      createDispatcher: (handlers: Handlers, options: Parameters<typeof createDispatcher>[1]) => {
        const planted: Handlers = 'app.info' in handlers ? { ...handlers, 'app.info': async () => ({ version: 42 }) as never } : handlers;
        return real.createDispatcher(planted, { ...options, log: () => undefined });
      },
    };
  });
  await import('../../../electron/main');
  const { record, loaded, exit, quitting, electron } = fake;
  expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
  const page = record.windows[0].url as string;
  const invoke = (channel: string, request: unknown) => record.ipcHandlers.get(ELECTRON_INVOKE_CHANNEL)!({ senderFrame: { url: page } }, channel, request);
  const quit = async () => {
    electron.app.emit('before-quit', { preventDefault: () => undefined });
    await quitting;
  };
  return { invoke, quit };
}

describe("the app's answers over IPC", () => {
  it('are checked against the contract in a development build, so a handler that drifts fails there', async () => {
    const { invoke, quit } = await startWithDriftingHandler(false);
    try {
      expect(await invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('response of app.info') } });
    } finally {
      await quit();
    }
  });

  it('go out unchecked from the packaged app, while what the page asks is still checked', async () => {
    const { invoke, quit } = await startWithDriftingHandler(true);
    try {
      expect(await invoke('app.info', {})).toEqual({ ok: true, value: { version: 42 } });
      expect(await invoke('app.info', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await invoke('decisions.page', { limit: 'all' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', path: 'limit' } });
    } finally {
      await quit();
    }
  });
});
