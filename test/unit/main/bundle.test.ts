import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'electron-vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'acm-bundle-'));
  await build({ root, configFile: join(root, 'electron.vite.config.ts'), build: { outDir }, logLevel: 'error' });
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('the electron-vite build', () => {
  it('bundles the preload as one CommonJS file that requires nothing but electron', () => {
    expect(readdirSync(join(outDir, 'preload'))).toEqual(['index.cjs']);
    const preload = readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8');
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    expect(required).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld("acm"');
  });

  it('produces the main process and the renderer page the main process loads', () => {
    expect(existsSync(join(outDir, 'main', 'index.js'))).toBe(true);
    expect(existsSync(join(outDir, 'renderer', 'index.html'))).toBe(true);
    const main = readFileSync(join(outDir, 'main', 'index.js'), 'utf8');
    expect(main).toContain('../preload/index.cjs');
    expect(main).toContain('"../renderer"');
  });

  it('does not ship the vite toolchain inside the main process', () => {
    expect(readdirSync(join(outDir, 'main'))).toEqual(['index.js']);
  });
});
