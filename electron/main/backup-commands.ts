import type { BrowserWindow, Dialog, MessageBoxOptions, MessageBoxReturnValue } from 'electron';
import { basename, join } from 'node:path';
import type { DesktopBackups, RestorePlan } from '../host/desktop-backup';

const RESTORE_BUTTON = 0;
const CANCEL_BUTTON = 1;
const FILTERS = [
  { name: 'Database backups', extensions: ['db', 'bak'] },
  { name: 'All files', extensions: ['*'] },
];

export interface BackupCommandDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox'>;
  /** The window the dialogs belong to, if one is open. */
  parent: () => BrowserWindow | undefined;
  backups: DesktopBackups;
  /** Where the save dialog starts: the user's documents folder. */
  documents: string;
  /** Stops the agents and closes the databases, which gives back the lock a restore needs. */
  stopServices: () => Promise<void>;
  /** Starts the app again on the restored files (app.relaunch(), then app.exit(0)). */
  relaunch: () => void;
  now?: () => number;
}

export interface BackupCommands {
  backUp(): Promise<void>;
  restore(): Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** What a person is shown of the files: not SQLite's journal files. */
const shown = (paths: readonly string[]) => paths.filter((path) => !/-(wal|shm)$/.test(path));

/** The question before a restore: what comes back, what it replaces, and that nothing is deleted. */
export function restorePrompt(from: string, plan: RestorePlan, database: string): MessageBoxOptions {
  const workspaces = plan.check.files.length;
  const replaced = shown(plan.replaces);
  return {
    type: 'warning',
    title: 'Restore a backup',
    message: `Replace the app's data with the backup ${basename(from)}?`,
    detail: [
      `The backup holds ${workspaces} workspace database${workspaces === 1 ? '' : 's'}, each with its audit trail intact.`,
      replaced.length === 0
        ? `Nothing is replaced: ${database} does not exist yet.`
        : `This replaces:\n${replaced.map((path) => `  ${path}`).join('\n')}\nThey are kept beside it, renamed with the time of the restore, not deleted.`,
      'The agents stop and the app restarts on the backup.',
    ].join('\n\n'),
    buttons: ['Restore and restart', 'Cancel'],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

/**
 * The menu's "Back up now" and "Restore…": each asks for a file, does the work, and ends in a
 * message saying what happened (never an exception: a menu click has no caller to catch it).
 * One at a time: a second click while one runs is ignored.
 */
export function createBackupCommands(deps: BackupCommandDeps): BackupCommands {
  const now = deps.now ?? Date.now;
  let busy = false;
  const show = (box: MessageBoxOptions): Promise<MessageBoxReturnValue> => {
    const parent = deps.parent();
    return parent ? deps.dialog.showMessageBox(parent, box) : deps.dialog.showMessageBox(box);
  };
  const once = (work: () => Promise<void>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } finally {
      busy = false;
    }
  };

  async function backUp(): Promise<void> {
    const parent = deps.parent();
    const stamp = new Date(now()).toISOString().slice(0, 16).replace(':', '-');
    const options = { title: 'Back up now', buttonLabel: 'Back up', defaultPath: join(deps.documents, `acm-backup-${stamp}.db`), filters: FILTERS };
    const { canceled, filePath } = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
    if (canceled || !filePath) return;
    try {
      const report = await deps.backups.backUp(filePath);
      const written = report.files.flatMap((file) => [file.to, ...file.keys]);
      const sealed = written.some((path) => path.endsWith('.sealed'));
      await show({
        type: 'info',
        title: 'Backup written',
        message: `Backed up to ${filePath}`,
        detail: [
          `Written:\n${written.map((path) => `  ${path}`).join('\n')}`,
          ...(sealed ? ["The audit keys are sealed by this computer's keychain: this backup restores on this computer's account."] : []),
          'Keep these files together, and a copy away from this computer.',
        ].join('\n\n'),
      });
    } catch (error) {
      await show({
        type: 'error',
        title: 'Backup failed',
        message: 'The backup was not written',
        detail: `${message(error)}\n\nNothing was left under that name.`,
      });
    }
  }

  async function restore(): Promise<void> {
    const parent = deps.parent();
    const options = { title: 'Restore a backup', buttonLabel: 'Restore…', properties: ['openFile' as const], filters: FILTERS };
    const { canceled, filePaths } = parent ? await deps.dialog.showOpenDialog(parent, options) : await deps.dialog.showOpenDialog(options);
    const from = filePaths[0];
    if (canceled || !from) return;
    let plan: RestorePlan;
    try {
      plan = await deps.backups.planRestore(from);
    } catch (error) {
      await show({
        type: 'error',
        title: 'Cannot restore',
        message: `${basename(from)} cannot be restored`,
        detail: `${message(error)}\n\nNothing was changed.`,
      });
      return;
    }
    const { response } = await show(restorePrompt(from, plan, deps.backups.database));
    if (response !== RESTORE_BUTTON) return;
    try {
      await deps.stopServices();
      await deps.backups.restore(from);
    } catch (error) {
      await show({
        type: 'error',
        title: 'Restore failed',
        message: 'The backup was not restored',
        detail: `${message(error)}\n\nThe app restarts on its data as it was.`,
      });
    }
    deps.relaunch();
  }

  return { backUp: once(backUp), restore: once(restore) };
}
