import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchUncaughtErrors } from '../../../electron/main/uncaught-errors';
import { jsonLinesLogger } from '../../../electron/host/logging/json-lines-logger';
import { createRedactor } from '../../../electron/host/logging/redact';
import { createFakeElectron } from './fake-electron';
import { FAKE_ELECTRON_VERSION, provideProjectFiles } from './project-tree';

let appPath: string;

beforeEach(async () => {
  appPath = await mkdtemp(join(tmpdir(), 'acm-logs-'));
  Object.defineProperty(process.versions, 'electron', { value: FAKE_ELECTRON_VERSION, configurable: true, enumerable: true });
  vi.resetModules();
});
afterEach(async () => {
  vi.doUnmock('electron');
  Reflect.deleteProperty(process.versions, 'electron');
  await rm(appPath, { recursive: true, force: true });
});

describe('the app’s logs and crash dumps', () => {
  it('writes its log in the platform’s log folder, keeps crash dumps local, and opens the folder from the Help menu', async () => {
    await provideProjectFiles(appPath);
    const fake = createFakeElectron({ appPath });
    vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
    const quiet = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      await import('../../../electron/main');
      const { record, loaded, exit, quitting, electron } = fake;
      expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
      const logsFolder = electron.app.getPath('logs');
      expect(record.crashReporter).toEqual([{ uploadToServer: false }]);

      const help = record.appMenu.find((item) => item.label === undefined && item.submenu?.some((each) => each.label === 'Open logs folder'));
      help?.submenu?.find((item) => item.label === 'Open logs folder')?.click?.();
      expect(record.openedPaths).toEqual([logsFolder]);

      const log = readFileSync(join(logsFolder, 'main.log'), 'utf8');
      expect(log).toContain(`log ${join(logsFolder, 'main.log')}, crash dumps in ${electron.app.getPath('crashDumps')}`);
      expect(log).toMatch(/\[info\]/);
      electron.app.emit('before-quit', { preventDefault: () => undefined });
      await quitting;
    } finally {
      quiet.mockRestore();
    }
  });
});

describe('a window whose page dies', () => {
  it('is reloaded once, and the second time shows the crash page naming the log file, escaped', async () => {
    await provideProjectFiles(appPath);
    const fake = createFakeElectron({ appPath });
    vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
    const quiet = [vi.spyOn(console, 'info'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')].map((spy) => spy.mockImplementation(() => undefined));
    try {
      await import('../../../electron/main');
      const { record, loaded, exit, quitting, electron } = fake;
      expect(await Promise.race([loaded.then(() => 'loaded'), exit.then(() => `exited: ${JSON.stringify(record.errorBoxes)}`)])).toBe('loaded');
      await vi.waitFor(() => expect(electron.BrowserWindow.all).toHaveLength(1));
      const contents = electron.BrowserWindow.all[0].webContents;
      await vi.waitFor(() => expect(contents.listenerCount('render-process-gone')).toBe(1));

      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(record.pageLoads).toEqual(['reload']);
      contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
      expect(record.pageLoads).toHaveLength(2);
      const page = decodeURIComponent(record.pageLoads[1].replace(/^data:text\/html;charset=utf-8,/, ''));
      expect(record.pageLoads[1]).toMatch(/^data:text\/html;charset=utf-8,/);
      expect(page).toContain(`<code>${join(electron.app.getPath('logs'), 'main.log')}</code>`);
      expect(page).toContain(`content="default-src 'none'"`);
      expect(readFileSync(join(electron.app.getPath('logs'), 'main.log'), 'utf8')).toContain('stopped again; showing the crash page');
      electron.app.emit('before-quit', { preventDefault: () => undefined });
      await quitting;
    } finally {
      for (const spy of quiet) spy.mockRestore();
    }
  });

  it('never puts the log path into the page as markup', async () => {
    const { crashPageUrl } = await import('../../../electron/main/renderer-crash');
    const page = decodeURIComponent(crashPageUrl("/home/o'brien/<script>alert(1)</script>&/main.log"));
    expect(page).not.toContain('<script>');
    expect(page).toContain('/home/o&#39;brien/&lt;script&gt;alert(1)&lt;/script&gt;&amp;/main.log');
  });
});

describe('uncaught errors in main', () => {
  function watched() {
    const lines: string[] = [];
    const process = new EventEmitter();
    const stopped: unknown[] = [];
    const logger = jsonLinesLogger({ write: (line) => lines.push(line), redactor: createRedactor() });
    watchUncaughtErrors(process as unknown as NodeJS.Process, logger, (error) => stopped.push(error));
    return { process, stopped, entries: () => lines.map((line) => JSON.parse(line) as { level: string; message: string; fields: { stack: string } }) };
  }

  it('logs a rejection nobody awaited, with its stack, and goes on', () => {
    const { process, stopped, entries } = watched();
    process.emit('unhandledRejection', new Error('the outbox sender lost its socket'));
    expect(entries()).toMatchObject([{ level: 'error', fields: { error: 'the outbox sender lost its socket' } }]);
    expect(entries()[0].fields.stack).toMatch(/\n\s+at /);
    expect(stopped).toEqual([]);
  });

  it('logs an uncaught exception with its stack, then stops the app', () => {
    const { process, stopped, entries } = watched();
    const error = new TypeError('cannot read properties of undefined');
    process.emit('uncaughtException', error);
    expect(entries()).toMatchObject([{ level: 'error', message: 'uncaught exception in the main process; the app stops' }]);
    expect(entries()[0].fields.stack).toContain('TypeError: cannot read properties of undefined');
    expect(stopped).toEqual([error]);
  });
});
