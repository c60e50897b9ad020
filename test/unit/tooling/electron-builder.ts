import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

/** One package electron-builder copies into the app's node_modules. */
export interface PackedModule {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
}

interface CollectedModule extends PackedModule {
  readonly dependencies?: readonly CollectedModule[];
}

interface Collector {
  getNodeModules(options: { packageName: string }): Promise<{ nodeModules: readonly CollectedModule[] }>;
}

interface CollectorModule {
  getCollectorByPackageManager(pm: string, rootDir: string, tempDirManager: unknown): Collector;
  PM: { NPM: string };
}

interface TempFileModule {
  TmpDir: new () => { cleanup(): Promise<void> };
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: null, configFromOptions: null): Promise<BuildConfig>;
  validateConfiguration(config: BuildConfig, debugLogger: unknown): Promise<void>;
}

interface MacroModule {
  expandMacro(pattern: string, arch: null, appInfo: object): string;
}

/** The parts of electron-builder's configuration the tests read. */
export interface BuildConfig {
  /** Glob patterns, or {from, to, filter} objects (electron-builder gathers the patterns into one such object). */
  readonly files?: readonly unknown[];
  readonly publish?: readonly { readonly provider: string; readonly url?: string }[];
  readonly mac?: {
    readonly target?: readonly string[];
    readonly hardenedRuntime?: boolean;
    readonly notarize?: boolean;
    readonly entitlements?: string;
    readonly entitlementsInherit?: string;
  };
  readonly [key: string]: unknown;
}

/**
 * electron-builder's own modules, which are internal to app-builder-lib (pinned by package-lock.json):
 * what `npm run dist` would do, run without the Electron binary that CI machines never download.
 */
function fromBuilder(root: string): NodeJS.Require {
  return createRequire(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'));
}

/** The node_modules set `npm run dist` packs, by the collector its packager runs (`npm list --omit dev` and its hoisting). */
export async function packedModules(root: string): Promise<PackedModule[]> {
  const builder = fromBuilder(root);
  const { getCollectorByPackageManager, PM } = builder('./out/node-module-collector/index.js') as CollectorModule;
  const { TmpDir } = builder('temp-file') as TempFileModule;
  const { name } = createRequire(join(root, 'package.json'))('./package.json') as { name: string };
  const tmp = new TmpDir();
  try {
    const { nodeModules } = await getCollectorByPackageManager(PM.NPM, root, tmp).getNodeModules({ packageName: name });
    const flat: PackedModule[] = [];
    const walk = (list: readonly CollectedModule[]): void => {
      for (const { name: moduleName, version, dir, dependencies } of list) {
        flat.push({ name: moduleName, version, dir });
        walk(dependencies ?? []);
      }
    };
    walk(nodeModules);
    return flat;
  } finally {
    await tmp.cleanup();
  }
}

/** The packed packages `entries` need, by name: those and, transitively, their dependencies and optional dependencies. */
export function neededBy(modules: readonly PackedModule[], entries: Iterable<string>): Set<string> {
  const needed = new Set<string>();
  const pending = [...entries];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (needed.has(name)) continue;
    needed.add(name);
    for (const { dir } of modules.filter((module) => module.name === name)) {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      pending.push(...Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }));
    }
  }
  return needed;
}

/**
 * Bytes on disk of the packed modules, each folder counted once and without its nested node_modules
 * (packed as entries of their own), leaving out what the configuration's `files` excludes under
 * node_modules. electron-builder's default filters (read-mes, tests, type declarations) would trim more.
 */
export function packedBytes(root: string, modules: readonly PackedModule[], config: BuildConfig): number {
  const { minimatch } = fromBuilder(root)('minimatch') as { minimatch: (path: string, pattern: string, options: object) => boolean };
  const patterns = (config.files ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : ((entry as { filter?: string[] }).filter ?? [])));
  const exclusions = patterns.filter((pattern) => pattern.startsWith('!node_modules/')).map((pattern) => pattern.slice(1));
  const excluded = (path: string): boolean => exclusions.some((pattern) => minimatch(relative(root, path).split(sep).join('/'), pattern, { dot: true }));
  const bytesUnder = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? sum : sum + bytesUnder(path);
      return entry.isFile() && !excluded(path) ? sum + statSync(path).size : sum;
    }, 0);
  return [...new Set(modules.map((module) => module.dir))].reduce((sum, dir) => sum + bytesUnder(dir), 0);
}

/** package.json's "build" section as electron-builder reads it, after its schema check (which throws on a misspelt or misplaced option). */
export async function buildConfig(root: string): Promise<BuildConfig> {
  const builder = fromBuilder(root);
  const { getConfig, validateConfiguration } = builder('./out/util/config/config.js') as ConfigModule;
  const { DebugLogger } = builder('builder-util') as { DebugLogger: new (isEnabled: boolean) => unknown };
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** A `${env.NAME}`-style pattern of the configuration expanded as electron-builder expands it when it packs. */
export function expandMacro(root: string, pattern: string): string {
  const { expandMacro: expand } = fromBuilder(root)('./out/util/macroExpander.js') as MacroModule;
  return expand(pattern, null, {});
}
