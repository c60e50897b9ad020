import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // The path aliases of tsconfig.base.json (test/unit/tooling/aliases.test.ts keeps the copies in step).
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('../shared', import.meta.url)),
      '@engine': fileURLToPath(new URL('../electron/engine', import.meta.url)),
      '@lab': fileURLToPath(new URL('../electron/lab', import.meta.url)),
      '@store': fileURLToPath(new URL('../electron/store', import.meta.url)),
      '@platforms': fileURLToPath(new URL('../electron/platforms', import.meta.url)),
      '@ipc': fileURLToPath(new URL('../electron/ipc', import.meta.url)),
      '@host': fileURLToPath(new URL('../electron/host', import.meta.url)),
      '@cli': fileURLToPath(new URL('../electron/cli', import.meta.url)),
      '@renderer': fileURLToPath(new URL('../renderer', import.meta.url)),
    },
  },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
