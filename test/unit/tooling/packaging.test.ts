import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, expandMacro, neededBy, packedBytes, packedModules, type BuildConfig, type PackedModule } from './electron-builder';
import { productionBundles, type Bundle, type Process } from './production-bundles';

/**
 * What `npm run dist` puts in the installer, checked without the Electron binary: the production
 * bundles built in memory by electron.vite.config.ts, the node_modules set by electron-builder's own
 * collector, and package.json's "build" section through electron-builder's schema.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Used only by the `acm` command (run from the source tree) or by the tool chain, never by the app. */
const CLI_AND_TOOLS = ['tsx', 'esbuild', 'ws', '@napi-rs/keyring', 'vite', 'electron-vite', 'electron', 'electron-builder', 'typescript'];

/** Measured 45.0 MB once react, echarts, zustand, react-query, tsx, ws and the keyring left `dependencies` (150.9 MB before). */
const PACKED_BUDGET_BYTES = 60_000_000;

let bundles: Record<Process, Bundle>;
let packed: PackedModule[];
let packedNames: Set<string>;
let config: BuildConfig;

beforeAll(async () => {
  [bundles, packed, config] = await Promise.all([productionBundles(root), packedModules(root), buildConfig(root)]);
  packedNames = new Set(packed.map((module) => module.name));
});

/** Packages the main process reads files of at run time rather than imports: the client report's embedded font. */
const RUNTIME_FILES = ['dejavu-fonts-ttf'];
const runtimeImports = (): string[] => [...new Set([...bundles.main.externalPackages, ...bundles.preload.externalPackages, ...RUNTIME_FILES])].sort();

describe('the packaged node_modules', () => {
  it('hold every package the main process and the preload import at run time', () => {
    expect(runtimeImports()).toEqual(expect.arrayContaining(['better-sqlite3', 'drizzle-orm', 'zod']));
    expect(runtimeImports().filter((name) => !packedNames.has(name))).toEqual([]);
  });

  it('hold only packages the app imports at run time, and what those need', () => {
    const needed = neededBy(packed, runtimeImports());
    expect([...packedNames].filter((name) => !needed.has(name)).sort()).toEqual([]);
  });

  it('leave out what the renderer bundle already carries, the command line and the build tools', () => {
    const needed = neededBy(packed, runtimeImports());
    const rendererOnly = [...bundles.renderer.bundledPackages].filter((name) => !needed.has(name));
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', 'react-dom', 'echarts', 'zustand', '@tanstack/react-query']));
    expect([...rendererOnly, ...CLI_AND_TOOLS].filter((name) => packedNames.has(name))).toEqual([]);
  });

  it('load native modules from node_modules rather than from the bundle', () => {
    expect(bundles.main.externalPackages.has('better-sqlite3')).toBe(true);
    expect(bundles.main.bundledPackages.has('better-sqlite3')).toBe(false);
    expect([...bundles.preload.externalPackages]).toEqual([]);
  });

  it(`stay under ${PACKED_BUDGET_BYTES / 1e6} MB on disk`, () => {
    expect(packedBytes(root, packed, config)).toBeLessThan(PACKED_BUDGET_BYTES);
  });
});

describe('the production renderer', () => {
  it('is minified', () => {
    const code = bundles.renderer.entryCode;
    // Unminified, the entry chunk is ~72,000 lines of ~37 characters; minified, 80 lines of ~13,600.
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
  });
});

describe('the installers', () => {
  it('build a zip beside the dmg on macOS, which electron-updater installs updates from', () => {
    expect(config.mac?.target).toEqual(expect.arrayContaining(['dmg', 'zip']));
  });

  it('take the update server from ACM_UPDATE_URL when packed, and refuse to pack without it', () => {
    const [feed, ...others] = config.publish ?? [];
    expect(others).toEqual([]);
    expect(feed?.provider).toBe('generic');
    const previous = process.env.ACM_UPDATE_URL;
    try {
      process.env.ACM_UPDATE_URL = 'https://updates.agency.example/acm';
      expect(expandMacro(root, feed?.url ?? '')).toBe('https://updates.agency.example/acm');
      delete process.env.ACM_UPDATE_URL;
      expect(() => expandMacro(root, feed?.url ?? '')).toThrow(/ACM_UPDATE_URL/);
    } finally {
      if (previous === undefined) delete process.env.ACM_UPDATE_URL;
      else process.env.ACM_UPDATE_URL = previous;
    }
  });

  it('are signed and notarised on macOS with a hardened runtime, by credentials from the environment only', () => {
    // Its helper processes too: left unset, electron-builder would give them its template's wider exceptions.
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlementsInherit: config.mac?.entitlements });
    expect(readFileSync(`${root}/${config.mac?.entitlements ?? ''}`, 'utf8')).toContain('com.apple.security.cs.allow-jit');
    const secretKeys = /password|csclink|cscKey|appleid|apikey|secret|token|certificateFile/i;
    const keys = (value: unknown): string[] =>
      value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)]) : [];
    expect(keys(config).filter((key) => secretKeys.test(key))).toEqual([]);
  });
});

describe('installing for development', () => {
  it("lets Electron's install script run, while CI still skips the download", () => {
    const { allowScripts } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { allowScripts: Record<string, boolean> };
    expect(allowScripts.electron).toBe(true);
    expect(readFileSync(`${root}/.ci/run`, 'utf8')).toMatch(/^export ELECTRON_SKIP_BINARY_DOWNLOAD=1$/m);
  });
});
