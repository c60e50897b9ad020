import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureElectronSqlite } from '../../../electron/main/native/build-electron-sqlite';
import { electronSqlitePath } from '../../../electron/main/native/native-paths';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const script = join(root, 'electron', 'main', 'native', 'ensure-electron-sqlite.ts');
const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
const target = { electronVersion, platform: process.platform, arch: process.arch };
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A header server that has no headers: every request is a 404. */
let server: Server;
let headersUrl: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  headersUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Asynchronous, so that the header server in this process can answer the script. */
const runScript = (args: string[]) =>
  new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const env = { ...process.env, ACM_ELECTRON_HEADERS_URL: headersUrl };
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, encoding: 'utf8' }, (error, _stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
  });

describe('the Electron build of better-sqlite3', () => {
  it('is not rebuilt when this Electron version already has one', async () => {
    const project = await mkdtemp(join(tmpdir(), 'acm-native-'));
    try {
      const existing = electronSqlitePath(project, target);
      await mkdir(join(existing, '..'), { recursive: true });
      await writeFile(existing, 'addon');
      const result = await ensureElectronSqlite({ projectRoot: project, ...target, headersUrl: 'http://127.0.0.1:1', log: () => {} });
      expect(result).toEqual({ built: false, path: existing });
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it("fails clearly without Electron's headers and leaves the Node build alone", async () => {
    const before = digest(nodeBuild);
    const project = await mkdtemp(join(tmpdir(), 'acm-native-'));
    try {
      await expect(ensureElectronSqlite({ projectRoot: project, ...target, headersUrl, log: () => {} })).rejects.toThrow(
        `cannot download Electron's headers from ${headersUrl}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz (HTTP 404)`,
      );
      expect(existsSync(electronSqlitePath(project, target))).toBe(false);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
    expect(digest(nodeBuild)).toBe(before);
  });

  it.skipIf(existsSync(electronSqlitePath(root, target)))('the command prints one line and exits 1 when it cannot build', async () => {
    const run = await runScript([]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^ensure-electron-sqlite: cannot download Electron's headers from .* \(HTTP 404\)/)]);
  });

  it('the command refuses an unknown option in one line', async () => {
    const run = await runScript(['--force']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('ensure-electron-sqlite: unknown argument --force (the only option is --stage)');
  });
});
