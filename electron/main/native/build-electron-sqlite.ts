import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, realpath, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { electronSqlitePath, type NativeTarget } from './native-paths';

export const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';

export interface EnsureOptions extends NativeTarget {
  projectRoot: string;
  headersUrl: string;
  log: (line: string) => void;
  /** How long to wait for Electron's header server before giving up. */
  timeoutMs?: number;
}

export type EnsureResult = { built: boolean; path: string };

/**
 * Builds better-sqlite3 for Electron's ABI into its own folder, unless it is already there.
 * The package is copied to a temporary folder and rebuilt there, so the Node build in
 * node_modules/better-sqlite3/build stays exactly as it was, whatever happens.
 */
export async function ensureElectronSqlite(options: EnsureOptions): Promise<EnsureResult> {
  const target = electronSqlitePath(options.projectRoot, options);
  if (existsSync(target)) return { built: false, path: target };

  const headers = `${options.headersUrl.replace(/\/+$/, '')}/v${options.electronVersion}/node-v${options.electronVersion}-headers.tar.gz`;
  await checkReachable(headers, options.timeoutMs ?? 15_000);

  const installed = join(options.projectRoot, 'node_modules', 'better-sqlite3');
  if (!existsSync(join(installed, 'binding.gyp'))) throw new Error(`better-sqlite3 sources not found at ${installed}; run npm ci first`);
  // The real folder, so that a symlinked install is copied rather than linked (and then rebuilt in place).
  const source = await realpath(installed);
  const nodeGyp = join(options.projectRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (!existsSync(nodeGyp)) throw new Error(`node-gyp not found at ${nodeGyp}; run npm ci first`);

  const work = await mkdtemp(join(tmpdir(), 'acm-electron-sqlite-'));
  const logFile = join(dirname(dirname(target)), `build-${basename(dirname(target))}.log`);
  try {
    const copy = join(work, 'better-sqlite3');
    await cp(source, copy, { recursive: true, filter: (path) => path !== join(source, 'build') });
    options.log(`building better-sqlite3 for Electron ${options.electronVersion} (${options.platform}-${options.arch}); log: ${logFile}`);
    await mkdir(dirname(logFile), { recursive: true });
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${options.electronVersion}`,
      '--runtime=electron',
      `--dist-url=${options.headersUrl}`,
      `--arch=${options.arch}`,
    ];
    const code = await run(process.execPath, args, copy, logFile);
    if (code !== 0) throw new Error(`node-gyp exited with code ${code} while building for Electron ${options.electronVersion}; see ${logFile}`);
    await mkdir(dirname(target), { recursive: true });
    // Copied beside the target and renamed, so an interrupted run never leaves a half-written addon that would be "already built".
    await copyFile(join(copy, 'build', 'Release', 'better_sqlite3.node'), `${target}.partial`);
    await rename(`${target}.partial`, target);
    return { built: true, path: target };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function checkReachable(url: string, timeoutMs: number): Promise<void> {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`cannot download Electron's headers from ${url} (${reason}); they are needed to build better-sqlite3 for Electron`, { cause: error });
  }
}

/** Runs node-gyp with npm's per-project settings removed: npm_config_nodedir would make it build against Node's headers again. */
function run(command: string, args: string[], cwd: string, logFile: string): Promise<number> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch)$/i.test(key)));
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (code) => log.end(() => resolve(code ?? 1)));
  });
}

/** Copies the built addon where electron-builder picks it up for the packaged app. */
export async function stageForPackaging(addon: string, stagingDir: string): Promise<string> {
  await mkdir(stagingDir, { recursive: true });
  const staged = join(stagingDir, basename(addon));
  await copyFile(addon, staged);
  return staged;
}
