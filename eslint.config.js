// @ts-check
/**
 * ESLint for the whole repository: typescript-eslint's recommended rules, react-hooks in the renderer, and the
 * layer rule of DESIGN.md ("may import": an arrow per layer), all run by `npm run lint` with --max-warnings 0.
 * Formatting is Prettier's job (.prettierrc.json): eslint-config-prettier, last, turns off every stylistic rule.
 *
 * Why eslint-plugin-boundaries for the layers (and not dependency-cruiser or no-restricted-imports):
 * - dependency-cruiser 17 needs Node 22; this project runs on Node 20 (../shared/STACK.md).
 * - no-restricted-imports matches import strings, not files: '../../store', '../store/index' and '@store/index'
 *   are three spellings of one file, and the rule cannot say "from the engine". boundaries resolves every import
 *   (relative or through the tsconfig path aliases, with eslint-import-resolver-typescript) to a file, classifies
 *   both ends into layers by folder and checks the pair against an allow-list, so a new spelling cannot slip by.
 * - It runs in the same pass as the other rules, on every import form (import, export ... from, import(),
 *   require(), type-only imports included), and editors show the error on the line.
 * test/unit/tooling/lint-layers.test.ts proves the rule bites (e.g. the engine importing the store fails).
 *
 * Type-aware linting is off: with typescript-eslint's typed rules (recommendedTypeChecked, projectService) the run
 * took 71 s on this 2-core machine against about 20 s without; `npm run typecheck` already runs tsc on the three
 * tsconfigs. (Typed rules found no floating promise at the time; worth a second look if they get cheaper.)
 */
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The repository root: layer folders and the tsconfig are found from here, whatever the working directory. */
const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** The layers of DESIGN.md, one per folder (paths from the repository root). */
const LAYERS = {
  shared: 'shared',
  engine: 'electron/engine',
  lab: 'electron/lab',
  store: 'electron/store',
  platforms: 'electron/platforms',
  ipc: 'electron/ipc',
  host: 'electron/host',
  cli: 'electron/cli',
  main: 'electron/main',
  preload: 'electron/preload',
  renderer: 'renderer',
};

/**
 * Which other layers each layer may import (importing within one's own layer is always allowed). Nothing imports
 * lab but host and cli; nothing imports main or preload; the renderer sees only shared.
 */
const MAY_IMPORT = {
  shared: [],
  engine: ['shared'],
  platforms: ['shared'],
  store: ['shared'],
  renderer: ['shared'],
  ipc: ['shared', 'engine'],
  lab: ['engine', 'platforms', 'store', 'shared'],
  host: ['shared', 'engine', 'lab', 'store', 'platforms', 'ipc'],
  cli: ['shared', 'engine', 'lab', 'store', 'platforms', 'ipc', 'host'],
  main: ['host', 'ipc', 'shared'],
  preload: ['host', 'ipc', 'shared'],
};

/** Only the Electron shell may import the `electron` package: everything else also runs under plain Node (acm, tests). */
const ELECTRON_SHELL = ['main', 'preload'];

/** The store's helper for tests (an in-memory store and the like): only test/** may import it. */
const STORE_TESTING = ['electron/store/testing.ts', 'electron/store/testing/**'];

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];

export default defineConfig(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'electron/store/migrations/**', '.acm/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: config.files ?? TS_FILES })),
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: TS_FILES,
    rules: {
      // tsc's noUnusedLocals covers locals; this adds parameters and catch bindings, with `_name` as the way out.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // React: the rules of hooks (and the React Compiler's checks of the same family) in the renderer only.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: globals.browser },
  },

  // The layers. Files outside the layer folders (test/**, configs) are not classified, so not restricted.
  {
    files: ['electron/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', 'shared/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', 'renderer/**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': {
        // Resolves relative imports and the path aliases (@engine/*, ...) of the tsconfigs to files.
        typescript: { project: `${ROOT}tsconfig.json` },
        node: true,
      },
      'boundaries/root-path': ROOT,
      'boundaries/elements': Object.entries(LAYERS).map(([type, folder]) => ({ type, pattern: folder, partialMatch: false })),
      'boundaries/files': [{ category: 'store-testing', pattern: STORE_TESTING }],
      // Every way a file can depend on another: import, export ... from, import(), require().
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'boundaries/legacy-templates': false,
    },
    rules: {
      // Every file under electron/, shared/ and renderer/ belongs to a layer: a new top-level folder must be added above.
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            'The {{from.element.type}} layer may not import the {{to.element.type}} layer (MAY_IMPORT in eslint.config.js; the layer rule of DESIGN.md).',
          // Check packages too (for `electron`) and imports within one layer (for the store's test helper).
          checkAllOrigins: true,
          checkInternals: true,
          // Later policies win over earlier ones.
          policies: [
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            { allow: { dependency: { relationship: { to: 'internal' } } } },
            ...Object.entries(MAY_IMPORT)
              .filter(([, targets]) => targets.length > 0)
              .map(([layer, targets]) => ({ from: { element: { type: layer } }, allow: { to: { element: { types: targets } } } })),
            {
              from: { element: { types: Object.keys(LAYERS).filter((layer) => !ELECTRON_SHELL.includes(layer)) } },
              disallow: { to: { module: { origin: 'external', source: 'electron' } } },
              message: "Only electron/main and electron/preload may import 'electron': the rest also runs under plain Node (acm, the headless host, tests).",
            },
            {
              disallow: { to: { file: { categories: 'store-testing' } } },
              message: 'electron/store/testing is for tests: only test/** may import it.',
            },
          ],
        },
      ],
    },
  },

  prettier,
);
