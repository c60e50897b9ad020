/**
 * `tsx electron/main/native/ensure-electron-sqlite.ts [--stage]`: makes sure the Electron
 * build of better-sqlite3 exists (building it on first run), and with --stage copies it to
 * out/native for electron-builder. Fails with one line on stderr and exit code 1.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HEADERS_URL, ensureElectronSqlite, stageForPackaging } from './build-electron-sqlite';
import { STAGING_DIR } from './native-paths';

const PREFIX = 'ensure-electron-sqlite:';

async function main(argv: string[]): Promise<void> {
  const unknown = argv.filter((arg) => arg !== '--stage');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]} (the only option is --stage)`);
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const electronVersion = readElectronVersion(projectRoot);
  const result = await ensureElectronSqlite({
    projectRoot,
    electronVersion,
    platform: process.platform,
    arch: process.env.npm_config_arch ?? process.arch,
    headersUrl: process.env.ACM_ELECTRON_HEADERS_URL ?? DEFAULT_HEADERS_URL,
    log: (line) => console.log(`${PREFIX} ${line}`),
  });
  console.log(`${PREFIX} ${result.built ? 'built' : 'already built'} ${result.path}`);
  if (argv.includes('--stage')) console.log(`${PREFIX} staged ${await stageForPackaging(result.path, join(projectRoot, STAGING_DIR))}`);
}

function readElectronVersion(projectRoot: string): string {
  const file = join(projectRoot, 'node_modules', 'electron', 'package.json');
  try {
    const version: unknown = JSON.parse(readFileSync(file, 'utf8')).version;
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) throw new Error(`no valid "version" in it`);
    return version;
  } catch (error) {
    throw new Error(`cannot read the installed Electron version from ${file}: ${(error as Error).message}`, { cause: error });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`${PREFIX} ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
