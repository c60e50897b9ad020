import type { MessageBoxOptions } from 'electron';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desktopBackups } from '../../../electron/host/desktop-backup';
import { createBackupCommands, type BackupCommandDeps } from '../../../electron/main/backup-commands';
import { DEFAULT_MIGRATIONS_FOLDER, openDatabase, type Store } from '@store/index';
import { tempDir } from '../../integration/store/temp-dir';
import { contentOf, writeHomeWithWorkspaces } from '../../integration/store/backup/database-files';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const NODE_SQLITE = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const NOW = Date.UTC(2026, 2, 8, 10, 30);

let tmp: ReturnType<typeof tempDir>;
let running: Store | undefined;
beforeEach(() => (tmp = tempDir()));
afterEach(() => {
  running?.close();
  running = undefined;
  tmp.remove();
});

/**
 * The shell around the app's database, as the menu drives it: `user` answers the dialogs (the
 * file to save to, the file to open, the button pressed), and everything shown is recorded.
 */
function shell(user: { saveTo?: string; open?: string; press?: 'Restore and restart' | 'Cancel'; stopLeavesLock?: boolean }) {
  const database = tmp.file('acm.db');
  writeHomeWithWorkspaces(database, 1);
  running = openDatabase({ path: database, lock: true });
  const seen = { saveDialogs: [] as Record<string, unknown>[], boxes: [] as MessageBoxOptions[], stopped: 0, relaunched: 0 };
  const answer = (box: MessageBoxOptions) => (user.press ? (box.buttons ?? []).indexOf(user.press) : (box.cancelId ?? 0));
  const deps: BackupCommandDeps = {
    dialog: {
      showSaveDialog: (async (options: Record<string, unknown>) => {
        seen.saveDialogs.push(options);
        return { canceled: !user.saveTo, filePath: user.saveTo ?? '' };
      }) as never,
      showOpenDialog: (async () => ({ canceled: !user.open, filePaths: user.open ? [user.open] : [] })) as never,
      showMessageBox: (async (box: MessageBoxOptions) => {
        seen.boxes.push(box);
        return { response: answer(box), checkboxChecked: false };
      }) as never,
    },
    parent: () => undefined,
    backups: desktopBackups({ database, nativeBinding: NODE_SQLITE, migrations: DEFAULT_MIGRATIONS_FOLDER }),
    documents: tmp.file('Documents'),
    stopServices: async () => {
      seen.stopped++;
      if (user.stopLeavesLock) return;
      running?.close();
      running = undefined;
    },
    relaunch: () => void seen.relaunched++,
    now: () => NOW,
  };
  return { database, seen, commands: createBackupCommands(deps) };
}

describe('Back up now', () => {
  it('asks where, backs up while the app runs, and says where every file went', async () => {
    const out = tmp.file('monday.db');
    const { database, seen, commands } = shell({ saveTo: out });
    await commands.backUp();
    expect(seen.saveDialogs[0]).toMatchObject({ title: 'Back up now', defaultPath: join(tmp.file('Documents'), 'acm-backup-2026-03-08T10-30.db') });
    expect(seen.boxes).toEqual([
      expect.objectContaining({
        type: 'info',
        message: `Backed up to ${out}`,
        detail: expect.stringContaining(`  ${out}\n  ${out}.audit-key\n  ${out}.workspaces/2.db\n  ${out}.workspaces/2.db.audit-key`),
      }),
    ]);
    expect(contentOf(out)).toEqual(contentOf(database));
    expect(seen.stopped).toBe(0);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { seen, commands } = shell({});
    await commands.backUp();
    expect(seen.boxes).toEqual([]);
  });

  it('says why when the backup cannot be written, and writes nothing', async () => {
    const { database, seen, commands } = shell({ saveTo: tmp.file('acm.db.audit-key') });
    const before = readdirSync(tmp.dir).sort();
    await commands.backUp();
    expect(seen.boxes).toEqual([
      expect.objectContaining({
        type: 'error',
        message: 'The backup was not written',
        detail: expect.stringContaining(`${database}.audit-key already exists`),
      }),
    ]);
    expect(readdirSync(tmp.dir).sort()).toEqual(before);
  });
});

describe('Restore…', () => {
  async function withBackup(user: Parameters<typeof shell>[0]) {
    const backup = tmp.file('backup.db');
    const made = shell({ ...user, saveTo: backup, open: backup });
    await made.commands.backUp();
    made.seen.boxes.length = 0;
    // The app goes on after the backup: the restore will take this back.
    running!.agents.create({ id: 'late', name: 'Added later', definition: {}, goals: [] }, 1);
    return { ...made, backup };
  }

  it('names what it replaces, and changes nothing when the user cancels', async () => {
    const { database, seen, commands } = await withBackup({ press: 'Cancel' });
    await commands.restore();
    expect(seen.boxes).toHaveLength(1);
    const prompt = seen.boxes[0];
    expect(prompt).toMatchObject({
      type: 'warning',
      message: "Replace the app's data with the backup backup.db?",
      buttons: ['Restore and restart', 'Cancel'],
      cancelId: 1,
      defaultId: 1,
    });
    expect(prompt.detail).toContain(`This replaces:\n  ${database}.workspaces\n  ${database}.audit-key\n  ${database}\n`);
    expect(prompt.detail).toContain('The backup holds 2 workspace databases, each with its audit trail intact.');
    expect([seen.stopped, seen.relaunched]).toEqual([0, 0]);
    expect(contentOf(database).agents).toContain('Added later');
  });

  it('stops the app, restores the backup, keeps the replaced files and restarts', async () => {
    const { database, backup, seen, commands } = await withBackup({ press: 'Restore and restart' });
    await commands.restore();
    expect([seen.stopped, seen.relaunched]).toEqual([1, 1]);
    expect(seen.boxes).toHaveLength(1);
    expect(contentOf(database)).toEqual(contentOf(backup));
    const kept = readdirSync(tmp.dir).find((name) => /^acm\.db\.replaced-2\d{3}-.*Z$/.test(name));
    expect(contentOf(tmp.file(kept!)).agents).toContain('Added later');
    expect(existsSync(`${database}.lock`)).toBe(false);
  });

  it('refuses a backup that does not check out before stopping anything', async () => {
    const { seen, commands } = shell({ open: tmp.file('nothing-here.db'), press: 'Restore and restart' });
    await commands.restore();
    expect(seen.boxes).toEqual([
      expect.objectContaining({ type: 'error', message: 'nothing-here.db cannot be restored', detail: expect.stringContaining('does not exist') }),
    ]);
    expect([seen.stopped, seen.relaunched]).toEqual([0, 0]);
  });

  it('restarts on the data as it was when the restore fails after the app stopped', async () => {
    const { database, seen, commands } = await withBackup({ press: 'Restore and restart', stopLeavesLock: true });
    await commands.restore();
    expect(seen.boxes.at(-1)).toMatchObject({
      type: 'error',
      message: 'The backup was not restored',
      detail: expect.stringMatching(/is in use by process \d+.*\n\nThe app restarts on its data as it was\.$/s),
    });
    expect([seen.stopped, seen.relaunched]).toEqual([1, 1]);
    expect(contentOf(database).agents).toContain('Added later');
  });

  it('runs one command at a time: a second click while one is open is ignored', async () => {
    const { seen, commands } = await withBackup({ press: 'Cancel' });
    await Promise.all([commands.restore(), commands.restore()]);
    expect(seen.boxes).toHaveLength(1);
  });
});
