import { backupDatabase, type BackupReport } from '../store/backup/backup-database';
import { planRestore, restoreBackup, type RestorePlan, type RestoreReport } from '../store/backup/restore-backup';
import type { DesktopPaths } from './desktop-services';

export type { BackupReport, RestorePlan, RestoreReport };

/** The app's database and its workspaces, backed up and restored through the Electron build of SQLite (the menu's "Back up now" and "Restore…"). */
export interface DesktopBackups {
  /** The database the app runs on. */
  readonly database: string;
  /** An online backup: the agents go on meanwhile. */
  backUp(out: string): Promise<BackupReport>;
  /** Checks the backup whole and says what a restore would replace, while the app still runs. */
  planRestore(from: string): Promise<RestorePlan>;
  /** Puts the backup in place; only once the app has closed its database (it holds the lock until then). */
  restore(from: string): Promise<RestoreReport>;
}

export function desktopBackups(paths: Pick<DesktopPaths, 'database' | 'nativeBinding' | 'migrations'>): DesktopBackups {
  const sqlite = { nativeBinding: paths.nativeBinding, migrationsFolder: paths.migrations };
  return {
    database: paths.database,
    backUp: (out) => backupDatabase({ ...sqlite, database: paths.database, out }),
    planRestore: (from) => planRestore({ ...sqlite, from, database: paths.database }),
    restore: (from) => restoreBackup({ ...sqlite, from, database: paths.database }),
  };
}
