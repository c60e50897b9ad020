import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqlitePath } from '../../../electron/main/native/native-paths';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The Electron version the stand-in claims to be: the SQLite build is looked for under it. */
export const FAKE_ELECTRON_VERSION = '45.4.1';

/** A development tree at appPath: migrations, bundled scenarios, and (under Node) Node's SQLite build where Electron's would be. */
export async function provideProjectFiles(appPath: string): Promise<void> {
  const binding = electronSqlitePath(appPath, { electronVersion: FAKE_ELECTRON_VERSION, platform: process.platform, arch: process.arch });
  await mkdir(join(binding, '..'), { recursive: true });
  await copyFile(join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), binding);
  await mkdir(join(appPath, 'electron', 'store'), { recursive: true });
  await symlink(join(root, 'electron', 'store', 'migrations'), join(appPath, 'electron', 'store', 'migrations'));
  await symlink(join(root, 'resources'), join(appPath, 'resources'));
}
