import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rule of eslint.config.js (eslint-plugin-boundaries) run through ESLint's Node API on small snippets
 * placed at made-up paths in each layer: a forbidden import is an error, an allowed one is not.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const RULE = 'boundaries/dependencies';

/**
 * A module that exists in the folder (path from the root, without extension), so that the imports below resolve
 * to a real file while the others move files around; the rule ignores imports it cannot resolve.
 */
function someModule(folder: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir))
      .sort()
      .flatMap((name) => {
        const path = `${dir}/${name}`;
        if (statSync(join(root, path)).isDirectory()) return walk(path);
        return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path.replace(/\.tsx?$/, '')] : [];
      });
  const found = walk(folder)[0];
  if (found === undefined) throw new Error(`no TypeScript module under ${folder}`);
  return found;
}

/** The relative specifier from `file` to `target` (both from the root), as a person would write it. */
function relativeSpecifier(file: string, target: string): string {
  const specifier = relative(dirname(join(root, file)), join(root, target));
  return specifier.startsWith('.') ? specifier : `./${specifier}`;
}

/** The alias specifier (@engine/..., ...) of a module under one of the aliased folders. */
function aliasSpecifier(target: string, folder: string, alias: string): string {
  return `${alias}/${relative(folder, target)}`;
}

let eslint: ESLint;

/** The layer-rule messages (and any parse error) for `code` linted as if it were the file at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => `${message.line}: ${message.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

describe('the layer rule of eslint.config.js', () => {
  it('forbids the engine to import the store, by a relative path or by the alias', async () => {
    const file = 'electron/engine/agents/x.ts';
    expect(await layerErrors(file, "import { createStore } from '../../store';\nexport { createStore };\n")).toEqual([expect.stringMatching(/^1: .*store/)]);
    expect(await layerErrors(file, "import { createStore } from '@store/index';\nexport { createStore };\n")).toEqual([expect.stringMatching(/^1: .*store/)]);
    expect(await layerErrors(file, "import type { Store } from '@store/index';\nexport type { Store };\n")).toHaveLength(1);
    expect(await layerErrors(file, "export * from '@store/index';\n")).toHaveLength(1);
  });

  it('lets the engine import shared, and itself', async () => {
    const file = 'electron/engine/agents/x.ts';
    const shared = someModule('shared');
    const engine = someModule('electron/engine');
    const code = [
      `export * from '${relativeSpecifier(file, shared)}';`,
      `export * from '${aliasSpecifier(shared, 'shared', '@shared')}';`,
      `export * from '${relativeSpecifier(file, engine)}';`,
      `export * from '${aliasSpecifier(engine, 'electron/engine', '@engine')}';`,
      // A control: the same file importing the store is caught, so the lines above were checked, not skipped.
      "export * from '@store/index';",
    ].join('\n');
    expect(await layerErrors(file, code)).toEqual([expect.stringMatching(/^5: /)]);
  });

  it('forbids the renderer to import electron/engine', async () => {
    const file = 'renderer/features/x/view.tsx';
    const engine = someModule('electron/engine');
    expect(await layerErrors(file, `export * from '${relativeSpecifier(file, engine)}';\n`)).toEqual([expect.stringMatching(/renderer.*engine/)]);
    expect(await layerErrors(file, `export * from '${aliasSpecifier(engine, 'electron/engine', '@engine')}';\n`)).toHaveLength(1);
    expect(await layerErrors(file, `export * from '${aliasSpecifier(someModule('shared'), 'shared', '@shared')}';\n`)).toEqual([]);
  });

  it("forbids any layer but main and preload to import 'electron', in every import form", async () => {
    const forms = [
      "import { app } from 'electron';\nexport { app };",
      "import type { App } from 'electron';\nexport type { App };",
      "export { shell } from 'electron';",
      "export const load = () => import('electron');",
      "import { ipcMain } from 'electron/main';\nexport { ipcMain };",
    ];
    for (const file of ['electron/engine/x.ts', 'electron/host/x.ts', 'electron/cli/x.ts', 'electron/ipc/x.ts', 'shared/x.ts', 'renderer/x.ts']) {
      for (const code of forms) expect(await layerErrors(file, code), `${file}: ${code}`).toEqual([expect.stringMatching(/electron/)]);
    }
    for (const file of ['electron/main/x.ts', 'electron/preload/x.ts']) {
      for (const code of forms) expect(await layerErrors(file, code), `${file}: ${code}`).toEqual([]);
    }
    expect(await layerErrors('electron/engine/x.ts', "import { defineConfig } from 'electron-vite';\nexport { defineConfig };")).toEqual([]);
  });

  it('lets only host and cli import the lab', async () => {
    const lab = someModule('electron/lab');
    const code = `export * from '${aliasSpecifier(lab, 'electron/lab', '@lab')}';\n`;
    expect(await layerErrors('electron/ipc/handlers/x.ts', code)).toEqual([expect.stringMatching(/ipc.*lab/)]);
    expect(await layerErrors('electron/ipc/handlers/x.ts', `export * from '${relativeSpecifier('electron/ipc/handlers/x.ts', lab)}';\n`)).toHaveLength(1);
    for (const file of ['electron/engine/x.ts', 'electron/store/x.ts', 'electron/platforms/x.ts', 'electron/main/x.ts', 'renderer/x.ts', 'shared/x.ts']) {
      expect(await layerErrors(file, code), file).toHaveLength(1);
    }
    for (const file of ['electron/host/x.ts', 'electron/cli/commands/x.ts']) expect(await layerErrors(file, code), file).toEqual([]);
  });

  it('lets nothing import main or preload', async () => {
    const main = someModule('electron/main');
    for (const file of ['electron/host/x.ts', 'electron/cli/x.ts', 'electron/preload/x.ts']) {
      expect(await layerErrors(file, `export * from '${relativeSpecifier(file, main)}';\n`), file).toHaveLength(1);
    }
  });

  it('keeps the other arrows of DESIGN.md', async () => {
    const [shared, engine, store, platforms, ipc, host] = [
      'shared',
      'electron/engine',
      'electron/store',
      'electron/platforms',
      'electron/ipc',
      'electron/host',
    ].map(someModule);
    const imports = (file: string, target: string) => layerErrors(file, `export * from '${relativeSpecifier(file, target)}';\n`);
    expect(await imports('electron/ipc/x.ts', engine)).toEqual([]);
    expect(await imports('electron/ipc/x.ts', store)).toHaveLength(1);
    expect(await imports('electron/ipc/x.ts', host)).toHaveLength(1);
    expect(await imports('electron/platforms/x.ts', engine)).toHaveLength(1);
    expect(await imports('electron/store/x.ts', engine)).toHaveLength(1);
    expect(await imports('shared/x.ts', engine)).toHaveLength(1);
    expect(await imports('electron/lab/x.ts', store)).toEqual([]);
    expect(await imports('electron/lab/x.ts', platforms)).toEqual([]);
    expect(await imports('electron/main/x.ts', host)).toEqual([]);
    expect(await imports('electron/main/x.ts', ipc)).toEqual([]);
    expect(await imports('electron/main/x.ts', store)).toHaveLength(1);
    expect(await imports('electron/preload/x.ts', shared)).toEqual([]);
    expect(await imports('electron/host/x.ts', store)).toEqual([]);
    expect(await imports('electron/cli/x.ts', host)).toEqual([]);
  });

  it("keeps the store's test helper for tests", async () => {
    expect(await layerErrors('electron/store/x.ts', "export * from './testing';\n")).toEqual([expect.stringMatching(/testing/)]);
    expect(await layerErrors('electron/host/x.ts', "export * from '@store/testing';\n")).toEqual([expect.stringMatching(/testing/)]);
    expect(await layerErrors('test/unit/store/x.test.ts', "export * from '@store/testing';\n")).toEqual([]);
  });

  it('puts every file under electron/, shared/ and renderer/ in a layer', async () => {
    const [result] = await eslint.lintText('export const x = 1;\n', { filePath: join(root, 'electron/elsewhere/x.ts') });
    expect(result.messages.map((message) => message.ruleId)).toEqual(['boundaries/no-unknown-files']);
    const [known] = await eslint.lintText('export const x = 1;\n', { filePath: join(root, 'electron/engine/x.ts') });
    expect(known.messages).toEqual([]);
  });

  it('does not restrict tests', async () => {
    const code = [
      "export * from '@store/index';",
      "export * from '@engine/" + relative('electron/engine', someModule('electron/engine')) + "';",
      "export * from '@renderer/" + relative('renderer', someModule('renderer')) + "';",
      "export * from '@lab/" + relative('electron/lab', someModule('electron/lab')) + "';",
      "export { app } from 'electron';",
    ].join('\n');
    expect(await layerErrors('test/unit/engine/x.test.ts', code)).toEqual([]);
  });
});
