import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Under `electron-vite dev` the main process sends the policy as a header, with the nonce of
 * Vite's inline dev scripts; renderer/index.html's meta policy has no nonce and would block
 * them (both policies apply), so the dev server serves the page without it.
 */
const devPolicyFromHeaderOnly = (): Plugin => ({
  name: 'acm:dev-csp-from-header',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/i, ''),
});

/** The path aliases of tsconfig.base.json, for Vite (test/unit/tooling/aliases.test.ts keeps the copies in step). */
const alias = Object.fromEntries(
  Object.entries({
    '@shared': 'shared',
    '@engine': 'electron/engine',
    '@lab': 'electron/lab',
    '@store': 'electron/store',
    '@platforms': 'electron/platforms',
    '@ipc': 'electron/ipc',
    '@host': 'electron/host',
    '@cli': 'electron/cli',
    '@renderer': 'renderer',
  }).map(([name, dir]) => [name, resolve(__dirname, dir)]),
);

export default defineConfig(({ command }) => {
  // The dev server injects inline scripts (React Fast Refresh) and styles (HMR). They carry
  // this nonce, which the main process (started by electron-vite with this environment) puts
  // in its Content-Security-Policy, so development runs under the same strict policy.
  const devNonce = command === 'serve' ? (process.env.ACM_DEV_CSP_NONCE ??= randomBytes(18).toString('base64')) : undefined;
  return {
    main: {
      resolve: { alias },
      build: {
        outDir: 'out/main',
        rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
      },
    },
    preload: {
      resolve: { alias },
      build: {
        outDir: 'out/preload',
        // A sandboxed preload cannot import or require anything but 'electron': one self-contained CommonJS file.
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: resolve(__dirname, 'electron/preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
    renderer: {
      root: resolve(__dirname, 'renderer'),
      resolve: { alias },
      plugins: [react(), devPolicyFromHeaderOnly()],
      ...(devNonce ? { html: { cspNonce: devNonce } } : {}),
      build: {
        outDir: resolve(__dirname, 'out/renderer'),
        // electron-vite leaves every bundle unminified; the renderer is the one that loads at each
        // window start, so the production build minifies it (main stays readable for stack traces in logs).
        minify: true,
        rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
      },
    },
  };
});
