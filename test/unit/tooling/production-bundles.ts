import { isBuiltin } from 'node:module';
import { resolveConfig } from 'electron-vite';
import { build, type InlineConfig, type Rolldown } from 'vite';

/** What one production bundle of `npm run build` is made of. */
export interface Bundle {
  /** The packages it imports at run time (left external), by package name. */
  readonly externalPackages: ReadonlySet<string>;
  /** The packages it carries inside itself, by package name. */
  readonly bundledPackages: ReadonlySet<string>;
  /** Its entry chunk's code. */
  readonly entryCode: string;
}

export type Process = 'main' | 'preload' | 'renderer';

/** '@scope/name/sub/path' → '@scope/name', 'name/sub' → 'name'. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The package a bundled file came from ('/x/node_modules/react-dom/cjs/...' → 'react-dom'), or undefined for our own sources. */
function packageOfModuleId(id: string): string | undefined {
  const at = id.lastIndexOf('/node_modules/');
  return at < 0 ? undefined : packageOf(id.slice(at + '/node_modules/'.length));
}

function outputsOf(result: Awaited<ReturnType<typeof build>>): Rolldown.RolldownOutput[] {
  if (Array.isArray(result)) return result;
  if ('output' in result) return [result];
  throw new Error('expected a build, got a watcher');
}

/** One build of electron.vite.config.ts, in memory. */
async function bundleOf(name: Process, viteConfig: InlineConfig | undefined): Promise<Bundle> {
  if (viteConfig === undefined) throw new Error(`electron.vite.config.ts has no ${name} build`);
  const chunks = outputsOf(await build(viteConfig)).flatMap((output) => output.output.filter((item) => item.type === 'chunk'));
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (entry === undefined) throw new Error(`the ${name} build has no entry chunk`);
  const ownChunks = new Set(chunks.map((chunk) => chunk.fileName));
  const imports = chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]).filter((id) => !ownChunks.has(id));
  return {
    externalPackages: new Set(imports.filter((id) => !isBuiltin(id) && id !== 'electron' && !id.startsWith('electron/')).map(packageOf)),
    bundledPackages: new Set(chunks.flatMap((chunk) => chunk.moduleIds.map(packageOfModuleId)).filter((id) => id !== undefined)),
    entryCode: entry.code,
  };
}

/**
 * Builds main, preload and renderer as `npm run build` does (electron.vite.config.ts, production
 * mode) but in memory, so the test neither waits on nor overwrites out/, which the e2e run uses.
 * Runtime imports are Node built-ins, 'electron' (the runtime itself) or packages from node_modules.
 */
export async function productionBundles(root: string): Promise<Record<Process, Bundle>> {
  // electron-vite sets NODE_ENV for the build it resolves; the tests around this one keep theirs.
  const nodeEnv = process.env.NODE_ENV;
  try {
    const { config } = await resolveConfig({ root, mode: 'production', logLevel: 'silent', build: { write: false } }, 'build', 'production');
    return {
      main: await bundleOf('main', config?.main),
      preload: await bundleOf('preload', config?.preload),
      renderer: await bundleOf('renderer', config?.renderer),
    };
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
