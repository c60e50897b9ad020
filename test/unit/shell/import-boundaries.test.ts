import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Everything outside electron/main and electron/preload must run without Electron: tests, `acm`, the headless host. */
const ELECTRON_FREE = ['electron/engine', 'electron/store', 'electron/platforms', 'electron/ipc', 'electron/host', 'electron/cli', 'shared', 'renderer'];
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** import/export ... from 'electron[/x]', import('electron'), require('electron'): type-only imports included, they still couple the code to Electron. */
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])electron(?:\/[^'"]*)?\1/;

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

function electronImporters(files: string[]): string[] {
  return files.filter((file) => ELECTRON_IMPORT.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
}

describe('import boundaries', () => {
  it('the pattern catches every form of importing electron and nothing else', () => {
    const catches = ["import { app } from 'electron';", 'import type { App } from "electron";', "export { shell } from 'electron'", "const e = require('electron')", "await import('electron')", "import 'electron';", "import x from 'electron/main'"];
    const passes = ["import { x } from './electron';", "import { y } from '../electron/engine/clock';", "import z from 'electron-vite';", "// the electron shell"];
    for (const line of catches) expect(ELECTRON_IMPORT.test(line), line).toBe(true);
    for (const line of passes) expect(ELECTRON_IMPORT.test(line), line).toBe(false);
  });

  it('no module outside electron/main and electron/preload imports electron', () => {
    const files = ELECTRON_FREE.flatMap((dir) => sourceFiles(join(root, dir)));
    expect(files.length).toBeGreaterThan(0);
    expect(electronImporters(files)).toEqual([]);
  });
});
