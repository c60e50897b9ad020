import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import vitestConfig from '../../vitest.config';

/**
 * The path aliases are written in three places (tsconfig.base.json for tsc, tsx, Playwright and ESLint's resolver;
 * electron.vite.config.ts for the three builds; test/vitest.config.ts for vitest): this keeps them in step.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

const ALIASES: Record<string, string> = {
  '@shared': 'shared',
  '@engine': 'electron/engine',
  '@lab': 'electron/lab',
  '@store': 'electron/store',
  '@platforms': 'electron/platforms',
  '@ipc': 'electron/ipc',
  '@host': 'electron/host',
  '@cli': 'electron/cli',
  '@renderer': 'renderer',
};

const absolute = Object.fromEntries(Object.entries(ALIASES).map(([alias, folder]) => [alias, resolve(root, folder)]));

function tsconfigPaths(file: string): Record<string, string[]> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, file),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => expect.fail(String(d.messageText)) },
  );
  if (!parsed) throw new Error(`cannot read ${file}`);
  const base = parsed.options.pathsBasePath as string;
  return Object.fromEntries(Object.entries(parsed.options.paths ?? {}).map(([key, targets]) => [key, targets.map((target) => resolve(base, target))]));
}

describe('path aliases', () => {
  it('point at the layer folders', () => {
    for (const folder of Object.values(ALIASES)) expect(existsSync(join(root, folder)) && statSync(join(root, folder)).isDirectory(), folder).toBe(true);
  });

  it('are the same in every tsconfig (tsx and Playwright read tsconfig.json)', () => {
    const expected = Object.fromEntries(Object.entries(absolute).map(([alias, folder]) => [`${alias}/*`, [`${folder}/*`]]));
    for (const file of ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.test-web.json'])
      expect(tsconfigPaths(file), file).toEqual(expected);
  });

  it('are the same for vitest', () => {
    expect(vitestConfig.resolve?.alias).toEqual(absolute);
  });

  it('are the same for the main, preload and renderer builds', async () => {
    const { default: config } = await import('../../../electron.vite.config');
    const built = typeof config === 'function' ? await config({ command: 'build', mode: 'production' }) : config;
    for (const part of ['main', 'preload', 'renderer'] as const) expect(built[part]?.resolve?.alias, part).toEqual(absolute);
  });

  it('resolve in vitest', async () => {
    const viaAlias = await import('@shared/scenario/limits');
    const viaPath = await import('@shared/scenario/limits');
    expect(viaAlias).toBe(viaPath);
  });
});
